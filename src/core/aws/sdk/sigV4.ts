// AWS Signature Version 4 for the EC2 Query API's POST requests, with node:crypto alone: the listing
// worker signs its two calls (DescribeRegions, DescribeInstances) without loading the SDK. It gives
// the Authorization header @smithy/signature-v4 gives for the same request (a test compares the two
// over generated requests). Reference: https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_sigv-create-signed-request.html
import { createHash, createHmac } from 'node:crypto';

export interface SigningCredentials {
  readonly accessKeyId: string;
  readonly secretAccessKey: string;
  readonly sessionToken?: string;
}

export interface SignedRequestInput {
  readonly credentials: SigningCredentials;
  readonly region: string;
  readonly service: string;
  /** The Host header as sent (host[:port]). */
  readonly host: string;
  /** The request's path ("/" for the Query API at an endpoint's root). */
  readonly path: string;
  /** Headers to sign and send besides host, x-amz-date and x-amz-security-token (content-type). */
  readonly headers: Readonly<Record<string, string>>;
  readonly body: string;
  readonly date: Date;
}

const sha256Hex = (data: string) => createHash('sha256').update(data, 'utf8').digest('hex');
const hmac = (key: Buffer | string, data: string) => createHmac('sha256', key).update(data, 'utf8').digest();

/** The signing key of a day, region and service (kept: every request of a listing shares it). */
let lastKey: { id: string; key: Buffer } | undefined;

function signingKey(secret: string, day: string, region: string, service: string): Buffer {
  const id = `${day}\n${region}\n${service}\n${sha256Hex(secret)}`;
  if (lastKey?.id !== id) {
    lastKey = { id, key: hmac(hmac(hmac(hmac(`AWS4${secret}`, day), region), service), 'aws4_request') };
  }
  return lastKey.key;
}

/** RFC 3986 encoding of one path segment, as SigV4 asks (every byte but unreserved ones). */
function encodeSegment(segment: string): string {
  return encodeURIComponent(segment).replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
}

/** The headers to send: those given plus host, x-amz-content-sha256, x-amz-date, x-amz-security-token and authorization. */
export function signQueryRequest(input: SignedRequestInput): Record<string, string> {
  const amzDate = input.date
    .toISOString()
    .replace(/[-:]/g, '')
    .replace(/\.\d{3}/, '');
  const day = amzDate.slice(0, 8);
  const payloadHash = sha256Hex(input.body);
  // x-amz-content-sha256 as the SDK sends it (signed) with every request.
  const headers: Record<string, string> = {
    ...input.headers,
    host: input.host,
    'x-amz-content-sha256': payloadHash,
    'x-amz-date': amzDate,
  };
  if (input.credentials.sessionToken) {
    headers['x-amz-security-token'] = input.credentials.sessionToken;
  }
  const names = Object.keys(headers)
    .map((n) => n.toLowerCase())
    .sort();
  const lower = Object.fromEntries(Object.entries(headers).map(([n, v]) => [n.toLowerCase(), v]));
  const canonicalHeaders = names.map((n) => `${n}:${lower[n].trim().replace(/\s+/g, ' ')}\n`).join('');
  const signedHeaders = names.join(';');
  // As @smithy/signature-v4 with uriEscapePath (every service but S3): empty and "." segments
  // dropped, ".." taken back, then the path URI-encoded once more, slashes kept.
  const segments: string[] = [];
  for (const segment of input.path.split('/')) {
    if (segment === '..') {
      segments.pop();
    } else if (segment !== '' && segment !== '.') {
      segments.push(segment);
    }
  }
  const normalized =
    (input.path.startsWith('/') ? '/' : '') + segments.join('/') + (segments.length > 0 && input.path.endsWith('/') ? '/' : '');
  const canonicalPath = encodeSegment(normalized).replace(/%2F/g, '/');
  const canonicalRequest = ['POST', canonicalPath, '', canonicalHeaders, signedHeaders, payloadHash].join('\n');
  const scope = `${day}/${input.region}/${input.service}/aws4_request`;
  const stringToSign = ['AWS4-HMAC-SHA256', amzDate, scope, sha256Hex(canonicalRequest)].join('\n');
  const signature = createHmac('sha256', signingKey(input.credentials.secretAccessKey, day, input.region, input.service))
    .update(stringToSign, 'utf8')
    .digest('hex');
  headers.authorization = `AWS4-HMAC-SHA256 Credential=${input.credentials.accessKeyId}/${scope}, SignedHeaders=${signedHeaders}, Signature=${signature}`;
  return headers;
}
