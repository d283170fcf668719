import * as assert from 'assert';
import * as fs from 'fs';
import { AwsSession } from '../../../src/core/aws/session/awsSession';
import { describeError } from '../../../src/core/aws/session/errors';
import { listProfiles } from '../../../src/core/aws/session/profiles';
import { closedPortUrl, ec2ErrorXml, startFakeAwsServer } from '../../support/fakeAwsServer';
import { motoUrl } from '../../support/moto';

async function failureOf(session: AwsSession, region?: string): Promise<string> {
  try {
    await session.listRegions();
  } catch (error) {
    return describeError(error, await session.errorContext(region));
  }
  assert.fail('listRegions should have failed');
}

describe('AwsSession', () => {
  it('reads the profile, its region and endpoint_url from the shared config files', async () => {
    const profiles = await listProfiles();
    const moto = profiles.find((p) => p.name === 'moto');
    assert.deepStrictEqual(moto, { name: 'moto', region: 'eu-west-3', endpointUrl: motoUrl(), sources: ['config', 'credentials'] });
  });

  it('lists the enabled regions through the profile endpoint', async () => {
    const session = new AwsSession({ profile: 'moto' });
    const regions = await session.listRegions();
    assert.ok(regions.length >= 17, `expected at least 17 regions, got ${regions.length}`);
    assert.ok(regions.includes('eu-west-3') && regions.includes('us-east-1'));
    assert.deepStrictEqual(regions, [...regions].sort());
    session.dispose();
  });

  it('gives one clear sentence for a profile that does not exist', async () => {
    const message = await failureOf(new AwsSession({ profile: 'no-such-profile' }));
    assert.strictEqual(
      message,
      'The AWS profile "no-such-profile" was not found in your AWS config or credentials file. Pick another profile or add it with "aws configure --profile no-such-profile".',
    );
  });

  it('lets the endpoint setting win over the profile endpoint_url, and says when it refuses connections', async () => {
    const closed = await closedPortUrl();
    const message = await failureOf(new AwsSession({ profile: 'moto', endpointUrl: closed, maxAttempts: 1 }));
    assert.strictEqual(
      message,
      `Could not connect to the AWS endpoint at ${closed}: the connection was refused. Check the endpoint URL setting or that the service is running, then refresh.`,
    );
  });

  it('gives one clear sentence for a credentials file with a syntax error, and works again once fixed', async () => {
    const file = process.env.AWS_SHARED_CREDENTIALS_FILE!;
    const good = fs.readFileSync(file, 'utf8');
    try {
      fs.writeFileSync(file, '[moto\naws_access_key_id testing\naws_secret_access_key = testing\n');
      const message = await failureOf(new AwsSession({ profile: 'moto', maxAttempts: 1 }));
      assert.match(
        message,
        /^No usable credentials for the AWS profile "moto": .+ Check ~\/\.aws\/credentials \(or run "aws configure"\), then refresh\.$/,
      );
      assert.doesNotMatch(message, /\n|\s+at /);
    } finally {
      fs.writeFileSync(file, good);
    }
    const regions = await new AwsSession({ profile: 'moto' }).listRegions();
    assert.ok(regions.includes('eu-west-3'));
  });

  it('explains invalid and expired credentials in one sentence', async () => {
    const cases: Array<[string, string]> = [
      [
        'AuthFailure',
        'AWS rejected the credentials of the profile "moto": the access key is invalid or its secret is wrong. Fix the keys with "aws configure", then refresh.',
      ],
      [
        'RequestExpired',
        'The credentials of the profile "moto" have expired. Renew them (for SSO: "aws sso login --profile moto"), then refresh.',
      ],
    ];
    for (const [code, expected] of cases) {
      const server = await startFakeAwsServer(401, ec2ErrorXml(code, 'AWS was not able to validate the provided access credentials'));
      try {
        const message = await failureOf(new AwsSession({ profile: 'moto', endpointUrl: server.url, maxAttempts: 1 }));
        assert.strictEqual(message, expected);
        assert.strictEqual(server.requests, 1);
      } finally {
        await server.close();
      }
    }
  });
});
