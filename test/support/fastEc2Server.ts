// A fast, AWS-shaped EC2 endpoint on loopback: DescribeRegions and DescribeInstances answered from
// pre-rendered XML (each instance about 4.5 KB, with tags, a network interface and block devices, as
// AWS writes them), paged by instance with MaxResults/NextToken as AWS does, after a fixed delay.
// The benchmark measures the product against it (the emulator's own CPU time would dominate), and
// tests use it where paging by instance matters (moto counts MaxResults in reservations).
import * as http from 'http';
import { type AddressInfo } from 'net';

export interface FastEc2Options {
  /** Regions and how many instances each has. */
  readonly regions: Readonly<Record<string, number>>;
  /** Added before every answer (ms). */
  readonly delayMs?: number;
}

export interface FastEc2Server {
  readonly url: string;
  /** Requests by action, and every request's arrival time (performance.now()) and NextToken. */
  readonly requests: Array<{ action: string; region: string; at: number; nextToken?: string }>;
  count(action?: string): number;
  reset(): void;
  close(): Promise<void>;
}

const NS = 'http://ec2.amazonaws.com/doc/2016-11-15/';

function instanceXml(region: string, n: number): string {
  const id = `i-${(0x0a000000 + n).toString(16).padStart(17, '0')}`;
  const ip = `10.${(n >> 16) & 255}.${(n >> 8) & 255}.${n & 255}`;
  const pub = `198.51.${(n >> 8) & 255}.${n & 255}`;
  const az = `${region}${'abc'[n % 3]}`;
  const state = n % 4 === 3 ? '<code>80</code><name>stopped</name>' : '<code>16</code><name>running</name>';
  const vol = (k: number) => `vol-${(0x0b000000 + n * 2 + k).toString(16).padStart(17, '0')}`;
  const tags = [
    ['Name', `web-${n}`],
    ['env', n % 2 ? 'prod' : 'staging'],
    ['team', `team-${n % 7}`],
    ['cost-center', `cc-${1000 + (n % 13)}`],
    ['owner', `owner-${n % 11}@example.com`],
    ['aws:cloudformation:stack-name', `stack-${n % 5}`],
  ]
    .map(([k, v]) => `<item><key>${k}</key><value>${v}</value></item>`)
    .join('');
  const device = (name: string, k: number) =>
    `<item><deviceName>${name}</deviceName><ebs><volumeId>${vol(k)}</volumeId><status>attached</status><attachTime>2026-11-01T10:00:00.000Z</attachTime><deleteOnTermination>true</deleteOnTermination></ebs></item>`;
  return `<item><instanceId>${id}</instanceId><imageId>ami-0abcdef1234567890</imageId><instanceState>${state}</instanceState><privateDnsName>ip-${ip.replace(/\./g, '-')}.${region}.compute.internal</privateDnsName><dnsName>ec2-${pub.replace(/\./g, '-')}.${region}.compute.amazonaws.com</dnsName><reason/><keyName>lab-key</keyName><amiLaunchIndex>0</amiLaunchIndex><productCodes/><instanceType>t3.micro</instanceType><launchTime>2026-11-01T10:00:00.000Z</launchTime><placement><availabilityZone>${az}</availabilityZone><groupName/><tenancy>default</tenancy></placement><monitoring><state>disabled</state></monitoring><subnetId>subnet-0123456789abcdef0</subnetId><vpcId>vpc-0123456789abcdef0</vpcId><privateIpAddress>${ip}</privateIpAddress><ipAddress>${pub}</ipAddress><sourceDestCheck>true</sourceDestCheck><groupSet><item><groupId>sg-0123456789abcdef0</groupId><groupName>web</groupName></item></groupSet><architecture>x86_64</architecture><rootDeviceType>ebs</rootDeviceType><rootDeviceName>/dev/sda1</rootDeviceName><blockDeviceMapping>${device('/dev/sda1', 0)}${device('/dev/sdf', 1)}</blockDeviceMapping><virtualizationType>hvm</virtualizationType><clientToken/><tagSet>${tags}</tagSet><hypervisor>xen</hypervisor><networkInterfaceSet><item><networkInterfaceId>eni-${id.slice(2)}</networkInterfaceId><subnetId>subnet-0123456789abcdef0</subnetId><vpcId>vpc-0123456789abcdef0</vpcId><description/><ownerId>123456789012</ownerId><status>in-use</status><macAddress>02:00:00:00:${(n >> 8) & 255}:${n & 255}</macAddress><privateIpAddress>${ip}</privateIpAddress><privateDnsName>ip-${ip.replace(/\./g, '-')}.${region}.compute.internal</privateDnsName><sourceDestCheck>true</sourceDestCheck><groupSet><item><groupId>sg-0123456789abcdef0</groupId><groupName>web</groupName></item></groupSet><attachment><attachmentId>eni-attach-${id.slice(2)}</attachmentId><deviceIndex>0</deviceIndex><status>attached</status><attachTime>2026-11-01T10:00:00.000Z</attachTime><deleteOnTermination>true</deleteOnTermination><networkCardIndex>0</networkCardIndex></attachment><association><publicIp>${pub}</publicIp><publicDnsName>ec2-${pub.replace(/\./g, '-')}.${region}.compute.amazonaws.com</publicDnsName><ipOwnerId>amazon</ipOwnerId></association><privateIpAddressesSet><item><privateIpAddress>${ip}</privateIpAddress><privateDnsName>ip-${ip.replace(/\./g, '-')}.${region}.compute.internal</privateDnsName><primary>true</primary><association><publicIp>${pub}</publicIp><publicDnsName>ec2-${pub.replace(/\./g, '-')}.${region}.compute.amazonaws.com</publicDnsName><ipOwnerId>amazon</ipOwnerId></association></item></privateIpAddressesSet><ipv6AddressesSet/><interfaceType>interface</interfaceType></item></networkInterfaceSet><ebsOptimized>false</ebsOptimized><enaSupport>true</enaSupport><cpuOptions><coreCount>1</coreCount><threadsPerCore>2</threadsPerCore></cpuOptions><capacityReservationSpecification><capacityReservationPreference>open</capacityReservationPreference></capacityReservationSpecification><hibernationOptions><configured>false</configured></hibernationOptions><metadataOptions><state>applied</state><httpTokens>required</httpTokens><httpPutResponseHopLimit>2</httpPutResponseHopLimit><httpEndpoint>enabled</httpEndpoint><httpProtocolIpv6>disabled</httpProtocolIpv6><instanceMetadataTags>disabled</instanceMetadataTags></metadataOptions><enclaveOptions><enabled>false</enabled></enclaveOptions><platformDetails>Linux/UNIX</platformDetails><usageOperation>RunInstances</usageOperation><usageOperationUpdateTime>2026-11-01T10:00:00.000Z</usageOperationUpdateTime><privateDnsNameOptions><hostnameType>ip-name</hostnameType><enableResourceNameDnsARecord>false</enableResourceNameDnsARecord><enableResourceNameDnsAAAARecord>false</enableResourceNameDnsAAAARecord></privateDnsNameOptions><maintenanceOptions><autoRecovery>default</autoRecovery></maintenanceOptions><currentInstanceBootMode>legacy-bios</currentInstanceBootMode></item>`;
}

/** One reservation per instance, as launches one at a time make them. */
function reservationXml(region: string, n: number): string {
  return `<item><reservationId>r-${(0x0c000000 + n).toString(16).padStart(17, '0')}</reservationId><ownerId>123456789012</ownerId><groupSet/><instancesSet>${instanceXml(region, n)}</instancesSet></item>`;
}

/** The size in bytes of one pre-rendered instance (for the benchmark's report). */
export function instanceXmlBytes(): number {
  return Buffer.byteLength(reservationXml('eu-west-3', 1));
}

export async function startFastEc2Server(options: FastEc2Options): Promise<FastEc2Server> {
  const rendered = new Map<string, string[]>();
  for (const [region, count] of Object.entries(options.regions)) {
    rendered.set(
      region,
      Array.from({ length: count }, (_, n) => reservationXml(region, n)),
    );
  }
  const regionsXml = Buffer.from(
    `<?xml version="1.0" encoding="UTF-8"?><DescribeRegionsResponse xmlns="${NS}"><requestId>00000000-0000-0000-0000-000000000001</requestId><regionInfo>${Object.keys(
      options.regions,
    )
      .map(
        (r) =>
          `<item><regionName>${r}</regionName><regionEndpoint>ec2.${r}.amazonaws.com</regionEndpoint><optInStatus>opt-in-not-required</optInStatus></item>`,
      )
      .join('')}</regionInfo></DescribeRegionsResponse>`,
  );
  // Pages are rendered once, on first request, and kept: answering costs the product nothing.
  const pages = new Map<string, Buffer>();
  const page = (region: string, start: number, size: number): Buffer => {
    const key = `${region}/${start}/${size}`;
    let body = pages.get(key);
    if (!body) {
      const all = rendered.get(region) ?? [];
      const end = Math.min(all.length, start + size);
      const next = end < all.length ? `<nextToken>${Buffer.from(`${region}:${end}`).toString('base64')}</nextToken>` : '';
      body = Buffer.from(
        `<?xml version="1.0" encoding="UTF-8"?><DescribeInstancesResponse xmlns="${NS}"><requestId>00000000-0000-0000-0000-000000000002</requestId><reservationSet>${all.slice(start, end).join('')}</reservationSet>${next}</DescribeInstancesResponse>`,
      );
      pages.set(key, body);
    }
    return body;
  };
  const requests: FastEc2Server['requests'] = [];
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const at = performance.now();
      const form = new URLSearchParams(Buffer.concat(chunks).toString());
      const action = form.get('Action') ?? '';
      const region = /Credential=[^/]+\/\d+\/([^/]+)\//.exec(req.headers.authorization ?? '')?.[1] ?? '';
      const nextToken = form.get('NextToken') ?? undefined;
      requests.push({ action, region, at, nextToken });
      let status = 200;
      let body: Buffer;
      if (action === 'DescribeRegions') {
        body = regionsXml;
      } else if (action === 'DescribeInstances' && !form.has('InstanceId.1') && !form.has('Filter.1.Name')) {
        const start = nextToken ? Number(Buffer.from(nextToken, 'base64').toString().split(':')[1]) : 0;
        const size = Math.min(1000, Math.max(5, Number(form.get('MaxResults') ?? 1000)));
        body = page(region, start, size);
      } else {
        status = 400;
        body = Buffer.from(
          `<?xml version="1.0" encoding="UTF-8"?><Response><Errors><Error><Code>InvalidAction</Code><Message>This stand-in answers DescribeRegions and DescribeInstances only (got ${action}).</Message></Error></Errors><RequestID>0</RequestID></Response>`,
        );
      }
      setTimeout(() => {
        res.writeHead(status, { 'content-type': 'text/xml;charset=UTF-8', 'content-length': body.length });
        res.end(body);
      }, options.delayMs ?? 0);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    count: (action) => (action ? requests.filter((r) => r.action === action).length : requests.length),
    reset: () => void requests.splice(0),
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
