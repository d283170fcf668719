// Lists a region's instances page by page, asking for the next page as soon as its token is in the
// raw answer, before the page is parsed: latency and parsing overlap. Used by the listing
// worker (off the extension host's thread) and as its in-thread fallback.
import { type AwsSession } from '../aws/session/awsSession';
import { type Ec2Instance } from '../aws/ec2/instances';
import { condenseDescribeInstances } from './instanceRecords';
import { loadSdk } from '../aws/sdk/loadSdk';

/** Instances per DescribeInstances page (AWS's maximum). */
export const PAGE_SIZE = 1000;

type Next = (args: unknown) => Promise<{ response: { body?: unknown; statusCode?: number } }>;

/** A DescribeInstances answer as it came: its bytes (decoded only once the next page has left), or text. */
export type PageBody = string | Uint8Array;

/** The answer's text (UTF-8). */
export function pageText(body: PageBody): string {
  return typeof body === 'string' ? body : Buffer.from(body.buffer, body.byteOffset, body.byteLength).toString('utf8');
}

/**
 * The `<nextToken>` of a DescribeInstances answer, read from its raw XML or bytes. It is a child of
 * the root, beside `<reservationSet>`: only what is before and after that set is searched (and
 * decoded, for bytes), so a page's bytes need not be decoded before its next page is asked for, and a
 * page without a token (most regions) is not scanned whole. A literal `<nextToken>` cannot occur
 * inside the set (text is escaped there).
 */
export function peekNextToken(body: PageBody): string | undefined {
  const b = typeof body === 'string' ? body : Buffer.from(body.buffer, body.byteOffset, body.byteLength);
  const open = b.indexOf('<reservationSet');
  const close = b.lastIndexOf('</reservationSet>');
  const text = (from: number, to?: number) => (typeof b === 'string' ? b.slice(from, to) : b.toString('utf8', from, to));
  return open < 0 || close < open ? tokenIn(text(0)) : (tokenIn(text(close)) ?? tokenIn(text(0, open)));
}

function tokenIn(xml: string): string | undefined {
  const start = xml.lastIndexOf('<nextToken>');
  if (start < 0) {
    return undefined;
  }
  const end = xml.indexOf('</nextToken>', start);
  const token = end < 0 ? '' : xml.slice(start + '<nextToken>'.length, end);
  const decoded = token.replace(/&(lt|gt|quot|apos|amp);/g, (_m, e: string) => ({ lt: '<', gt: '>', quot: '"', apos: "'", amp: '&' })[e]!);
  return decoded || undefined;
}

async function readBody(body: unknown): Promise<Uint8Array> {
  if (body instanceof Uint8Array) {
    return body;
  }
  const chunks: Buffer[] = [];
  for await (const chunk of body as AsyncIterable<Buffer>) {
    chunks.push(chunk);
  }
  return Buffer.concat(chunks);
}

/** Condenses a page in another thread (its records' promise), or leaves it to this one (undefined). */
export type PageHelper = (region: string, body: PageBody) => Promise<Ec2Instance[]> | undefined;

/**
 * Every other page, of any region, to `condense` (a second thread): a burst of single-page regions
 * is shared between two threads as a large region's pages are.
 */
export function everyOtherPage(condense: (region: string, body: PageBody) => Promise<Ec2Instance[]>): PageHelper {
  let turn = 0;
  return (region, body) => (turn++ % 2 === 1 ? condense(region, body) : undefined);
}

/** What the SDK's deserializer reads instead of a page this module condenses itself. */
const EMPTY_PAGE = new TextEncoder().encode('<DescribeInstancesResponse><reservationSet/></DescribeInstancesResponse>');

/** One page's request: its answer (or the request's failure), and when the request has left. */
export interface PageRequest {
  readonly xml: Promise<PageBody>;
  readonly leaving: Promise<void>;
}

/** Sends the DescribeInstances request of a page (the first one without a token). */
export type PageRequester = (token: string | undefined) => PageRequest;

/**
 * Every instance of the region, in pages handed to `onPage` as they are condensed (compact records,
 * without the SDK's objects). The SDK sends each request (signing, retries, errors); a successful
 * page's XML is taken before the SDK's generic deserializer and condensed here (condenseDescribeInstances).
 * Requests are one after another (each needs the previous token), but the next one leaves as soon
 * as the token is in the raw answer, while the page is being condensed. `helper` (a second thread)
 * may take a page, a region's only page included: it returns the records' promise, or undefined
 * to leave the page to this thread.
 */
export async function listInstancePages(
  session: AwsSession,
  region: string,
  onPage: (instances: Ec2Instance[]) => void,
  pageSize = PAGE_SIZE,
  helper?: PageHelper,
): Promise<void> {
  const [sdk, client] = await Promise.all([loadSdk(), session.ec2(region)]);
  const request: PageRequester = (token) => {
    let taken: (body: PageBody) => void = () => undefined;
    let left: () => void = () => undefined;
    const xml = new Promise<PageBody>((resolve) => (taken = resolve));
    const leaving = new Promise<void>((resolve) => (left = resolve));
    const command = new sdk.DescribeInstancesCommand({ MaxResults: pageSize, NextToken: token });
    command.middlewareStack.add(
      ((next: Next) => async (args: unknown) => {
        left(); // Signed and about to be written: the HTTP handler runs next.
        const result = await next(args);
        const status = result.response.statusCode ?? 0;
        if (status >= 200 && status < 300) {
          taken(await readBody(result.response.body));
          result.response.body = EMPTY_PAGE;
        }
        return result; // An error (perhaps retried) goes through the SDK's own error handling.
      }) as never,
      { step: 'deserialize', priority: 'low', name: 'ec2WorkbenchCondensePage' },
    );
    const sent = client.send(command);
    sent.catch(() => left());
    // The page's XML, or the request's failure.
    return { xml: Promise.race([xml, sent.then(() => xml)]), leaving };
  };
  await listPages(request, region, onPage, helper);
}

/**
 * The paging loop, whoever sends the requests (the SDK above, or the listing worker's own client,
 * directListing.ts): the next page's request leaves as soon as its token is in the raw answer, then
 * the page is condensed here or by `helper`.
 */
export async function listPages(
  request: PageRequester,
  region: string,
  onPage: (instances: Ec2Instance[]) => void,
  helper?: PageHelper,
): Promise<void> {
  let page = request(undefined);
  const seen = new Set<string>();
  const elsewhere: Array<Promise<void>> = [];
  for (;;) {
    const body = await page.xml;
    const token = peekNextToken(body); // From the bytes: the page is decoded after the next one has left.
    const following = token && !seen.has(token) ? request(token) : undefined;
    if (token) {
      seen.add(token); // AWS's paginators stop on a repeated token; so does this loop.
    }
    if (following) {
      following.xml.catch(() => undefined); // Its failure is thrown when its turn comes.
      await following.leaving; // Let the next request leave before this page is condensed.
      await new Promise<void>((resolve) => setImmediate(resolve));
    }
    const taken = helper?.(region, body);
    if (taken) {
      elsewhere.push(taken.then(onPage));
    } else {
      onPage(condenseDescribeInstances(region, pageText(body)).instances);
    }
    if (!following) {
      await Promise.all(elsewhere);
      return;
    }
    page = following;
  }
}
