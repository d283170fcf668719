// What an SSH entry for an instance is made of: alias, host, user. All values are checked so that
// text from AWS (tags, names) can never add a directive to the user's SSH config.
import * as l10n from '@vscode/l10n';
import type { Ec2Instance } from '../aws/instances';
import { UserError } from '../aws/errors';

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
