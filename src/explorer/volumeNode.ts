import * as vscode from 'vscode';
import { Ec2Volume } from '../aws/volumes';
import { ResourceNode, resourceItem } from './resourceNode';
import { fieldsTooltip } from './tooltip';

export class VolumeNode implements ResourceNode {
  readonly kind = 'volume';
  readonly id: string;
  readonly region: string;
  readonly resourceId: string;

  /** `parentId` keeps ids unique when the same volume also shows under its instance. */
  constructor(
    readonly volume: Ec2Volume,
    parentId = '',
  ) {
    this.region = volume.region;
    this.resourceId = volume.id;
    this.id = `${parentId}${volume.region}/volume/${volume.id}`;
  }

  treeItem(): vscode.TreeItem {
    const v = this.volume;
    const attached = v.attachment ? `→ ${v.attachment.instanceId} ${v.attachment.device ?? ''}`.trim() : undefined;
    return resourceItem(this, v.name ?? v.id, {
      description: [`${v.sizeGiB ?? '?'} GiB`, v.type, v.state, attached].filter(Boolean).join(' · '),
      icon: new vscode.ThemeIcon('database'),
      contextValue: `volume.${v.state ?? 'unknown'}`,
      tooltip: fieldsTooltip(v.name ? `${v.name} (${v.id})` : v.id, [
        ['Size', v.sizeGiB !== undefined ? `${v.sizeGiB} GiB` : undefined],
        ['Type', v.type],
        ['State', v.state],
        ['Availability zone', v.availabilityZone],
        ['Attached to', v.attachment?.instanceId],
        ['Device', v.attachment?.device],
      ]),
    });
  }
}
