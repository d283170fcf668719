import * as vscode from 'vscode';
import { markdownOfText } from '../core/text/plainText';

/**
 * A Markdown tooltip of "label: value" lines. Values come from AWS (tags written by anyone) and are
 * added as plain text, so they can never become markup, links or commands.
 */
export function fieldsTooltip(title: string, fields: Array<[string, string | number | undefined]>): vscode.MarkdownString {
  const md = new vscode.MarkdownString(undefined, false);
  md.isTrusted = false;
  md.supportHtml = false;
  md.appendMarkdown('**').appendMarkdown(markdownOfText(title)).appendMarkdown('**\n\n');
  for (const [label, value] of fields) {
    if (value === undefined || value === '') {
      continue;
    }
    appendField(md, label, String(value)).appendMarkdown('  \n');
  }
  return md;
}

/** "**Label:** value", both as text (never markup), without the line break (the caller may add more on the line). */
export function appendField(md: vscode.MarkdownString, label: string, value: string): vscode.MarkdownString {
  const labelWithColon = vscode.l10n.t({
    message: '{0}:',
    args: [label],
    comment: ['A field name followed by a colon, before its value in a tooltip'],
  });
  return md.appendMarkdown('**').appendMarkdown(markdownOfText(labelWithColon)).appendMarkdown('** ').appendMarkdown(markdownOfText(value));
}
