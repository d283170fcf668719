// A loopback proxy in front of the emulator that adds a fixed delay to every request (as a
// far-away AWS region would) and counts the requests, by action.
import { createServer } from 'node:http';

export async function startLatencyProxy(target, delayMs) {
  const counts = { total: 0, byAction: {} };
  const server = createServer(async (req, res) => {
    const chunks = [];
    for await (const c of req) chunks.push(c);
    const body = Buffer.concat(chunks);
    const action = /(?:^|&)Action=([^&]+)/.exec(body.toString())?.[1] ?? 'other';
    counts.total++;
    counts.byAction[action] = (counts.byAction[action] ?? 0) + 1;
    await new Promise((r) => setTimeout(r, delayMs));
    const headers = Object.fromEntries(Object.entries(req.headers).filter(([k]) => k !== 'host' && k !== 'content-length'));
    const up = await fetch(`${target}${req.url}`, { method: req.method, headers, body: ['GET', 'HEAD'].includes(req.method) ? undefined : body });
    const out = {};
    up.headers.forEach((v, k) => {
      if (!['content-length', 'transfer-encoding', 'connection', 'content-encoding'].includes(k)) out[k] = v;
    });
    res.writeHead(up.status, out);
    res.end(Buffer.from(await up.arrayBuffer()));
  });
  await new Promise((r) => server.listen(0, '127.0.0.1', r));
  return {
    url: `http://127.0.0.1:${server.address().port}`,
    counts,
    reset() {
      counts.total = 0;
      counts.byAction = {};
    },
    close: () => new Promise((r) => { server.closeAllConnections(); server.close(r); }),
  };
}
