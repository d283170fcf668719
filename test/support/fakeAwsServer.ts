// A loopback HTTP server that answers every request with a fixed AWS error response, so the real
// SDK parses a real error (AuthFailure, ExpiredToken...) the way it would from AWS.
import * as http from 'http';
import { AddressInfo } from 'net';

export interface FakeAwsServer {
  readonly url: string;
  requests: number;
  close(): Promise<void>;
}

export function ec2ErrorXml(code: string, message: string): string {
  return `<?xml version="1.0" encoding="UTF-8"?><Response><Errors><Error><Code>${code}</Code><Message>${message}</Message></Error></Errors><RequestID>00000000-0000-0000-0000-000000000000</RequestID></Response>`;
}

export async function startFakeAwsServer(status: number, body: string): Promise<FakeAwsServer> {
  const server = http.createServer((req, res) => {
    state.requests++;
    req.resume();
    req.on('end', () => {
      res.writeHead(status, { 'content-type': 'text/xml' });
      res.end(body);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  const state: FakeAwsServer = {
    url: `http://127.0.0.1:${port}`,
    requests: 0,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
  return state;
}

/** A loopback port with nothing listening on it. */
export async function closedPortUrl(): Promise<string> {
  const server = http.createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise((resolve) => server.close(resolve));
  return `http://127.0.0.1:${port}`;
}
