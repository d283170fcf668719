import { type AwsSession } from '../aws/awsSession';
import { type InstanceFilter } from '../aws/instances';
import { type Log } from '../shared/log';

/** What region nodes need from the explorer around them. */
export interface ExplorerContext {
  readonly log: Log;
  session(): AwsSession;
  filter(): InstanceFilter | undefined;
  keyFile(region: string, keyName: string): string | undefined;
}
