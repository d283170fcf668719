import * as vscode from 'vscode';
import { cliLine, type SdkCall } from '../core/aws/session/cliTranscript';
import { readSettings } from './settings';

/**
 * The "EC2 Workbench: AWS CLI" output channel: every AWS call the extension makes, written as the
 * `aws` command line the lab would have typed. Created on the first call; off with a setting.
 */
export class CliChannel implements vscode.Disposable {
  private channel: vscode.OutputChannel | undefined;

  record(call: SdkCall, profile: string, endpointUrl?: string): void {
    if (!readSettings().showCliCommands) {
      return;
    }
    this.channel ??= vscode.window.createOutputChannel(vscode.l10n.t('EC2 Workbench: AWS CLI'));
    this.channel.appendLine(cliLine(call, { profile, endpointUrl }));
  }

  dispose(): void {
    this.channel?.dispose();
  }
}
