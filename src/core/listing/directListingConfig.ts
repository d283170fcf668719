// What the listing worker needs to list without the SDK (directListing.ts), resolved in the host
// from the shared config files with the ini reader alone (dist/ini.js, no SDK): the profile's static
// keys, the endpoint, the default region. Everything the SDK would resolve otherwise (an assumed
// role, SSO, a credential process, FIPS or dual-stack endpoints, endpoints from the environment or
// a services section) gives undefined: the worker then lists with the SDK, as before.
import { type DirectListing } from './directListing';
import { profileNotFound, UserError } from '../aws/session/errors';
import { profileSections } from '../aws/session/profiles';
import { type SessionOptions } from '../aws/session/awsSession';

/** Region for global calls (DescribeRegions) when the profile names none (as AwsSession's). */
const DEFAULT_REGION = 'us-east-1';

/** Keys that send credential resolution through something other than the profile's static keys. */
const NOT_STATIC = [
  'role_arn',
  'credential_source',
  'source_profile',
  'credential_process',
  'web_identity_token_file',
  'sso_session',
  'sso_start_url',
];

/** Keys and variables that change the SDK's choice of endpoint. */
const ENDPOINT_KEYS = ['use_fips_endpoint', 'use_dualstack_endpoint', 'services', 'ignore_configured_endpoint_urls'];
const ENDPOINT_VARIABLES = ['AWS_USE_FIPS_ENDPOINT', 'AWS_USE_DUALSTACK_ENDPOINT', 'AWS_ENDPOINT_URL', 'AWS_ENDPOINT_URL_EC2'];

/**
 * The worker's direct listing settings for the session, or undefined when the SDK must resolve them.
 * Rejects with the readable sentence when the profile does not exist (as AwsSession.profile does).
 */
export async function directListingConfig(options: SessionOptions): Promise<DirectListing | undefined> {
  const { config, credentials } = await profileSections(options.profile);
  if (!config && !credentials) {
    throw new UserError(profileNotFound(options.profile));
  }
  // The SDK's fromIni reads the two files' sections merged, the credentials file winning.
  const merged = { ...config, ...credentials };
  if (NOT_STATIC.some((key) => merged[key] !== undefined)) {
    return undefined;
  }
  const accessKeyId = merged.aws_access_key_id;
  const secretAccessKey = merged.aws_secret_access_key;
  if (!accessKeyId || !secretAccessKey) {
    return undefined; // The SDK words what is missing.
  }
  const endpoint = options.endpointUrl || config?.endpoint_url || undefined;
  if (ENDPOINT_KEYS.some((key) => config?.[key] !== undefined) || (!endpoint && ENDPOINT_VARIABLES.some((v) => process.env[v]))) {
    return undefined;
  }
  if (ENDPOINT_VARIABLES.slice(0, 2).some((v) => process.env[v])) {
    return undefined;
  }
  return {
    credentials: { accessKeyId, secretAccessKey, sessionToken: merged.aws_session_token || undefined },
    endpoint,
    defaultRegion: config?.region ?? options.fallbackRegion ?? DEFAULT_REGION,
    maxAttempts: options.maxAttempts,
    requestTimeoutMs: options.requestTimeoutMs,
  };
}
