// The launch's typed context (what the wizard and the argument object fill) and the one input
// builder: the request sent, the summary's rows and its CLI lines all come from launchRequest().
import { type ImageFacts } from '../../../core/aws/ec2/images';
import { type LaunchRequest } from '../../../core/aws/ec2/launch';
import { type AutoStopContext } from '../autoStopStep';

/** What the launch needs; the wizard fills what the argument object left out. */
export interface LaunchContext extends AutoStopContext {
  region?: string;
  name?: string;
  imageId?: string;
  instanceType?: string;
  keyName?: string;
  subnetId?: string;
  securityGroupIds?: string[];
  /** The name of the group "Create one" makes, fixed when the summary first shows it. */
  newGroupName?: string;
  /** The chosen group's name when it admits neither SSH nor HTTP (the summary warns). */
  closedGroup?: string;
  /** "Create one" was chosen: the group is made after the summary is confirmed, not before. */
  createSecurityGroup?: boolean;
  count?: number;
  /** The chosen image's name, owner and date (for the summary). */
  imageFacts?: ImageFacts;
  /** The user-data text, and where it came from (for the summary). */
  userData?: string;
  userDataSource?: string;
}

/** The request the launch sends (and the CLI line shows: both go through runInstancesInput in aws/launch.ts). */
export function launchRequest(ctx: LaunchContext): LaunchRequest & { securityGroupIds: string[] } {
  return {
    region: ctx.region!,
    name: ctx.name!,
    imageId: ctx.imageId!,
    instanceType: ctx.instanceType!,
    keyName: ctx.keyName || undefined,
    subnetId: ctx.subnetId,
    securityGroupIds: ctx.securityGroupIds ?? [],
    count: ctx.count ?? 1,
    userData: ctx.userData || undefined,
  };
}
