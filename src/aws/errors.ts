// Turns AWS SDK, credential and network errors into one readable sentence that says what to do.
// Used by every command and by the explorer's error nodes; the full error goes to the log.

export interface ErrorContext {
  readonly region?: string;
  readonly profile?: string;
  readonly endpoint?: string;
}

/** An error whose message is already a sentence meant for the user (validation, conflicts). */
export class UserError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'UserError';
  }
}

export class CancelledError extends Error {
  constructor() {
    super('Cancelled.');
    this.name = 'CancelledError';
  }
}

export function isCancellation(error: unknown): boolean {
  return error instanceof CancelledError || (error instanceof Error && (error.name === 'AbortError' || error.name === 'Canceled'));
}

interface ErrorLike {
  name?: string;
  code?: string;
  message?: string;
  cause?: unknown;
  $metadata?: { httpStatusCode?: number };
}

function where(ctx: ErrorContext): string {
  return ctx.region ? ` in ${ctx.region}` : '';
}

function profileName(ctx: ErrorContext): string {
  return ctx.profile ? `"${ctx.profile}"` : 'the selected profile';
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
  if (error instanceof UserError) {
    return error.message;
  }
  const e = (typeof error === 'object' && error !== null ? error : { message: String(error) }) as ErrorLike;
  const name = e.name ?? '';
  const message = (e.message ?? '').trim();
  const endpoint = ctx.endpoint ? ` at ${ctx.endpoint}` : '';

  const net = networkCode(e);
  if (net === 'ECONNREFUSED') {
    return `Could not connect to the AWS endpoint${endpoint}${where(ctx)}: the connection was refused. Check the endpoint URL setting or that the service is running, then refresh.`;
  }
  if (net === 'ENOTFOUND' || net === 'EAI_AGAIN') {
    return `Could not reach the AWS endpoint${endpoint}${where(ctx)}: the host name does not resolve. Check your network connection or the endpoint URL, then refresh.`;
  }
  if (net === 'ECONNRESET' || net === 'EPIPE') {
    return `The connection to AWS${where(ctx)} was reset. Try again; if it keeps happening, check your network or proxy.`;
  }
  if (net === 'ETIMEDOUT' || name === 'TimeoutError' || /timed? ?out/i.test(message)) {
    return `AWS did not answer in time${where(ctx)}. Check your network connection and try again.`;
  }

  switch (name) {
    case 'CredentialsProviderError':
      if (/could not be found|not found in/i.test(message) || /Profile .* could not/i.test(message)) {
        return `The AWS profile ${profileName(ctx)} was not found in your AWS config or credentials file. Pick another profile or add it with "aws configure --profile ${ctx.profile ?? 'name'}".`;
      }
      return `No usable credentials for the AWS profile ${profileName(ctx)}: ${firstSentence(message)} Check ~/.aws/credentials (or run "aws configure"), then refresh.`;
    case 'AuthFailure':
    case 'InvalidClientTokenId':
    case 'UnrecognizedClientException':
    case 'SignatureDoesNotMatch':
    case 'IncompleteSignature':
      return `AWS rejected the credentials of the profile ${profileName(ctx)}${where(ctx)}: the access key is invalid or its secret is wrong. Fix the keys with "aws configure", then refresh.`;
    case 'ExpiredToken':
    case 'ExpiredTokenException':
    case 'RequestExpired':
    case 'TokenRefreshRequired':
      return `The credentials of the profile ${profileName(ctx)} have expired. Renew them (for SSO: "aws sso login --profile ${ctx.profile ?? 'name'}"), then refresh.`;
    case 'UnauthorizedOperation':
    case 'AccessDenied':
    case 'AccessDeniedException':
      return `Access denied${where(ctx)}: the profile ${profileName(ctx)} is not allowed to do this. Ask your administrator for the permission, or use another profile.`;
    case 'OptInRequired':
      return `The region${where(ctx).replace(' in', '')} is not enabled for this account. Enable it in the AWS console (Account settings) or hide it with the ec2Workbench.regions setting.`;
    case 'RequestLimitExceeded':
    case 'Throttling':
    case 'ThrottlingException':
    case 'TooManyRequestsException':
      return `AWS is throttling requests${where(ctx)}. Wait a moment and try again.`;
    case 'DryRunOperation':
      return 'The dry run succeeded: the request would have worked.';
  }

  if (name === 'ServiceUnavailable' || name === 'Unavailable' || e.$metadata?.httpStatusCode === 503) {
    return `AWS is unavailable${where(ctx)} for the moment (HTTP 503). Try again in a minute.`;
  }
  if (e.$metadata?.httpStatusCode && e.$metadata.httpStatusCode >= 500) {
    return `AWS had an internal error${where(ctx)} (HTTP ${e.$metadata.httpStatusCode}). Try again in a moment.`;
  }
  if (/Deserialization error|parse error|Unexpected end|not well-formed|mismatched tag/i.test(message)) {
    return `AWS sent an answer${where(ctx)} that could not be read (cut short or malformed). Try again; if it keeps happening, check any proxy between you and AWS.`;
  }
  if (message) {
    return message.endsWith('.') ? message : `${message}.`;
  }
  return `The AWS request failed${where(ctx)} (${name || 'unknown error'}).`;
}

function firstSentence(message: string): string {
  const sentence = message.split(/(?<=\.)\s/)[0] ?? message;
  return sentence.endsWith('.') ? sentence : `${sentence}.`;
}
