// Every multi-question flow runs as a wizard: a typed context, the steps that fill what the
// argument object left out, then (for what creates or bills something) a summary step, all on one
// step counter, with Back on every step after the first. A step that was answered before shows its
// previous answer when the user comes Back to it.
import * as vscode from 'vscode';
import { CancelledError } from '../core/aws/session/errors';
import { BACK, type Back, type Prompter } from './prompter';

/** Where a step stands: what the Prompter needs for its title, counter and Back button. */
export interface StepAt {
  readonly title: string;
  readonly step: number;
  readonly totalSteps: number;
}

export interface WizardStep<C> {
  /** True when the value is already known (from the argument object): the step is not shown. */
  readonly given: (ctx: C) => boolean;
  /** Optional steps are asked only interactively; an argument object takes their default. */
  readonly optional?: boolean;
  readonly ask: (ctx: C, at: StepAt) => Promise<void | Back>;
  /** Asked only while this holds for the answers so far (for example, only for one type of resource). */
  readonly when?: (ctx: C) => boolean;
}

/** One answer of the summary, on its own row: what was asked, the answer, and more about it on a second line. */
export interface SummaryLine {
  readonly label: string;
  readonly value: string;
  readonly detail?: string;
}

export interface SummaryStep<C> {
  /** One line saying what will be created, shown as the list's placeholder and the action's description. */
  readonly describe: (ctx: C) => string;
  /**
   * Each answer on its own row, under the actions (nothing cut: a long one goes on the row's second
   * line). When given, the action row carries no description: the rows say it all.
   */
  readonly lines?: (ctx: C) => SummaryLine[];
  /** The action, for example "$(add) Create Volume". */
  readonly action: string;
  /** The equivalent AWS CLI command lines, offered for copying. */
  readonly cli?: (ctx: C) => string;
  /** A second line under the action (the launch's price per hour), when there is one. */
  readonly detail?: (ctx: C) => Promise<string | undefined>;
  /** A problem with the answers and its one-click fix (shown above the action; the summary is shown again after it). */
  readonly fix?: (ctx: C) => { readonly problem: string; readonly label: string; apply(ctx: C): void } | undefined;
}

/** A step that fills `key` when the argument object did not give it. */
export function step<C>(key: keyof C, ask: WizardStep<C>['ask'], optional = false): WizardStep<C> {
  return { given: (ctx) => ctx[key] !== undefined, ask, optional };
}

/**
 * Runs the steps not given, then the summary when there is one. Escape anywhere cancels (nothing
 * has been created: steps only ask and read). Resolves to the filled context.
 */
export async function runWizard<C>(
  prompter: Prompter,
  title: string,
  ctx: C,
  steps: Array<WizardStep<C>>,
  options: { interactive: boolean; summary?: SummaryStep<C> },
): Promise<C> {
  const todo: Array<Pick<WizardStep<C>, 'ask' | 'when'>> = steps.filter((s) => !s.given(ctx) && (options.interactive || !s.optional));
  const summary = options.summary;
  if (summary && options.interactive) {
    todo.push({ ask: (c, at) => confirmSummary(prompter, c, at, summary) });
  }
  try {
    let forward = true;
    for (let i = 0; i < todo.length;) {
      // A step that does not apply to the answers so far is passed over, in the direction of travel.
      const live = todo.filter((s) => !s.when || s.when(ctx));
      if (!live.includes(todo[i])) {
        forward ||= i === 0;
        i = forward ? i + 1 : i - 1;
        continue;
      }
      const result = await todo[i].ask(ctx, { title, step: live.indexOf(todo[i]) + 1, totalSteps: live.length });
      forward = result !== BACK;
      i = forward ? i + 1 : Math.max(0, i - 1);
    }
  } catch (error) {
    throw error instanceof vscode.CancellationError ? new CancelledError() : error;
  }
  return ctx;
}

async function confirmSummary<C>(prompter: Prompter, ctx: C, at: StepAt, summary: SummaryStep<C>): Promise<void | Back> {
  for (;;) {
    const text = summary.describe(ctx);
    const detail = await summary.detail?.(ctx);
    const cli = summary.cli?.(ctx);
    const fix = summary.fix?.(ctx);
    const lines = summary.lines?.(ctx);
    const choice = await prompter.pick<'go' | 'copy' | 'fix'>({
      ...at,
      placeholder: text,
      active: (v) => v === (fix ? 'fix' : 'go'),
      items: [
        ...(fix ? [{ label: `$(wrench) ${fix.label}`, detail: fix.problem, value: 'fix' as const }] : []),
        { label: summary.action, description: lines ? undefined : text, detail, value: 'go' as const },
        ...(cli ? [{ label: vscode.l10n.t('$(copy) Copy the AWS CLI command'), detail: cli, value: 'copy' as const }] : []),
        // Rows without a value: Enter on one does nothing (the prompter accepts only items with a value).
        ...(lines?.length ? [{ label: vscode.l10n.t('Your answers'), kind: vscode.QuickPickItemKind.Separator }] : []),
        ...(lines ?? []).map((l) => ({ label: l.label, description: l.value, detail: l.detail })),
      ],
    });
    if (choice === 'fix') {
      fix!.apply(ctx);
      continue;
    }
    if (choice !== 'copy') {
      return choice === BACK ? BACK : undefined;
    }
    await vscode.env.clipboard.writeText(cli!);
    vscode.window.setStatusBarMessage(vscode.l10n.t('Copied the AWS CLI command'), 3000);
  }
}
