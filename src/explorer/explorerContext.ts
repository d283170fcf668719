import { type AwsSession } from '../core/aws/session/awsSession';
import { type InstanceFilter } from '../core/aws/ec2/instances';
import { type Ec2KeyPair } from '../core/aws/ec2/keyPairs';
import { type Log } from '../shared/log';

/** What region nodes need from the explorer around them. */
export interface ExplorerContext {
  readonly log: Log;
  session(): AwsSession;
  filter(): InstanceFilter | undefined;
  /** The local private key of a key pair: remembered, or found by its public half in the usual folders. */
  keyFile(keyPair: Ec2KeyPair): Promise<string | undefined>;
}
