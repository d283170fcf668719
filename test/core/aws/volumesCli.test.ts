// The volume commands' CLI lines (create in the summary; attach, detach, delete in the log) come
// from the same builders as the SDK calls (aws/volumes.ts). Each line is run here as a student
// would, with the real AWS CLI against the emulator, and does what the product's own call does.
import * as assert from 'assert';
import { DescribeVolumesCommand } from '@aws-sdk/client-ec2';
import { execFileSync } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';
import { AwsSession } from '../../../src/core/aws/session/awsSession';
import { cliLine, type SdkCall } from '../../../src/core/aws/session/cliTranscript';
import {
  attachVolume,
  attachVolumeCall,
  createVolume,
  createVolumeCli,
  deleteVolumeCall,
  detachVolume,
  detachVolumeCall,
  volumeCli,
} from '../../../src/core/aws/ec2/volumes';
import { tempDir } from '../../support/files';
import { ec2, resetMoto } from '../../support/moto';
import { defaultSubnet, runInstances } from '../../support/seed';

const AWS_CLI = path.resolve(__dirname, '..', '..', '..', '..', '.venv', 'bin', 'aws');

/** Runs a line in a shell with the real AWS CLI; resolves to its JSON output (or undefined when it prints nothing). */
function runLine(line: string): unknown {
  const out = execFileSync('sh', ['-c', line.replace(/^aws /, `${AWS_CLI} `)], {
    cwd: tempDir(),
    encoding: 'utf8',
    env: { ...process.env, AWS_ACCESS_KEY_ID: 'testing', AWS_SECRET_ACCESS_KEY: 'testing' },
  });
  return out.trim() ? JSON.parse(out) : undefined;
}

const volume = async (id: string) => (await ec2('eu-west-3').send(new DescribeVolumesCommand({ VolumeIds: [id] }))).Volumes![0];

describe('Volume CLI lines, replayed with the real AWS CLI', () => {
  it('create, attach, detach and delete: each line shown is the call sent, and runs as is', async () => {
    if (!fs.existsSync(AWS_CLI)) {
      throw new Error(`the AWS CLI is missing at ${AWS_CLI}: run "npm test", which installs it`);
    }
    await resetMoto();
    const subnet = await defaultSubnet('eu-west-3', 'eu-west-3a');
    const [instance] = await runInstances('eu-west-3', { name: 'web-1', subnetId: subnet.id });
    const spec = { availabilityZone: subnet.az, sizeGiB: 8, volumeType: 'gp3' as const, name: "data d'Élise" };

    // What the product sends and what its summary shows are one request.
    const calls: SdkCall[] = [];
    const session = new AwsSession({ profile: 'moto', onCall: (c) => calls.push(c) });
    const viaSdk = await createVolume(session, 'eu-west-3', spec);
    await attachVolume(session, 'eu-west-3', viaSdk, instance, '/dev/sdf');
    await detachVolume(session, 'eu-west-3', viaSdk, false, { instanceId: instance, device: '/dev/sdf' });
    session.dispose();
    const sent = calls.filter((c) => /Volume/.test(c.commandName) && c.commandName !== 'DescribeVolumesCommand');
    assert.deepStrictEqual(
      sent.map((c) => cliLine(c, { profile: 'moto' })),
      [
        createVolumeCli('eu-west-3', spec, 'moto'),
        volumeCli(attachVolumeCall('eu-west-3', viaSdk, instance, '/dev/sdf'), 'moto'),
        volumeCli(detachVolumeCall('eu-west-3', viaSdk, false, { instanceId: instance, device: '/dev/sdf' }), 'moto'),
      ],
    );

    // The same lines, run with the CLI, make the same volume and move it the same way.
    const created = runLine(createVolumeCli('eu-west-3', spec, 'moto')) as { VolumeId: string };
    const viaCli = await volume(created.VolumeId);
    const reference = await volume(viaSdk);
    for (const field of ['AvailabilityZone', 'Size', 'VolumeType'] as const) {
      assert.strictEqual(viaCli[field], reference[field], field);
    }
    assert.deepStrictEqual(viaCli.Tags?.map((t) => `${t.Key}=${t.Value}`).sort(), reference.Tags?.map((t) => `${t.Key}=${t.Value}`).sort());
    assert.ok(
      viaCli.Tags?.some((t) => t.Key === 'Name' && t.Value === "data d'Élise"),
      'the quote survives the shell',
    );

    runLine(volumeCli(attachVolumeCall('eu-west-3', created.VolumeId, instance, '/dev/sdg'), 'moto'));
    const attached = await volume(created.VolumeId);
    assert.strictEqual(attached.Attachments?.[0]?.InstanceId, instance);
    assert.strictEqual(attached.Attachments?.[0]?.Device, '/dev/sdg');

    runLine(volumeCli(detachVolumeCall('eu-west-3', created.VolumeId, false, { instanceId: instance, device: '/dev/sdg' }), 'moto'));
    assert.strictEqual((await volume(created.VolumeId)).State, 'available');

    runLine(volumeCli(deleteVolumeCall('eu-west-3', created.VolumeId), 'moto'));
    const left = (await ec2('eu-west-3').send(new DescribeVolumesCommand({}))).Volumes!.map((v) => v.VolumeId);
    assert.ok(!left.includes(created.VolumeId), 'deleted');
    assert.ok(left.includes(viaSdk));
  });
});
