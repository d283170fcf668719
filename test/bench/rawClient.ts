// The "raw" column of the benchmark: a plain HTTP client that asks the fast endpoint for the same
// pages as the product (DescribeInstances, MaxResults 1000, following nextToken) and reads their
// bytes without parsing them: what the network and the endpoint cost alone, in the same run.
import * as http from 'http';

/** Every page of the region's DescribeInstances, bytes read and dropped; resolves to the bytes read. */
export async function rawListRegion(url: string, region: string, agent: http.Agent): Promise<number> {
  let token: string | undefined;
  let bytes = 0;
  do {
    const form = new URLSearchParams({ Action: 'DescribeInstances', Version: '2016-11-15', MaxResults: '1000' });
    if (token) {
      form.set('NextToken', token);
    }
    const body = await post(url, form.toString(), region, agent);
    bytes += body.length;
    const at = body.lastIndexOf('<nextToken>');
    token = at < 0 ? undefined : body.slice(at + 11, body.indexOf('</nextToken>', at));
  } while (token);
  return bytes;
}

/** Every region at once, on connections of its own (`fresh`) or the agent's kept-alive ones. */
export async function rawListAll(url: string, regions: readonly string[], agent = new http.Agent({ keepAlive: true })): Promise<number> {
  const t0 = performance.now();
  await Promise.all(regions.map((r) => rawListRegion(url, r, agent)));
  return performance.now() - t0;
}

function post(url: string, body: string, region: string, agent: http.Agent): Promise<string> {
  return new Promise((resolve, reject) => {
    const req = http.request(
      url,
      {
        method: 'POST',
        agent,
        headers: {
          'content-type': 'application/x-www-form-urlencoded',
          authorization: `AWS4-HMAC-SHA256 Credential=raw/20260101/${region}/ec2/aws4_request`,
        },
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => resolve(Buffer.concat(chunks).toString('latin1')));
        res.on('error', reject);
      },
    );
    req.on('error', reject);
    req.end(body);
  });
}
