// Three web servers on loopback behind a round-robin proxy: the lab's load-balancer exercise,
// without contacting anything the emulator invents. Each server counts what it served.
import * as http from 'http';
import { AddressInfo } from 'net';

export interface Backend {
  readonly instanceId: string;
  readonly url: string;
  served: number;
}

export interface Farm {
  readonly backends: Backend[];
  /** The round-robin proxy: the "load balancer". */
  readonly url: string;
  close(): Promise<void>;
}

async function listen(server: http.Server): Promise<string> {
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}/`;
}

/**
 * `style` per backend: "header" answers with X-Instance-Id (the nginx template), "body" puts the id
 * in the page only, "error" answers 500 with the header.
 */
export async function startFarm(
  styles: Array<'header' | 'body' | 'error'> = ['header', 'header', 'body'],
  delayMs = 0,
  instanceIds: string[] = [],
): Promise<Farm> {
  const servers: http.Server[] = [];
  const backends: Backend[] = [];
  for (const [i, style] of styles.entries()) {
    const instanceId = instanceIds[i] ?? `i-0${String(i + 1).repeat(16)}`;
    const backend: Backend = { instanceId, url: '', served: 0 };
    const server = http.createServer((_req, res) => {
      backend.served++;
      setTimeout(() => {
        if (style !== 'body') {
          res.setHeader('X-Instance-Id', instanceId);
        }
        res.statusCode = style === 'error' ? 500 : 200;
        res.setHeader('Content-Type', 'text/html');
        res.end(`<h1>Served by ${instanceId}</h1>`);
      }, delayMs);
    });
    servers.push(server);
    (backend as { url: string }).url = await listen(server);
    backends.push(backend);
  }
  let turn = 0;
  const proxy = http.createServer((req, res) => {
    const target = backends[turn++ % backends.length];
    const upstream = http.get(new URL(req.url ?? '/', target.url), (r) => {
      res.writeHead(r.statusCode ?? 502, r.headers);
      r.pipe(res);
    });
    upstream.on('error', () => {
      res.statusCode = 502;
      res.end();
    });
  });
  servers.push(proxy);
  const url = await listen(proxy);
  return {
    backends,
    url,
    close: async () => {
      for (const s of servers) {
        s.closeAllConnections();
        await new Promise((resolve) => s.close(resolve));
      }
    },
  };
}
