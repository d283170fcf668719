// The mount lines a student pastes after attaching a volume: the disk is named by the volume's id,
// and mkfs runs only on a disk without a filesystem. Run in bash with lsblk and sudo stood in for.
import * as assert from 'assert';
import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';
import { mountCommands } from '../../../src/core/aws/ec2/volumes';
import { tempDir } from '../../support/files';

/** Runs the lines with `lsblk` answering `fstype` and `sudo` recording what it was asked to run. */
function runWith(lines: string, fstype: string): string[] {
  const dir = tempDir();
  const log = path.join(dir, 'sudo.log');
  fs.writeFileSync(path.join(dir, 'lsblk'), `#!/bin/sh\ncase "$*" in *FSTYPE*) printf '%s' '${fstype}';; esac\n`, { mode: 0o755 });
  fs.writeFileSync(path.join(dir, 'sudo'), `#!/bin/sh\necho "$*" >> ${log}\n`, { mode: 0o755 });
  const r = spawnSync('bash', ['-c', lines], { env: { ...process.env, PATH: `${dir}:${process.env.PATH}` }, encoding: 'utf8' });
  assert.strictEqual(r.error, undefined);
  return fs.existsSync(log) ? fs.readFileSync(log, 'utf8').trim().split('\n') : [];
}

describe('Mount commands', () => {
  const lines = mountCommands('/dev/sdf', 'vol-0123456789abcdef0');

  it('names the disk by the volume id, with the device name as the fallback, never "the first nvme disk"', () => {
    assert.match(lines, /^DEV=\/dev\/disk\/by-id\/nvme-Amazon_Elastic_Block_Store_vol0123456789abcdef0 /);
    assert.match(lines, /\[ -e "\$DEV" \] \|\| DEV=\/dev\/xvdf; \[ -e "\$DEV" \] \|\| DEV=\/dev\/sdf/);
    assert.doesNotMatch(lines, /nvme\[1-9\]n1/);
  });

  it('formats a disk without a filesystem, and never one that has one', () => {
    const fresh = runWith(lines, '');
    assert.ok(
      fresh.some((l) => /^mkfs -t ext4 \/dev\/(xvdf|sdf)$/.test(l)),
      fresh.join(' | '),
    );
    const used = runWith(lines, 'ext4');
    assert.ok(!used.some((l) => l.startsWith('mkfs')), used.join(' | '));
    assert.ok(
      used.some((l) => /^mount \/dev\/(xvdf|sdf) \/data$/.test(l)),
      used.join(' | '),
    );
  });
});
