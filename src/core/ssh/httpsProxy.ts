// The HTTP proxy the endpoint tunnel goes through, as aws-cli v2's `ec2-instance-connect` websocket
// takes it (awscli/customizations/ec2instanceconnect/websocket.py): HTTPS_PROXY (or HTTP_PROXY, in
// either case) unless NO_PROXY names the host; basic credentials from the proxy URL. The tunnel
// is opened with an HTTP CONNECT to the endpoint's host and port, then TLS runs inside it.
import * as l10n from '@vscode/l10n';
import * as net from 'net';
import { UserError } from '../aws/session/errors';

/** The proxy URL for `host`, or undefined when none is set or NO_PROXY names the host. */
export function proxyFor(host: string, env: NodeJS.ProcessEnv = process.env): URL | undefined {
  const raw = env.HTTPS_PROXY || env.https_proxy || env.HTTP_PROXY || env.http_proxy;
  if (!raw) {
    return undefined;
  }
  const noProxy = (env.NO_PROXY ?? env.no_proxy ?? '')
    .split(',')
    .map((s) => s.trim().toLowerCase())
    .filter(Boolean);
  const name = host.toLowerCase();
  if (noProxy.some((n) => n === '*' || name === n.replace(/^\./, '') || name.endsWith(n.startsWith('.') ? n : `.${n}`))) {
    return undefined;
  }
  try {
    return new URL(/^[a-z][a-z0-9+.-]*:\/\//i.test(raw) ? raw : `http://${raw}`);
  } catch {
    throw new UserError(l10n.t('The proxy setting {0} is not a URL.', JSON.stringify(raw.replace(/\/\/[^@/]*@/, '//…@'))));
  }
}

/** A socket to `host:port` through the proxy's CONNECT, ready for TLS. */
export function connectThroughProxy(proxy: URL, host: string, port: number, timeoutMs = 20_000): Promise<net.Socket> {
  return new Promise((resolve, reject) => {
    const socket = net.connect({ host: proxy.hostname.replace(/^\[|\]$/g, ''), port: Number(proxy.port || 80) });
    const fail = (reason: string) => {
      socket.destroy();
      reject(new UserError(l10n.t('The proxy {0} did not open a tunnel to {1}: {2}', proxy.host, `${host}:${port}`, reason)));
    };
    socket.setTimeout(timeoutMs, () => fail('timeout'));
    socket.once('error', (e: NodeJS.ErrnoException) => fail(e.code ?? e.message));
    socket.once('connect', () => {
      const auth = proxy.username
        ? `Proxy-Authorization: Basic ${Buffer.from(`${decodeURIComponent(proxy.username)}:${decodeURIComponent(proxy.password)}`).toString('base64')}\r\n`
        : '';
      socket.write(`CONNECT ${host}:${port} HTTP/1.1\r\nHost: ${host}:${port}\r\n${auth}\r\n`);
    });
    let head = Buffer.alloc(0);
    const onData = (chunk: Buffer) => {
      head = Buffer.concat([head, chunk]);
      const end = head.indexOf('\r\n\r\n');
      if (end < 0) {
        if (head.length > 16_384) fail('answer too long');
        return;
      }
      socket.off('data', onData);
      socket.pause();
      const status = /^HTTP\/1\.[01] (\d{3})[^\r\n]*/.exec(head.toString('latin1'));
      if (status?.[1] !== '200') {
        fail(status?.[0] ?? 'no HTTP answer');
        return;
      }
      socket.setTimeout(0);
      socket.removeAllListeners('error');
      const rest = head.subarray(end + 4);
      if (rest.length) socket.unshift(rest);
      resolve(socket);
    };
    socket.on('data', onData);
  });
}
