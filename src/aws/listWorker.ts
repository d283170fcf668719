// The listing worker: runs the explorer's DescribeRegions and DescribeInstances calls, and the SDK's
// XML parsing, off the extension host's thread, and posts back compact instance records page by
// page. Started by OffThreadLister (offThreadLister.ts); it holds a session of its own.
import { parentPort, workerData } from 'node:worker_threads';
import { AwsSession, type SessionOptions } from './awsSession';
import { listInstancePages } from './instancePages';
import { type ListRequest, type ListerMessage, serializeError } from './listerProtocol';

const port = parentPort!;
const { options, observe } = workerData as { options: SessionOptions; observe: boolean };
const session = new AwsSession({ ...options, onCall: observe ? (call) => port.postMessage({ call } satisfies ListerMessage) : undefined });

port.on('message', (request: ListRequest) => {
  const post = (message: ListerMessage) => port.postMessage(message);
  const work =
    request.op === 'regions'
      ? session.listRegions().then((regions) => post({ id: request.id, regions }))
      : listInstancePages(session, request.region, (page) => post({ id: request.id, page })).then(() =>
          post({ id: request.id, done: true }),
        );
  work.catch((error: unknown) => post({ id: request.id, error: serializeError(error) }));
});
