import * as vscode from 'vscode';
import { type Ec2Volume } from '../core/aws/ec2/volumes';
import { type ResourceNode, resourceItem } from './resourceNode';
import { stateLabel, stateWithAwsWord } from '../shared/stateLabel';
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
      description: [`${v.sizeGiB ?? '?'} GiB`, v.type, stateLabel(v.state), attached].filter(Boolean).join(' · '),
      icon: new vscode.ThemeIcon('database'),
      contextValue: `volume.${v.state ?? 'unknown'}`,
      tooltip: fieldsTooltip(v.name ? `${v.name} (${v.id})` : v.id, [
        [vscode.l10n.t('Size'), v.sizeGiB !== undefined ? `${v.sizeGiB} GiB` : undefined],
        [vscode.l10n.t('Type'), v.type],
        [vscode.l10n.t('State'), stateWithAwsWord(v.state)],
        [vscode.l10n.t('Availability zone'), v.availabilityZone],
        [vscode.l10n.t('Attached to'), v.attachment?.instanceId],
        [vscode.l10n.t('Device'), v.attachment?.device],
      ]),
    });
  }
}
