// Answers the wizard's real QuickPicks and InputBoxes, in order, the way a user would: pick an
// item or type a value, then accept (the same command Enter runs).
import * as vscode from 'vscode';
import { Workbench } from '../../src/workbench';

export type Answer =
  | { pick: (item: vscode.QuickPickItem & { value?: unknown }) => boolean }
  | { type: string }
  | { back: true };

export interface Answering {
  /** Resolves when every answer has been given; rejects on a prompt that does not match. */
  readonly done: Promise<void>;
  /** The titles and step counters of the prompts seen, for assertions. */
  readonly seen: string[];
  dispose(): void;
}

export function answerPrompts(wb: Workbench, answers: Answer[]): Answering {
  const queue = [...answers];
  const seen: string[] = [];
  let finish!: () => void;
  let fail!: (e: Error) => void;
  const done = new Promise<void>((resolve, reject) => {
    finish = resolve;
    fail = reject;
  });
  const subscription = wb.prompter.onDidShow(async (prompt) => {
    const next = queue.shift();
    seen.push(`${prompt.step}/${prompt.totalSteps} ${'placeholder' in prompt && prompt.placeholder ? prompt.placeholder : (prompt as vscode.InputBox).prompt}`);
    try {
      if (!next) {
        throw new Error(`unexpected prompt: ${seen[seen.length - 1]}`);
      }
      if ('back' in next) {
        await vscode.commands.executeCommand('workbench.action.quickInputBack');
      } else if ('type' in next) {
        (prompt as vscode.InputBox).value = next.type;
        await new Promise((r) => setTimeout(r, 150));
        await vscode.commands.executeCommand('workbench.action.acceptSelectedQuickOpenItem');
      } else {
        const qp = prompt as vscode.QuickPick<vscode.QuickPickItem>;
        for (let i = 0; i < 200 && (qp.busy || qp.items.length === 0); i++) {
          await new Promise((r) => setTimeout(r, 25));
        }
        const item = qp.items.find((it) => next.pick(it));
        if (!item) {
          throw new Error(`no matching item in "${qp.placeholder}": ${qp.items.map((it) => it.label).join(' | ')}`);
        }
        qp.activeItems = [item];
        // The active item reaches the workbench asynchronously; Enter must not beat it.
        await new Promise((r) => setTimeout(r, 150));
        await vscode.commands.executeCommand('workbench.action.acceptSelectedQuickOpenItem');
      }
      if (queue.length === 0) {
        finish();
      }
    } catch (error) {
      fail(error as Error);
      prompt.hide();
    }
  });
  return { done, seen, dispose: () => subscription.dispose() };
}
