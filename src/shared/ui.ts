// The only way the extension shows a notification, a modal message or a progress title: every
// message, detail, title and progress step goes through plainMessage (src/core/text/plainText.ts), so text
// from AWS inside it can never render as a link or an icon. Lint forbids vscode.window.show*Message
// and withProgress anywhere else in src/ (eslint.config.mjs).
import * as vscode from 'vscode';
import { plainMessage } from '../core/text/plainText';

type Show = typeof vscode.window.showInformationMessage;

function plain(show: () => Show): Show {
  return ((message: string, ...rest: unknown[]) =>
    show()(
      plainMessage(message),
      ...(rest.map((r) =>
        r && typeof r === 'object' && 'detail' in r && typeof (r as vscode.MessageOptions).detail === 'string'
          ? { ...(r as vscode.MessageOptions), detail: plainMessage((r as vscode.MessageOptions).detail!) }
          : r,
      ) as []),
    )) as Show;
}

export const showInformationMessage: Show = plain(() => vscode.window.showInformationMessage);
export const showWarningMessage: typeof vscode.window.showWarningMessage = plain(() => vscode.window.showWarningMessage);
export const showErrorMessage: typeof vscode.window.showErrorMessage = plain(() => vscode.window.showErrorMessage);

export function withProgress<R>(
  options: vscode.ProgressOptions,
  task: (progress: vscode.Progress<{ message?: string; increment?: number }>, token: vscode.CancellationToken) => Thenable<R>,
): Thenable<R> {
  return vscode.window.withProgress(
    { ...options, title: options.title === undefined ? undefined : plainMessage(options.title) },
    (progress, token) =>
      task({ report: (v) => progress.report({ ...v, message: v.message === undefined ? undefined : plainMessage(v.message) }) }, token),
  );
}
