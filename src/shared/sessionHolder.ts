import * as vscode from 'vscode';
import { AwsSession } from '../core/aws/session/awsSession';
import { type CliChannel } from './cliChannel';
import { readSettings, SECTION } from './settings';

/**
 * Holds the AwsSession built from the settings and replaces it when the profile, endpoint or
 * timeout settings change, so a change applies without reloading the window.
 */
export class SessionHolder implements vscode.Disposable {
  private current: AwsSession | undefined;
  private readonly changed = new vscode.EventEmitter<void>();
  private readonly watcher: vscode.Disposable;
  readonly onDidChange = this.changed.event;

  constructor(private readonly cli?: CliChannel) {
    this.watcher = vscode.workspace.onDidChangeConfiguration((e) => {
      if (['profile', 'endpointUrl', 'requestTimeoutSeconds'].some((key) => e.affectsConfiguration(`${SECTION}.${key}`))) {
        this.reset();
      }
    });
  }

  get session(): AwsSession {
    if (!this.current) {
      const s = readSettings();
      const endpointUrl = s.endpointUrl || undefined;
      this.current = new AwsSession({
        profile: s.profile,
        endpointUrl,
        requestTimeoutMs: s.requestTimeoutSeconds * 1000,
        onCall: this.cli ? (call) => this.cli?.record(call, s.profile, endpointUrl) : undefined,
      });
    }
    return this.current;
  }

  /** Drops the clients and cached credentials, so fixed files or settings are read again. */
  reset(): void {
    this.current?.dispose();
    this.current = undefined;
    this.changed.fire();
  }

  dispose(): void {
    this.current?.dispose();
    this.watcher.dispose();
    this.changed.dispose();
  }
}
