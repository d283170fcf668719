// Named profiles from the shared AWS config and credentials files (~/.aws/config, ~/.aws/credentials,
// or the files named by AWS_CONFIG_FILE and AWS_SHARED_CREDENTIALS_FILE).
import type * as IniModule from './ini';

/** The ini loader alone (dist/ini.js when bundled; see esbuild.mjs), never the SDK bundle. */
function loadIni(): typeof IniModule {
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- loaded on first use only
  return require('./ini') as typeof IniModule;
}

export interface AwsProfile {
  readonly name: string;
  /** The profile's `region`, when it has one. */
  readonly region?: string;
  /** The profile's `endpoint_url` (the standard key for a custom endpoint), when it has one. */
  readonly endpointUrl?: string;
  /** Where the profile is defined: the config file, the credentials file, or both. */
  readonly sources: ReadonlyArray<'config' | 'credentials'>;
}

/** Sections of the config file that are not profiles ("sso-session x", "services x"). */
const NOT_A_PROFILE = /^(sso-session|services)[. ]/;

export async function listProfiles(): Promise<AwsProfile[]> {
  const { loadSharedConfigFiles } = loadIni();
  const { configFile, credentialsFile } = await loadSharedConfigFiles({ ignoreCache: true });
  const names = new Set([...Object.keys(configFile), ...Object.keys(credentialsFile)]);
  const profiles: AwsProfile[] = [];
  for (const name of names) {
    if (NOT_A_PROFILE.test(name)) {
      continue;
    }
    const config = configFile[name] ?? {};
    const sources: Array<'config' | 'credentials'> = [];
    if (configFile[name]) {
      sources.push('config');
    }
    if (credentialsFile[name]) {
      sources.push('credentials');
    }
    profiles.push({ name, region: config.region, endpointUrl: config.endpoint_url, sources });
  }
  return profiles.sort((a, b) => a.name.localeCompare(b.name));
}

export async function findProfile(name: string): Promise<AwsProfile | undefined> {
  return (await listProfiles()).find((p) => p.name === name);
}

/** The profile's keys in the config file and in the credentials file (either undefined when absent). */
export async function profileSections(
  name: string,
): Promise<{ config?: Readonly<Record<string, string | undefined>>; credentials?: Readonly<Record<string, string | undefined>> }> {
  const { loadSharedConfigFiles } = loadIni();
  const { configFile, credentialsFile } = await loadSharedConfigFiles({ ignoreCache: true });
  return { config: configFile[name], credentials: credentialsFile[name] };
}
