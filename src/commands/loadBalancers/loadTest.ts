import { randomBytes } from 'crypto';
import * as vscode from 'vscode';
import * as ui from '../../shared/ui';
import { balancerForHost, balancerHealth, notInServiceProblem } from '../../core/aws/elb/balancerHealth';
import { UserError } from '../../core/aws/session/errors';
import { listInstances } from '../../core/aws/ec2/instances';
import { loadTestProblem, type LoadTestResult, MAX_CONCURRENCY, MAX_REQUESTS, runLoadTest } from '../../core/loadTest/loadTest';
import { renderResultsHtml } from '../../core/loadTest/resultsHtml';
import { type Workbench } from '../../workbench';
import { BACK } from '../../shared/prompter';
import { runWizard, step } from '../../shared/wizard';
import { readSettings } from '../../shared/settings';
import { commandInput, requireString } from '../commandInput';

export interface LoadTestArgs {
  url: string;
  requests?: number;
  concurrency?: number;
  /** Seconds before the test stops, requests in flight included (default 120). */
  timeoutSeconds?: number;
  /** "host:port" to "address[:port]", as curl --resolve; over the ec2Workbench.loadTest.resolve setting. */
  resolve?: Record<string, string>;
}

/** The lab's exercise: many requests to a load balancer (or any URL), then a chart of which instance answered. */
export async function loadTestCommand(wb: Workbench, arg?: unknown): Promise<Omit<LoadTestResult, 'url'>> {
  const { args, interactive, node } = commandInput<LoadTestArgs>(arg, {
    fields: { url: 'string', requests: 'number', concurrency: 'number', timeoutSeconds: 'number', resolve: 'object' },
  });
  const suggested = node?.publicDnsName ? `http://${node.publicDnsName}/` : 'http://';
  const ctx: Partial<LoadTestArgs> = { ...args };
  const whole = (text: string) => (/^\s*\d+\s*$/.test(text) ? Number(text) : Number.NaN);
  await runWizard(
    wb.prompter,
    vscode.l10n.t('Load Test'),
    ctx,
    [
      step('url', async (c, at) => {
        const v = await wb.prompter.input({
          ...at,
          prompt: vscode.l10n.t("URL to load (the load balancer's DNS name)"),
          value: c.url ?? suggested,
          validate: (u) => loadTestProblem(u, 1, 1),
        });
        if (v === BACK) return BACK;
        c.url = v.trim();
      }),
      step(
        'requests',
        async (c, at) => {
          const v = await wb.prompter.input({
            ...at,
            prompt: vscode.l10n.t('Number of requests (at most {0})', MAX_REQUESTS),
            value: String(c.requests ?? 300),
            validate: (n) => loadTestProblem(c.url!, whole(n), 1),
          });
          if (v === BACK) return BACK;
          c.requests = whole(v);
        },
        true,
      ),
      step(
        'concurrency',
        async (c, at) => {
          const v = await wb.prompter.input({
            ...at,
            prompt: vscode.l10n.t('Requests in flight at once (at most {0})', MAX_CONCURRENCY),
            value: String(c.concurrency ?? 10),
            validate: (n) => loadTestProblem(c.url!, c.requests ?? 300, whole(n)),
          });
          if (v === BACK) return BACK;
          c.concurrency = whole(v);
        },
        true,
      ),
    ],
    { interactive },
  );
  const url = requireString(ctx.url, 'url');
  const requests = ctx.requests ?? 300;
  const concurrency = ctx.concurrency ?? 10;
  const problem = loadTestProblem(url, requests, concurrency);
  if (problem) {
    throw new UserError(problem);
  }
  const names = await checkInService(wb, url, node?.kind === 'loadBalancer' ? node.region : undefined);
  const resolve = { ...readSettings().loadTest.resolve, ...stringValues(args.resolve) };
  const durationCapMs = Math.min(600, Math.max(1, ctx.timeoutSeconds ?? 120)) * 1000;
  const result = await ui.withProgress(
    { location: vscode.ProgressLocation.Notification, title: vscode.l10n.t('Load test of {0}', url), cancellable: true },
    async (progress, token) => {
      const abort = new AbortController();
      token.onCancellationRequested(() => abort.abort());
      let reported = 0;
      return runLoadTest({
        url,
        requests,
        concurrency,
        durationCapMs,
        resolve,
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
  showResults(wb, result, names);
  const { url: _url, ...rest } = result;
  return rest;
}

/**
 * When the URL is a load balancer of the account (by its DNS name), at least one of its instances
 * must be in service: otherwise the test is refused with AWS's reason for each instance. Resolves
 * to the Name tags of the instances of the balancer's region (for the chart), else to none.
 */
async function checkInService(wb: Workbench, url: string, region: string | undefined): Promise<Record<string, string>> {
  const host = new URL(url).hostname;
  if (!host.toLowerCase().endsWith('.elb.amazonaws.com') && !region) {
    return {};
  }
  const session = wb.sessions.session;
  const lb = await balancerForHost(session, host, region ? [region] : []);
  if (!lb) {
    return {}; // Another account's balancer, or not a balancer: the test itself will tell.
  }
  const names = new Map((await listInstances(session, lb.region)).map((i) => [i.id, i.name]));
  const problem = notInServiceProblem(lb, await balancerHealth(session, lb, (id) => names.get(id)));
  if (problem) {
    throw new UserError(problem);
  }
  return Object.fromEntries([...names].filter((e): e is [string, string] => !!e[1]));
}

/** The one results tab: a new test shows its results there (revealed) instead of opening another. */
let resultsPanel: vscode.WebviewPanel | undefined;

function showResults(wb: Workbench, result: LoadTestResult, names: Record<string, string>): void {
  if (!resultsPanel) {
    const panel = vscode.window.createWebviewPanel('ec2Workbench.loadTest', vscode.l10n.t('Load Test Results'), vscode.ViewColumn.Active, {
      enableScripts: false,
      localResourceRoots: [],
    });
    panel.onDidDispose(() => (resultsPanel = resultsPanel === panel ? undefined : resultsPanel));
    wb.context.subscriptions.push(panel);
    resultsPanel = panel;
  } else {
    resultsPanel.reveal(undefined, false);
  }
  const nonce = randomBytes(16).toString('base64');
  resultsPanel.webview.html = renderResultsHtml(result, nonce, resultsPanel.webview.cspSource, vscode.env.language, names);
}

/** The string entries of a resolve map (anything else is ignored). */
function stringValues(map: Record<string, unknown> | undefined): Record<string, string> {
  return Object.fromEntries(Object.entries(map ?? {}).filter((e): e is [string, string] => typeof e[1] === 'string'));
}
