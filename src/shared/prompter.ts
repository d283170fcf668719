import * as vscode from 'vscode';
import { plainLabel, plainText } from '../core/text/plainText';

export const BACK: unique symbol = Symbol('ec2Workbench.back') as never;
export type Back = typeof BACK;

export interface PickItem<T> extends vscode.QuickPickItem {
  readonly value: T;
}

/**
 * An item as text: names, tags and descriptions from AWS never render as icons or links (a leading
 * `$(icon)` of our own stays). The item itself is updated, so selections compare as before.
 */
function asText<I extends vscode.QuickPickItem>(item: I): I {
  item.label = plainLabel(item.label);
  if (item.description !== undefined) item.description = plainText(item.description);
  if (item.detail !== undefined) item.detail = plainText(item.detail);
  return item;
}

/** A wizard step's QuickPick: title, counter, Back after the first step, busy until its items arrive. */
function quickPick<I extends vscode.QuickPickItem>(options: {
  title: string;
  step: number;
  totalSteps: number;
  placeholder: string;
}): vscode.QuickPick<I> {
  const qp = vscode.window.createQuickPick<I>();
  qp.title = options.title;
  qp.step = options.step;
  qp.totalSteps = options.totalSteps;
  qp.placeholder = options.placeholder;
  qp.ignoreFocusOut = true;
  qp.matchOnDescription = true;
  qp.matchOnDetail = true;
  qp.buttons = options.step > 1 ? [vscode.QuickInputButtons.Back] : [];
  qp.busy = true;
  return qp;
}

/**
 * Shows the wizard's QuickPicks and InputBoxes, with a step counter and a Back button. Every prompt
 * it shows is announced on `onDidShow`, which is how extension-host tests answer the real widgets.
 */
export class Prompter implements vscode.Disposable {
  private readonly shown = new vscode.EventEmitter<vscode.QuickPick<vscode.QuickPickItem> | vscode.InputBox>();
  readonly onDidShow = this.shown.event;

  async pick<T>(options: {
    title: string;
    step: number;
    totalSteps: number;
    placeholder: string;
    items: Array<PickItem<T> | vscode.QuickPickItem> | Promise<Array<PickItem<T> | vscode.QuickPickItem>>;
    active?: (value: T) => boolean;
  }): Promise<T | Back> {
    const qp = quickPick<PickItem<T> | vscode.QuickPickItem>(options);
    try {
      return await new Promise<T | Back>((resolve, reject) => {
        qp.onDidTriggerButton(() => resolve(BACK));
        qp.onDidAccept(() => {
          const item = qp.selectedItems[0] ?? qp.activeItems[0];
          if (item && 'value' in item) {
            resolve(item.value);
          }
        });
        qp.onDidHide(() => reject(new vscode.CancellationError()));
        Promise.resolve(options.items).then(
          (items) => {
            qp.items = items.map(asText);
            const active = options.active ? items.find((i) => 'value' in i && options.active!(i.value)) : undefined;
            if (active) {
              qp.activeItems = [active];
            }
            qp.busy = false;
          },
          (error) => reject(error),
        );
        qp.show();
        this.shown.fire(qp as vscode.QuickPick<vscode.QuickPickItem>);
      });
    } finally {
      qp.dispose();
    }
  }

  /** A QuickPick where several items can be ticked; `picked` says which start ticked. */
  async pickMany<T>(options: {
    title: string;
    step: number;
    totalSteps: number;
    placeholder: string;
    items: Array<PickItem<T>> | Promise<Array<PickItem<T>>>;
    picked?: (value: T) => boolean;
    validate?: (values: T[]) => string | undefined;
    /** The placeholder for the current selection (a total, for example), instead of the fixed one. */
    describeSelection?: (values: T[]) => string;
  }): Promise<T[] | Back> {
    const qp = quickPick<PickItem<T>>(options);
    qp.canSelectMany = true;
    try {
      return await new Promise<T[] | Back>((resolve, reject) => {
        // A QuickPick has no validation message: the placeholder says what is wrong instead.
        const problem = () => options.validate?.(qp.selectedItems.map((i) => i.value));
        const placeholder = () => options.describeSelection?.(qp.selectedItems.map((i) => i.value)) ?? options.placeholder;
        qp.onDidTriggerButton(() => resolve(BACK));
        qp.onDidChangeSelection(() => (qp.placeholder = problem() ?? placeholder()));
        qp.onDidAccept(() => {
          const message = problem();
          qp.placeholder = message ?? placeholder();
          if (!message) {
            resolve(qp.selectedItems.map((i) => i.value));
          }
        });
        qp.onDidHide(() => reject(new vscode.CancellationError()));
        Promise.resolve(options.items).then(
          (items) => {
            qp.items = items.map(asText);
            qp.selectedItems = options.picked ? items.filter((i) => options.picked!(i.value)) : [];
            qp.placeholder = placeholder();
            qp.busy = false;
          },
          (error) => reject(error),
        );
        qp.show();
        this.shown.fire(qp as unknown as vscode.QuickPick<vscode.QuickPickItem>);
      });
    } finally {
      qp.dispose();
    }
  }

  async input(options: {
    title: string;
    step: number;
    totalSteps: number;
    prompt: string;
    value?: string;
    placeholder?: string;
    password?: boolean;
    validate: (value: string) => string | undefined;
    /** What validation needs is still loading: the box is busy, and validates again when it is there. */
    busyWhile?: Promise<unknown>;
    /** Asked on Enter once `validate` passes (an AWS look-up, say): a sentence keeps the box open with it. */
    check?: (value: string) => Promise<string | undefined>;
  }): Promise<string | Back> {
    const box = vscode.window.createInputBox();
    box.password = options.password ?? false;
    box.title = options.title;
    box.step = options.step;
    box.totalSteps = options.totalSteps;
    box.prompt = options.prompt;
    box.value = options.value ?? '';
    box.placeholder = options.placeholder;
    box.ignoreFocusOut = true;
    box.buttons = options.step > 1 ? [vscode.QuickInputButtons.Back] : [];
    try {
      return await new Promise<string | Back>((resolve, reject) => {
        box.onDidTriggerButton(() => resolve(BACK));
        box.onDidChangeValue((v) => (box.validationMessage = options.validate(v)));
        box.onDidAccept(async () => {
          await options.busyWhile;
          let problem = options.validate(box.value);
          if (!problem && options.check) {
            const value = box.value;
            box.busy = true;
            problem = await options.check(value).catch((error: unknown) => (error instanceof Error ? error.message : String(error)));
            box.busy = false;
          }
          box.validationMessage = problem;
          if (!problem) {
            resolve(box.value);
          }
        });
        box.onDidHide(() => reject(new vscode.CancellationError()));
        if (options.busyWhile) {
          box.busy = true;
          options.busyWhile.then(
            () => {
              box.busy = false;
              box.validationMessage = box.value ? options.validate(box.value) : undefined;
            },
            (error) => reject(error),
          );
        }
        box.show();
        this.shown.fire(box);
      });
    } finally {
      box.dispose();
    }
  }

  dispose(): void {
    this.shown.dispose();
  }
}
