import { tildify } from '../core/keys/privateKeyFile';
import * as vscode from 'vscode';
import { type Ec2KeyPair } from '../core/aws/ec2/keyPairs';
import { type ResourceNode, resourceItem } from './resourceNode';
import { fieldsTooltip } from './tooltip';

export class KeyPairNode implements ResourceNode {
  readonly kind = 'keyPair';
  readonly id: string;
  readonly region: string;
  readonly resourceId: string;

  constructor(
    readonly keyPair: Ec2KeyPair,
    /** The local private key file, when the extension knows it. */
    readonly keyFile: string | undefined,
  ) {
    this.region = keyPair.region;
    this.resourceId = keyPair.name;
    this.id = `${keyPair.region}/keyPair/${keyPair.name}`;
  }

  treeItem(): vscode.TreeItem {
    const k = this.keyPair;
    const local = this.keyFile ? tildify(this.keyFile) : vscode.l10n.t('no local private key');
    return resourceItem(this, k.name, {
      description: [k.type, local].filter(Boolean).join(' · '),
      icon: new vscode.ThemeIcon('key', this.keyFile ? undefined : new vscode.ThemeColor('disabledForeground')),
      contextValue: this.keyFile ? 'keyPair.local' : 'keyPair',
      tooltip: fieldsTooltip(k.name, [
        [vscode.l10n.t('Id'), k.id],
        [vscode.l10n.t('Type'), k.type],
        [vscode.l10n.t('Fingerprint'), k.fingerprint],
        [vscode.l10n.t('Private key'), this.keyFile ?? vscode.l10n.t('unknown: use "Locate Private Key..."')],
      ]),
    });
  }
}
