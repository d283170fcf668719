import * as vscode from 'vscode';
import { type CommandId } from '../commands/commandIds';

/** The walkthrough's steps, each ticked by its outcome, not by its command starting (package.json's completionEvents name them). */
export const LAB_STEPS = ['credentials', 'keyPair', 'userData', 'launch', 'connect', 'volume', 'loadBalancer', 'iam', 'cleanUp'] as const;
export type LabStep = (typeof LAB_STEPS)[number];

/** Which command's success completes which step; `done` looks at the result when success alone is not the outcome. */
const OUTCOMES: Partial<Record<CommandId, { step: LabStep; done?: (result: unknown) => boolean }>> = {
  'ec2Workbench.selectProfile': { step: 'credentials', done: (r) => !!r },
  'ec2Workbench.createKeyPair': { step: 'keyPair' },
  'ec2Workbench.importKeyPair': { step: 'keyPair' },
  'ec2Workbench.locatePrivateKey': { step: 'keyPair' },
  'ec2Workbench.newUserData': { step: 'userData' },
  'ec2Workbench.launchInstance': { step: 'launch', done: (r) => ((r as { instanceIds?: unknown[] })?.instanceIds?.length ?? 0) > 0 },
  'ec2Workbench.launchWithUserData': { step: 'launch', done: (r) => ((r as { instanceIds?: unknown[] })?.instanceIds?.length ?? 0) > 0 },
  // "connect" is ticked where a connection happens: a Remote-SSH window opened, an SSH terminal whose ssh ended well.
  'ec2Workbench.attachVolume': { step: 'volume' },
  'ec2Workbench.loadTest': { step: 'loadBalancer', done: (r) => ((r as { ok?: number })?.ok ?? 0) > 0 },
  'ec2Workbench.createLoginProfile': { step: 'iam' },
  'ec2Workbench.cleanUp': { step: 'cleanUp', done: (r) => !!r },
};

/** Global state: the steps done, per profile. */
const STATE_KEY = 'ec2Workbench.labProgress';

/**
 * Sets the `ec2Workbench.lab.<step>` context keys the walkthrough's completion events wait on
 * (`onContext:`), when a step's outcome happens. Cancelled or failed commands tick nothing. The
 * steps done are kept per profile (in the global state), so every later window session shows
 * them ticked again, and another profile shows its own.
 */
export class LabProgress {
  readonly done = new Set<LabStep>();
  private profile = '';

  constructor(
    private readonly state?: vscode.Memento,
    private readonly currentProfile: () => string = () => '',
  ) {
    this.restore();
  }

  /** Shows the steps done with the current profile (at activation, and when the profile changes). */
  restore(): void {
    this.profile = this.currentProfile();
    const saved = this.state?.get<Record<string, LabStep[]>>(STATE_KEY)?.[this.profile] ?? [];
    this.done.clear();
    for (const step of LAB_STEPS) {
      const on = saved.includes(step);
      if (on) {
        this.done.add(step);
      }
      void vscode.commands.executeCommand('setContext', `ec2Workbench.lab.${step}`, on);
    }
  }

  mark(step: LabStep): void {
    if (!this.done.has(step)) {
      this.done.add(step);
      void vscode.commands.executeCommand('setContext', `ec2Workbench.lab.${step}`, true);
      if (this.state) {
        const all = this.state.get<Record<string, LabStep[]>>(STATE_KEY) ?? {};
        void this.state.update(STATE_KEY, { ...all, [this.profile]: [...this.done] });
      }
    }
  }

  /** Called by the command funnel after a command resolved with `result`. */
  commandSucceeded(id: CommandId, result: unknown): void {
    const outcome = OUTCOMES[id];
    if (outcome && result !== undefined && (outcome.done?.(result) ?? true)) {
      this.mark(outcome.step);
    }
  }
}
