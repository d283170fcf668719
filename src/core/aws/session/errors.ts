// Turns AWS SDK, credential and network errors into one readable sentence that says what to do.
// Used by every command and by the explorer's error nodes; the full error goes to the log.

import * as l10n from '@vscode/l10n';

export interface ErrorContext {
  readonly region?: string;
  readonly profile?: string;
  readonly endpoint?: string;
}

/** An error whose message is already a sentence meant for the user (validation, conflicts). */
export class UserError extends Error {
  constructor(message: string, options?: ErrorOptions) {
    super(message, options);
    this.name = 'UserError';
  }
}

export class CancelledError extends Error {
  constructor() {
    super(l10n.t('Cancelled.'));
    this.name = 'CancelledError';
  }
}

// Our own errors are told apart by class (each module is in one bundle only, see esbuild.mjs); the
// SDK's and VS Code's cancellations by their names, and so is one rebuilt from the listing worker's
// message (listerProtocol.ts deserializeError keeps the name, not the class).
export function isCancellation(error: unknown): boolean {
  return error instanceof CancelledError || (error instanceof Error && ['CancelledError', 'AbortError', 'Canceled'].includes(error.name));
}

/** Whether the error's message is already a sentence for the user. */
export function isUserError(error: unknown): error is UserError {
  return error instanceof UserError;
}

interface ErrorLike {
  name?: string;
  code?: string;
  message?: string;
  cause?: unknown;
  $metadata?: { httpStatusCode?: number };
}

/** " in eu-west-3", appended to a phrase, or nothing without a region. */
function where(ctx: ErrorContext): string {
  return ctx.region
    ? l10n.t({
        message: ' in {0}',
        args: [ctx.region],
        comment: ['Appended to a phrase to name the AWS region, with its leading space: " in eu-west-3"'],
      })
    : '';
}

function profileName(ctx: ErrorContext): string {
  return ctx.profile ? `"${ctx.profile}"` : l10n.t('the selected profile');
}

/** The sentence for a profile missing from the AWS files (also said by AwsSession.profile()). */
export function profileNotFound(profile: string | undefined): string {
  return l10n.t(
    'The AWS profile {0} was not found in your AWS config or credentials file. Pick another profile or add it with "aws configure --profile {1}".',
    profile ? `"${profile}"` : l10n.t('the selected profile'),
    profile ?? 'name',
  );
}

/** The network-level code of an error or of one of its causes (ECONNREFUSED, ETIMEDOUT...). */
function networkCode(error: ErrorLike | undefined, depth = 0): string | undefined {
  if (!error || depth > 4) {
    return undefined;
  }
  if (error.code && /^E[A-Z]+$/.test(error.code)) {
    return error.code;
  }
  for (const inner of (error as { errors?: ErrorLike[] }).errors ?? []) {
    const code = networkCode(inner, depth + 1);
    if (code) {
      return code;
    }
  }
  return networkCode(error.cause as ErrorLike | undefined, depth + 1);
}

export function describeError(error: unknown, ctx: ErrorContext = {}): string {
  if (isUserError(error)) {
    return error.message;
  }
  const e = (typeof error === 'object' && error !== null ? error : { message: String(error) }) as ErrorLike;
  const name = e.name ?? '';
  const message = (e.message ?? '').trim();
  const endpoint = ctx.endpoint
    ? l10n.t({
        message: ' at {0}',
        args: [ctx.endpoint],
        comment: ['Appended to "the AWS endpoint", with its leading space: " at http://127.0.0.1:5000"'],
      })
    : '';

  const net = networkCode(e);
  if (net === 'ECONNREFUSED') {
    return l10n.t(
      'Could not connect to the AWS endpoint{0}{1}: the connection was refused. Check the endpoint URL setting or that the service is running, then refresh.',
      endpoint,
      where(ctx),
    );
  }
  if (net === 'ENOTFOUND' || net === 'EAI_AGAIN') {
    return l10n.t(
      'Could not reach the AWS endpoint{0}{1}: the host name does not resolve. Check your network connection or the endpoint URL, then refresh.',
      endpoint,
      where(ctx),
    );
  }
  if (net === 'ECONNRESET' || net === 'EPIPE') {
    return l10n.t('The connection to AWS{0} was reset. Try again; if it keeps happening, check your network or proxy.', where(ctx));
  }
  if (net === 'ETIMEDOUT' || name === 'TimeoutError' || /timed? ?out/i.test(message)) {
    return l10n.t('AWS did not answer in time{0}. Check your network connection and try again.', where(ctx));
  }

  // EC2 Instance Connect names the missing action in its denial: say which permission to ask for.
  const permission = /not authorized to perform:?\s*(ec2-instance-connect:(?:SendSSHPublicKey|OpenTunnel))\b/i.exec(message)?.[1];
  if (permission) {
    return l10n.t(
      'The profile {0} is not allowed to connect with EC2 Instance Connect{1}: it needs the IAM permission {2}. Ask your administrator for it, or connect with a key file.',
      profileName(ctx),
      where(ctx),
      permission,
    );
  }

  switch (name) {
    case 'CredentialsProviderError':
      if (/could not be found|not found in/i.test(message) || /Profile .* could not/i.test(message)) {
        return profileNotFound(ctx.profile);
      }
      return l10n.t(
        'No usable credentials for the AWS profile {0}: {1} Check ~/.aws/credentials (or run "aws configure"), then refresh.',
        profileName(ctx),
        firstSentence(message),
      );
    case 'AuthFailure':
    case 'InvalidClientTokenId':
    case 'UnrecognizedClientException':
    case 'SignatureDoesNotMatch':
    case 'IncompleteSignature':
      return l10n.t(
        'AWS rejected the credentials of the profile {0}{1}: the access key is invalid or its secret is wrong. Fix the keys with "aws configure", then refresh.',
        profileName(ctx),
        where(ctx),
      );
    case 'ExpiredToken':
    case 'ExpiredTokenException':
    case 'RequestExpired':
    case 'TokenRefreshRequired':
      return l10n.t(
        'The credentials of the profile {0} have expired. Renew them (for SSO: "aws sso login --profile {1}"), then refresh.',
        profileName(ctx),
        ctx.profile ?? 'name',
      );
    case 'UnauthorizedOperation':
    case 'AccessDenied':
    case 'AccessDeniedException':
      return l10n.t(
        'Access denied{0}: the profile {1} is not allowed to do this. Ask your administrator for the permission, or use another profile.',
        where(ctx),
        profileName(ctx),
      );
    case 'OptInRequired':
      return l10n.t(
        'The region {0} is not enabled for this account. Enable it in the AWS console (Account settings) or hide it with the ec2Workbench.regions setting.',
        ctx.region ?? '',
      );
    case 'RequestLimitExceeded':
    case 'Throttling':
    case 'ThrottlingException':
    case 'TooManyRequestsException':
      return l10n.t('AWS is throttling requests{0}. Wait a moment and try again.', where(ctx));
    case 'DryRunOperation':
      return l10n.t('The dry run succeeded: the request would have worked.');
  }

  if (name === 'ServiceUnavailable' || name === 'Unavailable' || e.$metadata?.httpStatusCode === 503) {
    return l10n.t('AWS is unavailable{0} for the moment (HTTP 503). Try again in a minute.', where(ctx));
  }
  if (e.$metadata?.httpStatusCode && e.$metadata.httpStatusCode >= 500) {
    return l10n.t('AWS had an internal error{0} (HTTP {1}). Try again in a moment.', where(ctx), e.$metadata.httpStatusCode);
  }
  if (/Deserialization error|parse error|Unexpected end|not well-formed|mismatched tag/i.test(message)) {
    return l10n.t(
      'AWS sent an answer{0} that could not be read (cut short or malformed). Try again; if it keeps happening, check any proxy between you and AWS.',
      where(ctx),
    );
  }
  if (message) {
    return message.endsWith('.') ? message : `${message}.`;
  }
  return l10n.t('The AWS request failed{0} ({1}).', where(ctx), name || l10n.t('unknown error'));
}

function firstSentence(message: string): string {
  const sentence = message.split(/(?<=\.)\s/)[0] ?? message;
  return sentence.endsWith('.') ? sentence : `${sentence}.`;
}
