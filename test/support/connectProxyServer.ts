// A loopback HTTP proxy that only does CONNECT (what HTTPS_PROXY points at for a wss:// or https://
// request), recording each tunnel asked for and the Proxy-Authorization it came with.
import * as http from 'http';
import * as net from 'net';

export interface ConnectProxyServer {
  readonly url: string;
  /** "host:port" of each CONNECT, in order. */
  readonly connects: string[];
  readonly authorizations: Array<string | undefined>;
  close(): Promise<void>;
}

export async function startConnectProxy(): Promise<ConnectProxyServer> {
  const server = http.createServer((_req, res) => {
    res.writeHead(405).end();
  });
  const sockets = new Set<net.Socket>();
  const state: ConnectProxyServer = {
    url: '',
    connects: [],
    authorizations: [],
    close: async () => {
      for (const s of sockets) s.destroy();
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
    },
  };
  server.on('connect', (req: http.IncomingMessage, client: net.Socket, head: Buffer) => {
    state.connects.push(String(req.url));
    state.authorizations.push(req.headers['proxy-authorization']);
    const [host, port] = String(req.url).split(/:(?=\d+$)/);
    // Loopback only: any other host is refused.
    if (host !== '127.0.0.1' && host !== 'localhost') {
      client.end('HTTP/1.1 403 Forbidden\r\n\r\n');
      return;
    }
    const upstream = net.connect(Number(port), host, () => {
      client.write('HTTP/1.1 200 Connection Established\r\n\r\n');
      if (head.length) upstream.write(head);
      upstream.pipe(client);
      client.pipe(upstream);
    });
    sockets.add(client).add(upstream);
    upstream.on('error', () => client.destroy());
    client.on('error', () => upstream.destroy());
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  (state as { url: string }).url = `http://127.0.0.1:${(server.address() as net.AddressInfo).port}`;
  return state;
}
