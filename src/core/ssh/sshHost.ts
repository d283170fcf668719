// What an SSH entry for an instance is made of: alias, host, user. All values are checked so that
// text from AWS (tags, names) can never add a directive to the user's SSH config.
import * as l10n from '@vscode/l10n';
import type { Ec2Instance } from '../aws/ec2/instances';
import { UserError } from '../aws/session/errors';

/** `ec2-<region>-<instance id>`, only [a-z0-9-]: Remote - SSH and OpenSSH mishandle anything else. */
export function sshAlias(region: string, instanceId: string): string {
  return `ec2-${region}-${instanceId}`.toLowerCase().replace(/[^a-z0-9-]/g, '-');
}

/** The region and instance id an alias was made from (for pruning terminated instances). */
export function parseAlias(alias: string): { region: string; instanceId: string } | undefined {
  const m = /^ec2-([a-z]{2}(?:-[a-z]+)+-\d)-(i-[0-9a-f]+)$/.exec(alias);
  return m ? { region: m[1], instanceId: m[2] } : undefined;
}

/** The address to connect to: public DNS, else public IP; the private IP when asked. */
export function sshHostName(instance: Ec2Instance, usePrivateIp = false): string {
  const host = usePrivateIp ? instance.privateIp : (instance.publicDnsName ?? instance.publicIp);
  if (!host) {
    throw new UserError(
      usePrivateIp
        ? l10n.t('{0} has no private IP address.', instance.name ?? instance.id)
        : l10n.t(
            '{0} has no public address. Launch it in a subnet that assigns public IPs, or set ec2Workbench.ssh.usePrivateIp to connect through a VPN.',
            instance.name ?? instance.id,
          ),
    );
  }
  return checkedValue('HostName', host, /^[A-Za-z0-9.:-]+$/);
}

/** The login user for an AMI name or description (ubuntu for Ubuntu, ec2-user for Amazon Linux...). */
export function userForImage(imageText: string | undefined): string | undefined {
  const text = (imageText ?? '').toLowerCase();
  const table: Array<[RegExp, string]> = [
    [/ubuntu/, 'ubuntu'],
    [/debian/, 'admin'],
    [/amzn|amazon linux|al20\d\d/, 'ec2-user'],
    [/rhel|red hat/, 'ec2-user'],
    [/suse|sles/, 'ec2-user'],
    [/centos/, 'centos'],
    [/fedora/, 'fedora'],
    [/bitnami/, 'bitnami'],
    [/freebsd/, 'ec2-user'],
  ];
  return table.find(([re]) => re.test(text))?.[1];
}

export function checkedUser(user: string): string {
  return checkedValue('User', user, /^[a-z_][a-z0-9_.-]{0,31}$/i);
}

/** Refuses values that could break out of their line (newline, control characters, quotes). */
export function checkedValue(what: string, value: string, pattern?: RegExp): string {
  // eslint-disable-next-line no-control-regex
  if (/[\x00-\x1f\x7f"]/.test(value) || (pattern && !pattern.test(value))) {
    throw new UserError(l10n.t('The SSH {0} value {1} is not safe to write into an SSH config file.', what, JSON.stringify(value)));
  }
  return value;
}

/** Whether an image ships the EC2 Instance Connect agent, from its name and owner. */
export type InstanceConnectAgent = 'preinstalled' | 'absent' | 'unknown';

const AMAZON = '137112412989';
const CANONICAL = '099720109477';
const DEBIAN = '136693071363';

/**
 * From the EC2 User Guide, "Install EC2 Instance Connect": the agent comes with Amazon Linux 2
 * (2.0.20190618 and later), Amazon Linux 2023, Ubuntu 20.04 LTS and later (Canonical's images) and
 * macOS Monterey and later; other images (Debian, RHEL, SUSE, CentOS, Amazon Linux AMI 2018...) need
 * it installed, and Windows has none. "unknown" when name and owner do not tell.
 */
export function instanceConnectAgent(
  image: { name?: string; ownerId?: string; ownerAlias?: string; platformDetails?: string } | undefined,
): InstanceConnectAgent {
  if (!image) {
    return 'unknown';
  }
  const name = (image.name ?? '').toLowerCase();
  const platform = (image.platformDetails ?? '').toLowerCase();
  const amazon = image.ownerId === AMAZON || image.ownerAlias === 'amazon';
  if (/^windows/.test(platform) || /^windows[_-]/.test(name)) return 'absent';
  if (/red hat|suse/.test(platform)) return 'absent';
  if (amazon && /^al2023-ami-/.test(name)) return 'preinstalled';
  if (amazon && /^amzn2-ami-/.test(name)) {
    const date = /-2\.0\.(\d{8})/.exec(name)?.[1];
    return date && date < '20190618' ? 'absent' : 'preinstalled';
  }
  if (amazon && /^amzn-ami-/.test(name)) return 'absent';
  if (amazon && /^amzn-ec2-macos-(\d+)/.test(name)) return Number(/^amzn-ec2-macos-(\d+)/.exec(name)![1]) >= 12 ? 'preinstalled' : 'absent';
  if (image.ownerId === CANONICAL) {
    const version = /ubuntu-[a-z]+-(\d+)\.(\d+)-/.exec(name);
    if (version) return Number(version[1]) >= 20 ? 'preinstalled' : 'absent';
  }
  if (image.ownerId === DEBIAN || /^debian-\d+-/.test(name)) return 'absent';
  if (/^(rhel|suse|sles|centos|fedora|rocky|almalinux)[-_]/.test(name)) return 'absent';
  return 'unknown';
}
