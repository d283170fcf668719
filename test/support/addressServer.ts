// A loopback stand-in for the public-address lookup (checkip), so tests never leave loopback.
import * as http from 'http';
import { AddressInfo } from 'net';

export async function startAddressServer(address: string): Promise<{ url: string; close(): Promise<void> }> {
  const server = http.createServer((_req, res) => res.end(`${address}\n`));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/`,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}
