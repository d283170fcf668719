import * as assert from 'assert';
import { DescribeInstanceAttributeCommand, DescribeInstancesCommand } from '@aws-sdk/client-ec2';
import { execFileSync } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';
import { AwsSession } from '../../../src/core/aws/session/awsSession';
import { cliLine, SdkCall } from '../../../src/core/aws/session/cliTranscript';
import { launchInstances } from '../../../src/core/aws/ec2/launch';
import { tempDir } from '../../support/files';
import { ec2, resetMoto } from '../../support/moto';
import { defaultSubnet, ubuntuImage } from '../../support/seed';

const AWS_CLI = path.resolve(__dirname, '..', '..', '..', '..', '.venv', 'bin', 'aws');

describe('AWS CLI transcript', () => {
  it('writes secrets as placeholders and user-data as a file reference', () => {
    const line = cliLine(
      {
        service: 'iam',
        region: 'us-east-1',
        commandName: 'CreateLoginProfileCommand',
        input: { UserName: 'student', Password: 'S3cret!pass', PasswordResetRequired: true },
      },
      { profile: 'lab' },
    );
    assert.strictEqual(
      line,
      "aws iam create-login-profile --user-name student --password '<password>' --password-reset-required --profile lab",
    );
    const run = cliLine({
      service: 'ec2',
      region: 'eu-west-3',
      commandName: 'RunInstancesCommand',
      input: { UserData: 'IyEvYmluL3No', DryRun: false, InstanceIds: undefined },
    });
    assert.strictEqual(run, 'aws ec2 run-instances --user-data file://user-data.sh --no-dry-run --region eu-west-3');
  });

  it('the launch it records runs as is with the real AWS CLI and launches the same thing', async () => {
    if (!fs.existsSync(AWS_CLI)) {
      throw new Error(`the AWS CLI is missing at ${AWS_CLI}: run "npm test", which installs it`);
    }
    await resetMoto();
    const calls: SdkCall[] = [];
    const session = new AwsSession({ profile: 'moto', onCall: (c) => calls.push(c) });
    const subnet = await defaultSubnet('eu-west-3');
    const userData = "#!/bin/bash\necho 'bonjour, le TP' > /tmp/hello\n";
    const [first] = await launchInstances(session, {
      region: 'eu-west-3',
      name: 'from-cli',
      imageId: await ubuntuImage('eu-west-3'),
      instanceType: 't3.micro',
      subnetId: subnet.id,
      count: 1,
      userData,
    });
    session.dispose();
    const runs = calls.filter((c) => c.commandName === 'RunInstancesCommand').map((c) => cliLine(c, { profile: 'moto' }));
    assert.strictEqual(runs.length, 2, 'a dry run, then the launch');
    assert.match(runs[0], / --dry-run /);
    const line = runs[1];
    assert.match(
      line,
      /^aws ec2 run-instances --no-dry-run --image-id ami-[0-9a-f]+ --instance-type t3\.micro --subnet-id subnet-[0-9a-f]+ --user-data file:\/\/user-data\.sh /,
    );
    // Run it as a student would: in a shell, with the script saved beside it.
    const cwd = tempDir();
    fs.writeFileSync(path.join(cwd, 'user-data.sh'), userData);
    const out = JSON.parse(
      execFileSync('sh', ['-c', line.replace(/^aws /, `${AWS_CLI} `)], {
        cwd,
        encoding: 'utf8',
        env: { ...process.env, AWS_ACCESS_KEY_ID: 'testing', AWS_SECRET_ACCESS_KEY: 'testing' },
      }),
    );
    const id = out.Instances[0].InstanceId as string;
    assert.notStrictEqual(id, first);
    const [viaSdk, viaCli] = await Promise.all(
      [first, id].map(
        async (i) => (await ec2('eu-west-3').send(new DescribeInstancesCommand({ InstanceIds: [i] }))).Reservations![0].Instances![0],
      ),
    );
    for (const field of ['ImageId', 'InstanceType', 'SubnetId'] as const) {
      assert.strictEqual(viaCli[field], viaSdk[field], field);
    }
    assert.deepStrictEqual(viaCli.Tags?.map((t) => `${t.Key}=${t.Value}`).sort(), ['Name=from-cli', 'ec2-workbench=lab']);
    const attr = await ec2('eu-west-3').send(new DescribeInstanceAttributeCommand({ InstanceId: id, Attribute: 'userData' }));
    assert.strictEqual(Buffer.from(attr.UserData!.Value!, 'base64').toString('utf8'), userData);
  });
});
