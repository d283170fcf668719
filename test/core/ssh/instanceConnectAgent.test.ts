// Which images ship the EC2 Instance Connect agent, from their name and owner (issue #30, point 8).
// Source checked: the EC2 User Guide, "Install EC2 Instance Connect on your EC2 instances" (the agent
// is preinstalled on Amazon Linux 2 2.0.20190618 and later, Amazon Linux 2023, Ubuntu 20.04 LTS and
// later, macOS Monterey and later; other images need the ec2-instance-connect package; Windows has none).
// The names are the ones the publishers give their images (AWS's public SSM parameters resolve to them).
import * as assert from 'assert';
import { instanceConnectAgent } from '../../../src/core/ssh/sshHost';

const AMAZON = '137112412989';
const CANONICAL = '099720109477';
const DEBIAN = '136693071363';

describe('EC2 Instance Connect agent, from the image', () => {
  it('knows the images AWS lists as shipping the agent, and the usual ones without it', () => {
    const cases: Array<[{ name?: string; ownerId?: string; ownerAlias?: string; platformDetails?: string }, string]> = [
      [{ name: 'al2023-ami-2023.9.20251117.1-kernel-6.1-x86_64', ownerId: AMAZON }, 'preinstalled'],
      // Opt-in regions: Amazon's images under another account, with the alias "amazon".
      [{ name: 'al2023-ami-2023.9.20251117.1-kernel-6.1-arm64', ownerId: '111122223333', ownerAlias: 'amazon' }, 'preinstalled'],
      [{ name: 'amzn2-ami-kernel-5.10-hvm-2.0.20251110.0-x86_64-gp2', ownerId: AMAZON }, 'preinstalled'],
      [{ name: 'amzn2-ami-hvm-2.0.20190508-x86_64-gp2', ownerId: AMAZON }, 'absent'],
      [{ name: 'amzn-ami-hvm-2018.03.0.20231218.0-x86_64-gp2', ownerId: AMAZON }, 'absent'],
      [{ name: 'amzn-ec2-macos-14.7.1-20241106-000000-arm64', ownerId: AMAZON }, 'preinstalled'],
      [{ name: 'ubuntu/images/hvm-ssd-gp3/ubuntu-noble-24.04-amd64-server-20251120', ownerId: CANONICAL }, 'preinstalled'],
      [{ name: 'ubuntu/images/hvm-ssd/ubuntu-focal-20.04-amd64-server-20250110', ownerId: CANONICAL }, 'preinstalled'],
      [{ name: 'ubuntu/images/hvm-ssd/ubuntu-bionic-18.04-amd64-server-20230531', ownerId: CANONICAL }, 'absent'],
      [{ name: 'debian-12-amd64-20251112-2294', ownerId: DEBIAN }, 'absent'],
      [{ name: 'debian-13-arm64-20251112-2294', ownerId: '123456789012' }, 'absent'],
      [
        { name: 'RHEL-9.4.0_HVM-20240605-x86_64-82-Hourly2-GP3', ownerId: '309956199498', platformDetails: 'Red Hat Enterprise Linux' },
        'absent',
      ],
      [{ name: 'suse-sles-15-sp6-v20250101-hvm-ssd-x86_64', ownerId: '013907871322', platformDetails: 'SUSE Linux' }, 'absent'],
      [{ name: 'Windows_Server-2022-English-Full-Base-2025.01.15', ownerId: '801119661308', platformDetails: 'Windows' }, 'absent'],
      // Ubuntu's name from another publisher, or a custom image: not known.
      [{ name: 'ubuntu/images/hvm-ssd-gp3/ubuntu-noble-24.04-amd64-server-20251120', ownerId: '123456789012' }, 'unknown'],
      [{ name: 'my-golden-image-2026-11', ownerId: '123456789012', platformDetails: 'Linux/UNIX' }, 'unknown'],
    ];
    assert.deepStrictEqual(
      cases.map(([image]) => [image.name, instanceConnectAgent(image)]),
      cases.map(([image, expected]) => [image.name, expected]),
    );
    assert.strictEqual(instanceConnectAgent(undefined), 'unknown');
  });
});
