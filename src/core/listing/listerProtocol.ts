// Messages between the explorer's listing worker (listWorker.ts) and the extension host.
import { type SdkCall } from '../aws/session/cliTranscript';
import { UserError } from '../aws/session/errors';
import { type Ec2Instance, type InstanceFilter } from '../aws/ec2/instances';
import { type DirectListing } from './directListing';
import { type InstanceSummary } from './instanceSummary';
import { type ReadKind } from './reads';

/**
 * `instances`: full records, posted page by page. `shown`: the same listing, the records kept in the
 * worker (the region's last listing) and summaries posted (instanceSummary.ts). `details`: full
 * records of the last listing by id (listed again when the worker has none). `match`: the ids of the
 * last listing that pass a filter. `read`: another of the tree's or the prices' reads (reads.ts).
 */
export type ListRequestBody =
  | { op: 'warm' }
  | { op: 'regions' }
  | { op: 'instances'; region: string }
  | { op: 'shown'; region: string }
  | { op: 'details'; region: string; ids: string[] }
  | { op: 'match'; region: string; filter: InstanceFilter }
  | { op: 'read'; kind: ReadKind; region: string; key?: string };
/** `direct`: what the worker needs to list without the SDK (directListingConfig.ts); absent: the SDK lists. */
export type ListRequest = ListRequestBody & { id: number; direct?: DirectListing };

export type ListerMessage =
  | { call: SdkCall }
  | { id: number; regions: string[] }
  | { id: number; page: Ec2Instance[] | InstanceSummary[] }
  | { id: number; records: Ec2Instance[] }
  | { id: number; ids: string[] }
  | { id: number; value: unknown }
  | { id: number; done: true }
  | { id: number; error: SerializedError };

export interface SerializedError {
  name?: string;
  message?: string;
  code?: string;
  $metadata?: { httpStatusCode?: number };
  cause?: SerializedError;
  errors?: SerializedError[];
}

/** What describeError reads of an error (name, code, HTTP status, causes), in a form a worker can post. */
export function serializeError(error: unknown, depth = 0): SerializedError {
  if (typeof error !== 'object' || error === null || depth > 4) {
    return { message: String(error) };
  }
  const e = error as SerializedError & { errors?: unknown[]; cause?: unknown };
  return {
    name: e.name,
    message: e.message,
    code: typeof e.code === 'string' ? e.code : undefined,
    $metadata: e.$metadata ? { httpStatusCode: e.$metadata.httpStatusCode } : undefined,
    cause: e.cause === undefined ? undefined : serializeError(e.cause, depth + 1),
    errors: Array.isArray(e.errors) ? e.errors.map((inner) => serializeError(inner, depth + 1)) : undefined,
  };
}

/** An Error again, with the same fields, so describeError words it as it would the original. */
export function deserializeError(data: SerializedError): Error {
  const error = Object.assign(data.name === 'UserError' ? new UserError(data.message ?? '') : new Error(data.message), {
    code: data.code,
    $metadata: data.$metadata,
    errors: data.errors?.map(deserializeError),
  });
  error.name = data.name ?? 'Error';
  if (data.cause) {
    error.cause = deserializeError(data.cause);
  }
  return error;
}
