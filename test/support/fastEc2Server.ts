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
  /** Added before every answer (ms): one figure for every region, or one per region (others: 0). */
  readonly delayMs?: number | Readonly<Record<string, number>>;
  /**
   * Connection set-up, in round trips of the region's delay, added to the first answer on each new
   * connection (AWS's endpoints are HTTPS: one more round trip for TLS 1.3 after TCP's). Default 0.
   */
  readonly setupRoundTrips?: number;
  /** AWS's layout (4 spaces a level, one element a line: the default) or everything on one line. */
  readonly indent?: boolean;
}

export interface FastEc2Server {
  readonly url: string;
  /** Requests by action, and every request's arrival time (performance.now()) and NextToken. */
  readonly requests: Array<{ action: string; region: string; at: number; nextToken?: string }>;
  /** Connections opened since the last reset. */
  readonly connections: number;
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
  const stopped = n % 4 === 3;
  const state = stopped ? '<code>80</code><name>stopped</name>' : '<code>16</code><name>running</name>';
  const vol = (k: number) => `vol-${(0x0b000000 + n * 2 + k).toString(16).padStart(17, '0')}`;
  // Eight tags, as an account with a tagging policy has them; one holds &, < and non-ASCII text.
  const tags = [
    ['Name', `web-${n}`],
    ['env', n % 2 ? 'prod' : 'staging'],
    ['team', `team-${n % 7}`],
    ['cost-center', `cc-${1000 + (n % 13)}`],
    ['owner', `owner-${n % 11}@example.com`],
    ['aws:cloudformation:stack-name', `stack-${n % 5}`],
    ['project', `R&D <lab> · café ${n % 3}`],
    ['backup', n % 3 ? 'daily' : 'none'],
  ]
    .map(([k, v]) => `<item><key>${escapeXml(k)}</key><value>${escapeXml(v)}</value></item>`)
    .join('');
  const device = (name: string, k: number) =>
    `<item><deviceName>${name}</deviceName><ebs><volumeId>${vol(k)}</volumeId><status>attached</status><attachTime>2026-11-01T10:00:00.000Z</attachTime><deleteOnTermination>true</deleteOnTermination></ebs></item>`;
  return `<item><instanceId>${id}</instanceId><imageId>ami-0abcdef1234567890</imageId><instanceState>${state}</instanceState><privateDnsName>ip-${ip.replace(/\./g, '-')}.${region}.compute.internal</privateDnsName><dnsName>ec2-${pub.replace(/\./g, '-')}.${region}.compute.amazonaws.com</dnsName>${stopped ? '<reason>User initiated (2026-11-02 09:00:00 GMT)</reason>' : '<reason/>'}<keyName>lab-key</keyName><amiLaunchIndex>0</amiLaunchIndex><productCodes/><instanceType>t3.micro</instanceType><launchTime>2026-11-01T10:00:00.000Z</launchTime><placement><availabilityZone>${az}</availabilityZone><groupName/><tenancy>default</tenancy></placement><monitoring><state>disabled</state></monitoring><subnetId>subnet-0123456789abcdef0</subnetId><vpcId>vpc-0123456789abcdef0</vpcId><privateIpAddress>${ip}</privateIpAddress><ipAddress>${pub}</ipAddress><sourceDestCheck>true</sourceDestCheck><groupSet><item><groupId>sg-0123456789abcdef0</groupId><groupName>web</groupName></item></groupSet>${stopped ? '<stateReason><code>Client.UserInitiatedShutdown</code><message>Client.UserInitiatedShutdown: User initiated shutdown</message></stateReason>' : ''}<architecture>x86_64</architecture><rootDeviceType>ebs</rootDeviceType><rootDeviceName>/dev/sda1</rootDeviceName><blockDeviceMapping>${device('/dev/sda1', 0)}${device('/dev/sdf', 1)}</blockDeviceMapping><virtualizationType>hvm</virtualizationType><clientToken/><tagSet>${tags}</tagSet><hypervisor>xen</hypervisor><iamInstanceProfile><arn>arn:aws:iam::123456789012:instance-profile/lab-web-role</arn><id>AIPAEXAMPLE${(n % 997).toString().padStart(3, '0')}ABCDEFGH</id></iamInstanceProfile><networkInterfaceSet><item><networkInterfaceId>eni-${id.slice(2)}</networkInterfaceId><subnetId>subnet-0123456789abcdef0</subnetId><vpcId>vpc-0123456789abcdef0</vpcId><description/><ownerId>123456789012</ownerId><status>in-use</status><macAddress>02:00:00:00:${(n >> 8) & 255}:${n & 255}</macAddress><privateIpAddress>${ip}</privateIpAddress><privateDnsName>ip-${ip.replace(/\./g, '-')}.${region}.compute.internal</privateDnsName><sourceDestCheck>true</sourceDestCheck><groupSet><item><groupId>sg-0123456789abcdef0</groupId><groupName>web</groupName></item></groupSet><attachment><attachmentId>eni-attach-${id.slice(2)}</attachmentId><deviceIndex>0</deviceIndex><status>attached</status><attachTime>2026-11-01T10:00:00.000Z</attachTime><deleteOnTermination>true</deleteOnTermination><networkCardIndex>0</networkCardIndex><enaSrdSpecification><enaSrdEnabled>false</enaSrdEnabled><enaSrdUdpSpecification><enaSrdUdpEnabled>false</enaSrdUdpEnabled></enaSrdUdpSpecification></enaSrdSpecification></attachment><association><publicIp>${pub}</publicIp><publicDnsName>ec2-${pub.replace(/\./g, '-')}.${region}.compute.amazonaws.com</publicDnsName><ipOwnerId>amazon</ipOwnerId></association><privateIpAddressesSet><item><privateIpAddress>${ip}</privateIpAddress><privateDnsName>ip-${ip.replace(/\./g, '-')}.${region}.compute.internal</privateDnsName><primary>true</primary><association><publicIp>${pub}</publicIp><publicDnsName>ec2-${pub.replace(/\./g, '-')}.${region}.compute.amazonaws.com</publicDnsName><ipOwnerId>amazon</ipOwnerId></association></item></privateIpAddressesSet><ipv6AddressesSet/><ipv4PrefixSet/><ipv6PrefixSet/><interfaceType>interface</interfaceType><operator><managed>false</managed></operator></item></networkInterfaceSet><elasticGpuAssociationSet/><elasticInferenceAcceleratorAssociationSet/><licenseSet/><ebsOptimized>false</ebsOptimized><enaSupport>true</enaSupport><cpuOptions><coreCount>1</coreCount><threadsPerCore>2</threadsPerCore></cpuOptions><capacityReservationSpecification><capacityReservationPreference>open</capacityReservationPreference></capacityReservationSpecification><hibernationOptions><configured>false</configured></hibernationOptions><metadataOptions><state>applied</state><httpTokens>required</httpTokens><httpPutResponseHopLimit>2</httpPutResponseHopLimit><httpEndpoint>enabled</httpEndpoint><httpProtocolIpv6>disabled</httpProtocolIpv6><instanceMetadataTags>disabled</instanceMetadataTags></metadataOptions><enclaveOptions><enabled>false</enabled></enclaveOptions><platformDetails>Linux/UNIX</platformDetails><usageOperation>RunInstances</usageOperation><usageOperationUpdateTime>2026-11-01T10:00:00.000Z</usageOperationUpdateTime><privateDnsNameOptions><hostnameType>ip-name</hostnameType><enableResourceNameDnsARecord>false</enableResourceNameDnsARecord><enableResourceNameDnsAAAARecord>false</enableResourceNameDnsAAAARecord></privateDnsNameOptions><maintenanceOptions><autoRecovery>default</autoRecovery></maintenanceOptions><bootMode>uefi-preferred</bootMode><currentInstanceBootMode>legacy-bios</currentInstanceBootMode><operator><managed>false</managed></operator><networkPerformanceOptions><bandwidthWeighting>default</bandwidthWeighting></networkPerformanceOptions></item>`;
}

const escapeXml = (v: string) => v.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

/**
 * AWS's own layout of an EC2 answer: one element a line, 4 spaces a level, a leaf's text on its
 * element's line (as `curl` of a real DescribeInstances shows it). `xml` has no whitespace between tags.
 */
export function indentXml(xml: string, depth = 0): string {
  const out: string[] = [];
  const tokens = xml.match(/<[^>]+>|[^<]+/g) ?? [];
  for (let k = 0; k < tokens.length; k++) {
    const t = tokens[k];
    const pad = '    '.repeat(depth);
    if (t.startsWith('</')) {
      depth--;
      out.push(`${'    '.repeat(depth)}${t}`);
    } else if (t.endsWith('/>') || t.startsWith('<?')) {
      out.push(`${pad}${t}`);
    } else if (!tokens[k + 1]?.startsWith('<')) {
      out.push(`${pad}${t}${tokens[k + 1]}${tokens[k + 2]}`); // A leaf: <a>text</a>
      k += 2;
    } else if (tokens[k + 1]?.startsWith('</')) {
      out.push(`${pad}${t}${tokens[k + 1]}`); // <a></a>
      k += 1;
    } else {
      out.push(`${pad}${t}`);
      depth++;
    }
  }
  return out.join('\n');
}

/** One reservation per instance, as launches one at a time make them. */
function reservationXml(region: string, n: number): string {
  return `<item><reservationId>r-${(0x0c000000 + n).toString(16).padStart(17, '0')}</reservationId><ownerId>123456789012</ownerId><groupSet/><instancesSet>${instanceXml(region, n)}</instancesSet></item>`;
}

/** The size in bytes of one pre-rendered instance (for the benchmark's report). */
export function instanceXmlBytes(indent = true): number {
  const xml = reservationXml('eu-west-3', 1);
  return Buffer.byteLength(indent ? `${indentXml(xml, 2)}\n` : xml);
}

export async function startFastEc2Server(options: FastEc2Options): Promise<FastEc2Server> {
  const indent = options.indent ?? true;
  const delay = (region: string) => (typeof options.delayMs === 'object' ? (options.delayMs[region] ?? 0) : (options.delayMs ?? 0));
  // Rendered as AWS lays it out: the document's root at depth 0, each reservation at depth 2.
  const layout = (xml: string) => (indent ? `\n${indentXml(xml, 2)}` : xml);
  const rendered = new Map<string, string[]>();
  for (const [region, count] of Object.entries(options.regions)) {
    rendered.set(
      region,
      Array.from({ length: count }, (_, n) => layout(reservationXml(region, n))),
    );
  }
  const document = (xml: string) => Buffer.from(`<?xml version="1.0" encoding="UTF-8"?>\n${indent ? indentXml(xml) : xml}\n`);
  const regionsXml = document(
    `<DescribeRegionsResponse xmlns="${NS}"><requestId>00000000-0000-0000-0000-000000000001</requestId><regionInfo>${Object.keys(
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
      // The reservations are laid out once: a placeholder keeps the indenter off them.
      const shell = document(
        `<DescribeInstancesResponse xmlns="${NS}"><requestId>00000000-0000-0000-0000-000000000002</requestId><reservationSet>RESERVATIONS</reservationSet>${next}</DescribeInstancesResponse>`,
      ).toString();
      const reservations = all.slice(start, end).join('');
      const set = indent ? (reservations ? `<reservationSet>${reservations}\n    </reservationSet>` : '<reservationSet/>') : reservations;
      body = Buffer.from(shell.replace(indent ? '<reservationSet>RESERVATIONS</reservationSet>' : 'RESERVATIONS', () => set));
      pages.set(key, body);
    }
    return body;
  };
  const requests: FastEc2Server['requests'] = [];
  let connections = 0;
  const fresh = new WeakSet<object>();
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
      } else if (action === 'DescribeInstances' && form.has('InstanceId.1') && !form.has('Filter.1.Name')) {
        // By id (InstanceId.N), as AWS answers it: the instances asked for, one page.
        const all = rendered.get(region) ?? [];
        const wanted = [...form.entries()]
          .filter(([k]) => /^InstanceId\.\d+$/.test(k))
          .map(([, id]) => parseInt(id.slice(2), 16) - 0x0a000000);
        const reservations = wanted.filter((n) => n >= 0 && n < all.length).map((n) => all[n]);
        body = Buffer.from(
          document(
            `<DescribeInstancesResponse xmlns="${NS}"><requestId>00000000-0000-0000-0000-000000000003</requestId><reservationSet>RESERVATIONS</reservationSet></DescribeInstancesResponse>`,
          )
            .toString()
            .replace(indent ? '<reservationSet>RESERVATIONS</reservationSet>' : 'RESERVATIONS', () =>
              indent ? `<reservationSet>${reservations.join('')}\n    </reservationSet>` : reservations.join(''),
            ),
        );
      } else if (action === 'DescribeInstances' && !form.has('Filter.1.Name')) {
        const start = nextToken ? Number(Buffer.from(nextToken, 'base64').toString().split(':')[1]) : 0;
        const size = Math.min(1000, Math.max(5, Number(form.get('MaxResults') ?? 1000)));
        body = page(region, start, size);
      } else {
        status = 400;
        body = Buffer.from(
          `<?xml version="1.0" encoding="UTF-8"?><Response><Errors><Error><Code>InvalidAction</Code><Message>This stand-in answers DescribeRegions and DescribeInstances only (got ${action}).</Message></Error></Errors><RequestID>0</RequestID></Response>`,
        );
      }
      // The first answer on a new connection also waits for its set-up (TLS's round trip).
      const setup = fresh.has(req.socket) ? (options.setupRoundTrips ?? 0) * delay(region) : 0;
      fresh.delete(req.socket);
      setTimeout(
        () => {
          res.writeHead(status, { 'content-type': 'text/xml;charset=UTF-8', 'content-length': body.length });
          res.end(body);
        },
        delay(region) + setup,
      );
    });
  });
  server.on('connection', (socket) => {
    connections++;
    fresh.add(socket);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    get connections() {
      return connections;
    },
    count: (action) => (action ? requests.filter((r) => r.action === action).length : requests.length),
    reset: () => {
      requests.splice(0);
      connections = 0;
    },
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
