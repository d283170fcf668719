// The moto server: a real AWS API peer (EC2, ELB classic, IAM) over HTTP on loopback.
import { MOTO_SERVER } from './bootstrap.mjs';
import { freePort, startProcess, waitForHttp } from './processes.mjs';

export async function startMoto({ port } = {}) {
  port ??= await freePort();
  const url = `http://127.0.0.1:${port}`;
  const proc = startProcess(MOTO_SERVER, ['-H', '127.0.0.1', '-p', String(port)]);
  try {
    await waitForHttp(`${url}/moto-api/`, 30_000, proc.child);
  } catch (error) {
    proc.stop();
    throw new Error(`${error.message}\n${proc.output()}`, { cause: error });
  }
  return { url, port, stop: proc.stop };
}
