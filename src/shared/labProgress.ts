import * as vscode from 'vscode';

/** The walkthrough's steps, each ticked by its outcome, not by its command starting. */
export type LabStep = 'credentials' | 'keyPair' | 'userData' | 'launch' | 'connect' | 'volume' | 'loadBalancer' | 'iam' | 'cleanUp';

/** Which command's success completes which step; `done` looks at the result when success alone is not the outcome. */
const OUTCOMES: Record<string, { step: LabStep; done?: (result: unknown) => boolean }> = {
  'ec2Workbench.selectProfile': { step: 'credentials', done: (r) => !!r },
  'ec2Workbench.createKeyPair': { step: 'keyPair' },
  'ec2Workbench.importKeyPair': { step: 'keyPair' },
  'ec2Workbench.locatePrivateKey': { step: 'keyPair' },
  'ec2Workbench.newUserData': { step: 'userData' },
  'ec2Workbench.launchInstance': { step: 'launch', done: (r) => ((r as { instanceIds?: unknown[] })?.instanceIds?.length ?? 0) > 0 },
  'ec2Workbench.launchWithUserData': { step: 'launch', done: (r) => ((r as { instanceIds?: unknown[] })?.instanceIds?.length ?? 0) > 0 },
  'ec2Workbench.connectRemoteSsh': { step: 'connect' },
  'ec2Workbench.openSshTerminal': { step: 'connect' },
  'ec2Workbench.attachVolume': { step: 'volume' },
  'ec2Workbench.loadTest': { step: 'loadBalancer', done: (r) => ((r as { ok?: number })?.ok ?? 0) > 0 },
  'ec2Workbench.createLoginProfile': { step: 'iam' },
  'ec2Workbench.cleanUp': { step: 'cleanUp', done: (r) => !!r },
};

/**
 * Sets the `ec2Workbench.lab.<step>` context keys the walkthrough's completion events wait on
 * (`onContext:`), when a step's outcome happens. Cancelled or failed commands tick nothing.
 */
export class LabProgress {
  readonly done = new Set<LabStep>();

  mark(step: LabStep): void {
    if (!this.done.has(step)) {
      this.done.add(step);
      void vscode.commands.executeCommand('setContext', `ec2Workbench.lab.${step}`, true);
    }
  }

  /** Called by the command funnel after a command resolved with `result`. */
  commandSucceeded(id: string, result: unknown): void {
    const outcome = OUTCOMES[id];
    if (outcome && result !== undefined && (outcome.done?.(result) ?? true)) {
      this.mark(outcome.step);
    }
  }
}
