// The walkthrough's ticks at activation, for the activation entry (extension.ts) alone: the steps done
// with the profile in use, read from the saved state and shown at once, without loading the
// workbench (the walkthrough may be open before the view or any command is used). One read of the
// global state; nothing at all when no step was ever done. No import: the activation bundle holds
// nothing the workbench bundle holds too. The key is labProgress.ts's (a test ties the two), and the
// profile is read as settings.ts reads it (the user's setting, else AWS_PROFILE, else "default").
import * as vscode from 'vscode';

const LAB_PROGRESS_KEY = 'ec2Workbench.labProgress';

/** Sets `ec2Workbench.lab.<step>` for each step done with the current profile; returns how many. */
export function restoreLabTicks(state: { get<T>(key: string): T | undefined }): number {
  const saved = state.get<Record<string, string[]>>(LAB_PROGRESS_KEY);
  if (!saved) {
    return 0;
  }
  const setting = vscode.workspace.getConfiguration('ec2Workbench').inspect<unknown>('profile');
  const value = setting?.globalValue ?? setting?.defaultValue;
  const profile = (typeof value === 'string' ? value.trim() : '') || process.env.AWS_PROFILE || 'default';
  const done = saved[profile] ?? [];
  for (const step of done) {
    void vscode.commands.executeCommand('setContext', `ec2Workbench.lab.${step}`, true);
  }
  return done.length;
}
