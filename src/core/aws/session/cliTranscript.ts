// The AWS CLI command line equivalent to an SDK call, for the "AWS CLI" output channel: a student
// sees what the lab's commands would have been. Secrets never appear: a password is replaced by a
// placeholder, user-data and key material by file references.
import { shellQuote } from '../../text/shellQuote';

export interface SdkCall {
  readonly service: 'ec2' | 'elb' | 'elbv2' | 'iam' | 'ssm' | 'pricing' | 'cloudwatch';
  readonly region: string;
  /** The SDK command class name, for example DescribeInstancesCommand. */
  readonly commandName: string;
  readonly input: Record<string, unknown>;
}

export interface CliContext {
  readonly profile?: string;
  readonly endpointUrl?: string;
  /** Where a file-borne parameter really is (for example UserData: file://lab.sh), instead of the placeholder. */
  readonly fileReferences?: Readonly<Record<string, string>>;
}

const kebab = (name: string) =>
  name
    .replace(/([a-z0-9])([A-Z])/g, '$1-$2')
    .replace(/([A-Z])([A-Z][a-z])/g, '$1-$2')
    .toLowerCase();

/** Parameters handled by the CLI itself (it pages on its own). */
const SKIPPED = new Set(['NextToken', 'MaxResults', 'Marker', 'MaxItems', 'PageSize']);

/** Replaced, never printed. */
const FILE_REFERENCES: Record<string, string> = {
  UserData: 'file://user-data.sh',
  PublicKeyMaterial: 'fileb://public-key.pub',
};
const SECRETS = new Set(['Password', 'OldPassword', 'NewPassword', 'KeyMaterial']);

function renderValue(value: unknown): string | undefined {
  if (value === undefined || value === null) {
    return undefined;
  }
  if (Array.isArray(value)) {
    if (value.length === 0) {
      return undefined;
    }
    if (value.every((v) => typeof v === 'string' || typeof v === 'number')) {
      return value.map((v) => shellQuote(String(v))).join(' ');
    }
    return shellQuote(JSON.stringify(value));
  }
  if (typeof value === 'object') {
    return shellQuote(JSON.stringify(value));
  }
  return shellQuote(String(value));
}

/** Where the CLI's options differ from the API's parameters. */
function cliInput(commandName: string, input: Record<string, unknown>): Record<string, unknown> {
  if (commandName === 'RunInstancesCommand' && (input.MinCount !== undefined || input.MaxCount !== undefined)) {
    // `aws ec2 run-instances` takes --count N (or MIN:MAX) instead of MinCount and MaxCount.
    const { MinCount, MaxCount, ...rest } = input;
    return { ...rest, Count: MinCount === MaxCount ? MinCount : `${MinCount}:${MaxCount}` };
  }
  return input;
}

export function cliLine(call: SdkCall, ctx: CliContext = {}): string {
  const operation = kebab(call.commandName.replace(/Command$/, ''));
  const parts = [`aws ${call.service} ${operation}`];
  for (const [key, value] of Object.entries(cliInput(call.commandName, call.input))) {
    if (SKIPPED.has(key) || value === undefined) {
      continue;
    }
    const flag = `--${kebab(key)}`;
    if (typeof value === 'boolean') {
      parts.push(value ? flag : `--no-${kebab(key)}`);
    } else if (key in FILE_REFERENCES) {
      parts.push(`${flag} ${ctx.fileReferences?.[key] ? shellQuote(ctx.fileReferences[key]) : FILE_REFERENCES[key]}`);
    } else if (SECRETS.has(key)) {
      parts.push(`${flag} '<${key.toLowerCase()}>'`);
    } else {
      const rendered = renderValue(value);
      if (rendered !== undefined) {
        parts.push(`${flag} ${rendered}`);
      }
    }
  }
  if (call.service !== 'iam') {
    parts.push(`--region ${call.region}`);
  }
  if (ctx.profile && ctx.profile !== 'default') {
    parts.push(`--profile ${shellQuote(ctx.profile)}`);
  }
  if (ctx.endpointUrl) {
    parts.push(`--endpoint-url ${shellQuote(ctx.endpointUrl)}`);
  }
  return parts.join(' ');
}
