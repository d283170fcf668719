// Answers the wizard's real QuickPicks and InputBoxes, in order, the way a user would: pick an
// item or type a value, then accept (the same command Enter runs), go Back, or press Escape.
// Some answers only look (the value shown, a validation message) and leave the prompt open for
// the next answer.
import * as vscode from 'vscode';
import type { Workbench } from '../../src/workbench';

type Item = vscode.QuickPickItem & { value?: unknown };

export type Answer =
  | { pick: (item: Item) => boolean }
  | { pickMany: (item: Item) => boolean }
  | { type: string }
  | { back: true }
  | { escape: true }
  /** Types `value` without accepting and expects this validation message (the prompt stays open). */
  | { typeInvalid: string; message: RegExp }
  /** Expects the input box to show `value` (a value kept when coming Back); the prompt stays open. */
  | { expectValue: string }
  /** Expects the active item of a list to be this one (an answer kept when coming Back); the prompt stays open. */
  | { expectActive: (item: Item) => boolean }
  /** Expects the ticked items of a multi-select list (the prompt stays open). */
  | { expectPicked: (items: readonly Item[]) => boolean }
  /** Hands the list's rows, each as "label: description | detail", to `check` (which throws on a mismatch); the prompt stays open. */
  | { expectRows: (rows: string[]) => void };

export interface Answering {
  /** Resolves when every answer has been given; rejects on a prompt that does not match. */
  readonly done: Promise<void>;
  /** "step/total title · placeholder-or-prompt" of each prompt seen, for assertions. */
  readonly seen: string[];
  dispose(): void;
}

const pause = (ms: number) => new Promise((r) => setTimeout(r, ms));

function describePrompt(prompt: vscode.QuickPick<Item> | vscode.InputBox): string {
  const text = 'password' in prompt ? prompt.prompt : prompt.placeholder;
  return `${prompt.step}/${prompt.totalSteps} ${prompt.title} · ${text}`;
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
  const subscription = wb.prompter.onDidShow(async (shown) => {
    const prompt = shown as vscode.QuickPick<Item> | vscode.InputBox;
    seen.push(describePrompt(prompt));
    try {
      for (;;) {
        const next = queue.shift();
        if (!next) {
          throw new Error(`unexpected prompt: ${seen[seen.length - 1]}`);
        }
        const closes = await answer(prompt, next);
        if (queue.length === 0) {
          finish();
        }
        if (closes) {
          return;
        }
      }
    } catch (error) {
      fail(error as Error);
      prompt.hide();
    }
  });
  return { done, seen, dispose: () => subscription.dispose() };
}

async function itemsOf(qp: vscode.QuickPick<Item>): Promise<readonly Item[]> {
  for (let i = 0; i < 400 && (qp.busy || qp.items.length === 0); i++) {
    await pause(25);
  }
  return qp.items;
}

/** Gives one answer; true when it closes the prompt (accept, Back, Escape). */
async function answer(prompt: vscode.QuickPick<Item> | vscode.InputBox, next: Answer): Promise<boolean> {
  if ('back' in next) {
    await vscode.commands.executeCommand('workbench.action.quickInputBack');
    return true;
  }
  if ('escape' in next) {
    prompt.hide();
    return true;
  }
  if ('type' in next || 'typeInvalid' in next) {
    const box = prompt as vscode.InputBox;
    for (let i = 0; i < 400 && box.busy; i++) {
      await pause(25);
    }
    box.value = 'type' in next ? next.type : next.typeInvalid;
    await pause(150);
    if ('typeInvalid' in next) {
      // A value set through the API fires no change event: press Enter, as a user would, and read
      // the message the box shows while it stays open.
      await vscode.commands.executeCommand('workbench.action.acceptSelectedQuickOpenItem');
      await pause(150);
      const message = typeof box.validationMessage === 'string' ? box.validationMessage : box.validationMessage?.message;
      if (!message || !next.message.test(message)) {
        throw new Error(`typing "${next.typeInvalid}" in "${box.prompt}" showed ${JSON.stringify(message)}, expected ${next.message}`);
      }
      return false;
    }
    await vscode.commands.executeCommand('workbench.action.acceptSelectedQuickOpenItem');
    return true;
  }
  if ('expectValue' in next) {
    const box = prompt as vscode.InputBox;
    if (box.value !== next.expectValue) {
      throw new Error(`"${box.prompt}" shows ${JSON.stringify(box.value)}, expected ${JSON.stringify(next.expectValue)}`);
    }
    return false;
  }
  const qp = prompt as vscode.QuickPick<Item>;
  const items = await itemsOf(qp);
  if ('expectActive' in next) {
    if (!qp.activeItems[0] || !next.expectActive(qp.activeItems[0])) {
      throw new Error(`in "${qp.placeholder}" the active item is ${qp.activeItems[0]?.label}`);
    }
    return false;
  }
  if ('expectRows' in next) {
    next.expectRows(items.map((i) => `${i.label}: ${i.description ?? ''} | ${i.detail ?? ''}`));
    return false;
  }
  if ('expectPicked' in next) {
    if (!next.expectPicked(qp.selectedItems)) {
      throw new Error(`in "${qp.placeholder}" the ticked items are ${qp.selectedItems.map((i) => i.label).join(', ')}`);
    }
    return false;
  }
  if ('pickMany' in next) {
    qp.selectedItems = items.filter((it) => next.pickMany(it));
  } else {
    const item = items.find((it) => next.pick(it));
    if (!item) {
      throw new Error(`no matching item in "${qp.placeholder}": ${items.map((it) => it.label).join(' | ')}`);
    }
    qp.activeItems = [item];
  }
  // The active item reaches the workbench asynchronously; Enter must not beat it.
  await pause(150);
  await vscode.commands.executeCommand('workbench.action.acceptSelectedQuickOpenItem');
  return true;
}
