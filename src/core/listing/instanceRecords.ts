// Condenses a DescribeInstances answer (its raw XML) straight into the explorer's compact records,
// in one pass over the text: a scanner walks the elements, skips every subtree the explorer does not
// show (network interfaces, metadata options...) without making strings of it, and decodes entities
// only in the few values it keeps. No object tree is built: the SDK's generic parser and deserializer
// build every field of every instance first, several times the cost for a page of 1,000 instances.
// The records are the ones the SDK's deserializer gives through toEc2Instance (instances.ts): the
// SDK's parser's rules for text are followed (\r\n read as \n, whitespace-only text with a line
// break read as empty, CDATA kept as is, entities &amp; &lt; &gt; &quot; &apos; &#N; &#xN;).
import { type Ec2Instance, type InstanceState } from '../aws/ec2/instances';

const SLASH = 47; // /
const BANG = 33; // !
const QUESTION = 63; // ?

const ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };

/** The SDK's parser's entity decoding (@aws-sdk/xml-builder), an unknown named entity read as nothing. */
function decodeEntities(s: string): string {
  return s.replace(
    /&(?:#x([0-9a-fA-F]{1,6})|#(\d{1,7})|([a-zA-Z][a-zA-Z0-9]{0,30}));/g,
    (_m, hex?: string, dec?: string, named?: string) => {
      if (hex) {
        return String.fromCharCode(parseInt(hex, 16));
      }
      if (dec) {
        return String.fromCharCode(parseInt(dec, 10));
      }
      return ENTITIES[named!] ?? '';
    },
  );
}

const normalize = (s: string) => (s.includes('\r') ? s.replace(/\r\n?/g, '\n') : s);

class XmlScanner {
  private i = 0;
  /** The name of the element just opened, and whether it closed itself (`<a/>`). */
  name = '';
  empty = false;

  constructor(private readonly x: string) {}

  /** Moves to the document's root element and opens it; false when there is none. */
  root(): boolean {
    for (;;) {
      const lt = this.x.indexOf('<', this.i);
      if (lt < 0) {
        return false;
      }
      this.i = lt;
      const c = this.x.charCodeAt(lt + 1);
      if (c === QUESTION || c === BANG) {
        this.skipSpecial();
        continue;
      }
      this.open();
      return true;
    }
  }

  /**
   * Calls `each` with the name of every child element of the element just opened; `each` must read
   * the child (value, children or skip). Returns after the element's closing tag.
   */
  children(each: (name: string) => void): void {
    if (this.empty) {
      return;
    }
    const x = this.x;
    for (;;) {
      const lt = x.indexOf('<', this.i);
      if (lt < 0) {
        throw new Error('DescribeInstances answer: unexpected end of the XML.');
      }
      this.i = lt;
      const c = x.charCodeAt(lt + 1);
      if (c === SLASH) {
        this.i = x.indexOf('>', lt) + 1;
        return;
      }
      if (c === BANG || c === QUESTION) {
        this.skipSpecial();
        continue;
      }
      this.open();
      each(this.name);
    }
  }

  /** The text of the element just opened (a leaf), as the SDK's parser reads it. */
  value(): string {
    if (this.empty) {
      return '';
    }
    const x = this.x;
    let text = '';
    let nested = false;
    for (;;) {
      const lt = x.indexOf('<', this.i);
      if (lt < 0) {
        throw new Error('DescribeInstances answer: unexpected end of the XML.');
      }
      if (lt > this.i) {
        const raw = normalize(x.slice(this.i, lt));
        text += raw.includes('&') ? decodeEntities(raw) : raw;
      }
      this.i = lt;
      const c = x.charCodeAt(lt + 1);
      if (c === SLASH) {
        this.i = x.indexOf('>', lt) + 1;
        break;
      }
      if (c === BANG && x.startsWith('<![CDATA[', lt)) {
        const end = x.indexOf(']]>', lt + 9);
        text += normalize(x.slice(lt + 9, end));
        this.i = end + 3;
      } else if (c === BANG || c === QUESTION) {
        this.skipSpecial();
      } else {
        nested = true; // Not a leaf: not a value the explorer reads.
        this.open();
        this.skip();
      }
    }
    if (nested || (text.includes('\n') && text.trim() === '')) {
      return '';
    }
    return text;
  }

  /** Skips the element just opened, with everything in it, making no string of it. */
  skip(): void {
    if (this.empty) {
      return;
    }
    const x = this.x;
    let depth = 1;
    while (depth > 0) {
      const lt = x.indexOf('<', this.i);
      if (lt < 0) {
        throw new Error('DescribeInstances answer: unexpected end of the XML.');
      }
      this.i = lt;
      const c = x.charCodeAt(lt + 1);
      if (c === BANG || c === QUESTION) {
        this.skipSpecial();
        continue;
      }
      const gt = x.indexOf('>', lt);
      if (gt < 0) {
        throw new Error('DescribeInstances answer: unexpected end of the XML.');
      }
      this.i = gt + 1;
      if (c === SLASH) {
        depth--;
      } else if (x.charCodeAt(gt - 1) !== SLASH) {
        depth++;
      }
    }
  }

  /** Reads the tag at `i` (`<name attr="…">` or `<name/>`). */
  private open(): void {
    const x = this.x;
    const gt = x.indexOf('>', this.i);
    if (gt < 0) {
      throw new Error('DescribeInstances answer: unexpected end of the XML.');
    }
    let end = this.i + 1;
    for (let c = x.charCodeAt(end); end < gt && c !== 32 && c !== 9 && c !== 10 && c !== 13 && c !== SLASH; c = x.charCodeAt(++end)) {
      // The name runs to a space, a slash or the end of the tag.
    }
    this.name = x.slice(this.i + 1, end);
    this.empty = x.charCodeAt(gt - 1) === SLASH;
    this.i = gt + 1;
  }

  /** Skips a comment, a CDATA section, a declaration or a processing instruction at `i`. */
  private skipSpecial(): void {
    const x = this.x;
    const stop = x.startsWith('<!--', this.i)
      ? '-->'
      : x.startsWith('<![CDATA[', this.i)
        ? ']]>'
        : x.charCodeAt(this.i + 1) === QUESTION
          ? '?>'
          : '>';
    const end = x.indexOf(stop, this.i + 2);
    if (end < 0) {
      throw new Error('DescribeInstances answer: unexpected end of the XML.');
    }
    this.i = end + stop.length;
  }
}

/** Mutable while scanned; returned as an Ec2Instance. */
interface Draft {
  id?: string;
  state?: string;
  type?: string;
  availabilityZone?: string;
  imageId?: string;
  keyName?: string;
  publicDnsName?: string;
  publicIp?: string;
  privateIp?: string;
  ipv6Address?: string;
  launchTime?: string;
  vpcId?: string;
  subnetId?: string;
  platformDetails?: string;
  securityGroups: Array<{ id: string; name?: string }>;
  volumes: Array<{ volumeId: string; device?: string; deleteOnTermination?: boolean }>;
  tags: Record<string, string>;
}

/** Calls `each` for every `<item>` of the list element just opened. */
function eachItem(s: XmlScanner, each: () => void): void {
  s.children((name) => (name === 'item' ? each() : s.skip()));
}

function scanInstance(s: XmlScanner, region: string, ownerId: string | undefined): Ec2Instance {
  const d: Draft = { securityGroups: [], volumes: [], tags: {} };
  s.children((name) => {
    switch (name) {
      case 'instanceId':
        d.id = s.value();
        return;
      case 'instanceState':
        return s.children((n) => (n === 'name' ? (d.state = s.value()) : s.skip()));
      case 'instanceType':
        d.type = s.value();
        return;
      case 'placement':
        return s.children((n) => (n === 'availabilityZone' ? (d.availabilityZone = s.value()) : s.skip()));
      case 'imageId':
        d.imageId = s.value();
        return;
      case 'keyName':
        d.keyName = s.value();
        return;
      case 'dnsName':
        d.publicDnsName = s.value();
        return;
      case 'ipAddress':
        d.publicIp = s.value();
        return;
      case 'privateIpAddress':
        d.privateIp = s.value();
        return;
      case 'ipv6Address':
        d.ipv6Address = s.value();
        return;
      case 'launchTime':
        d.launchTime = s.value();
        return;
      case 'vpcId':
        d.vpcId = s.value();
        return;
      case 'subnetId':
        d.subnetId = s.value();
        return;
      case 'platformDetails':
        d.platformDetails = s.value();
        return;
      case 'groupSet':
        return eachItem(s, () => {
          let id: string | undefined;
          let groupName: string | undefined;
          s.children((n) => (n === 'groupId' ? (id = s.value()) : n === 'groupName' ? (groupName = s.value()) : s.skip()));
          d.securityGroups.push({ id: id ?? '', name: groupName });
        });
      case 'blockDeviceMapping':
        return eachItem(s, () => {
          let device: string | undefined;
          let volumeId: string | undefined;
          let deleteOnTermination: string | undefined;
          s.children((n) => {
            if (n === 'deviceName') {
              device = s.value();
            } else if (n === 'ebs') {
              s.children((e) =>
                e === 'volumeId' ? (volumeId = s.value()) : e === 'deleteOnTermination' ? (deleteOnTermination = s.value()) : s.skip(),
              );
            } else {
              s.skip();
            }
          });
          if (volumeId) {
            d.volumes.push({
              volumeId,
              device,
              deleteOnTermination: deleteOnTermination === undefined ? undefined : deleteOnTermination === 'true',
            });
          }
        });
      case 'tagSet':
        return eachItem(s, () => {
          let key: string | undefined;
          let value: string | undefined;
          s.children((n) => (n === 'key' ? (key = s.value()) : n === 'value' ? (value = s.value()) : s.skip()));
          d.tags[key ?? ''] = value ?? '';
        });
      default:
        s.skip();
    }
  });
  return {
    region,
    id: d.id ?? '',
    name: d.tags.Name || undefined,
    state: (d.state ?? 'pending') as InstanceState,
    type: d.type,
    availabilityZone: d.availabilityZone,
    imageId: d.imageId,
    keyName: d.keyName,
    publicDnsName: d.publicDnsName || undefined,
    publicIp: d.publicIp || undefined,
    privateIp: d.privateIp || undefined,
    ipv6Address: d.ipv6Address || undefined,
    launchTime: d.launchTime ? new Date(d.launchTime) : undefined,
    vpcId: d.vpcId,
    subnetId: d.subnetId,
    ownerId,
    platformDetails: d.platformDetails,
    securityGroups: d.securityGroups,
    volumes: d.volumes,
    tags: d.tags,
  };
}

/** The compact records and next token of one DescribeInstances page, from its XML, in one pass. */
export function condenseDescribeInstances(region: string, xml: string): { instances: Ec2Instance[]; nextToken?: string } {
  const s = new XmlScanner(xml);
  const instances: Ec2Instance[] = [];
  let nextToken: string | undefined;
  if (!s.root()) {
    return { instances };
  }
  s.children((name) => {
    if (name === 'nextToken') {
      nextToken = s.value() || undefined;
    } else if (name === 'reservationSet') {
      eachItem(s, () => {
        const first = instances.length;
        let ownerId: string | undefined;
        s.children((n) => {
          if (n === 'ownerId') {
            ownerId = s.value();
          } else if (n === 'instancesSet') {
            eachItem(s, () => void instances.push(scanInstance(s, region, ownerId)));
          } else {
            s.skip();
          }
        });
        // AWS writes the owner before the instances; an owner after them (valid XML too) still applies.
        for (let k = first; k < instances.length; k++) {
          if (instances[k].ownerId !== ownerId) {
            instances[k] = { ...instances[k], ownerId };
          }
        }
      });
    } else {
      s.skip();
    }
  });
  return { instances, nextToken };
}
