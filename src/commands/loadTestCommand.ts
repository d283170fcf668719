import { randomBytes } from 'crypto';
import * as vscode from 'vscode';
import { UserError } from '../aws/errors';
import { loadTestProblem, LoadTestResult, MAX_CONCURRENCY, MAX_REQUESTS, runLoadTest } from '../loadTest/loadTest';
import { renderResultsHtml } from '../loadTest/resultsHtml';
import { Workbench } from '../workbench';
import { commandInput } from './args';
import { orAsk } from './prompts';

export interface LoadTestArgs {
  url: string;
  requests?: number;
  concurrency?: number;
}

/** The lab's exercise: many requests to a load balancer (or any URL), then a chart of which instance answered. */
export async function loadTestCommand(wb: Workbench, arg?: unknown): Promise<Omit<LoadTestResult, 'url'>> {
  const { args, interactive, node } = commandInput<LoadTestArgs>(arg);
  const title = vscode.l10n.t('Load Test');
  const suggested = node?.publicDnsName ? `http://${node.publicDnsName}/` : 'http://';
  const url = await orAsk(args.url, () =>
    vscode.window.showInputBox({ title, prompt: vscode.l10n.t('URL to load (the load balancer\'s DNS name)'), value: suggested, validateInput: (v) => loadTestProblem(v, 1, 1) }),
  );
  const requests = args.requests ?? (interactive ? Number(await orAsk(undefined, () => vscode.window.showInputBox({ title, prompt: vscode.l10n.t('Number of requests (at most {0})', MAX_REQUESTS), value: '300', validateInput: (v) => loadTestProblem(url, Number(v), 1) }))) : 300);
  const concurrency = args.concurrency ?? (interactive ? Number(await orAsk(undefined, () => vscode.window.showInputBox({ title, prompt: vscode.l10n.t('Requests in flight at once (at most {0})', MAX_CONCURRENCY), value: '10', validateInput: (v) => loadTestProblem(url, requests, Number(v)) }))) : 10);
  const problem = loadTestProblem(url, requests, concurrency);
  if (problem) {
    throw new UserError(problem);
  }
  const result = await vscode.window.withProgress(
    { location: vscode.ProgressLocation.Notification, title: vscode.l10n.t('Load test of {0}', url), cancellable: true },
    async (progress, token) => {
      const abort = new AbortController();
      token.onCancellationRequested(() => abort.abort());
      let reported = 0;
      return runLoadTest({
        url,
        requests,
        concurrency,
        durationCapMs: 120_000,
        signal: abort.signal,
        onProgress: (done) => {
          const pct = Math.floor((100 * done) / requests);
          if (pct > reported) {
            progress.report({ increment: pct - reported, message: `${done}/${requests}` });
            reported = pct;
          }
        },
      });
    },
  );
  showResults(wb, result);
  const { url: _url, ...rest } = result;
  return rest;
}

function showResults(wb: Workbench, result: LoadTestResult): void {
  const panel = vscode.window.createWebviewPanel('ec2Workbench.loadTest', vscode.l10n.t('Load Test Results'), vscode.ViewColumn.Active, {
    enableScripts: false,
    localResourceRoots: [],
  });
  const nonce = randomBytes(16).toString('base64');
  panel.webview.html = renderResultsHtml(result, nonce, panel.webview.cspSource, vscode.env.language);
  wb.context.subscriptions.push(panel);
}
