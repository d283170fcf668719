// The activation entry (dist/extension.js), small enough for `onStartupFinished`: it registers the
// command ids and the tree view with a provider that loads the workbench (dist/startWorkbench.js:
// tree, prices, commands) on first use, and checks for the start-up reminder with one read of the
// global state; it shows the walkthrough's ticks from earlier sessions. It imports nothing the
// workbench bundle holds (only types, the reminder's check and the ticks' restore).
import * as vscode from 'vscode';
import { hasLabInstances } from './core/aws/ec2/labInstancesAtStartup';
import { restoreLabTicks } from './shared/labTicksAtStartup';
import type * as WorkbenchModule from './startWorkbench';
import { type ExplorerNode } from './explorer/explorerNode';
import { type Activation, type ActivationTiming } from './workbench';

type Started = WorkbenchModule.StartedWorkbench;

/** The view's provider until the workbench is loaded: asking for the root loads it, then everything is its. */
class LazyTree implements vscode.TreeDataProvider<ExplorerNode> {
  private real: vscode.TreeDataProvider<ExplorerNode> | undefined;
  private readonly changed = new vscode.EventEmitter<ExplorerNode | ExplorerNode[] | undefined | null | void>();
  readonly onDidChangeTreeData = this.changed.event;

  constructor(private readonly load: () => Promise<Started>) {}

  attach(real: vscode.TreeDataProvider<ExplorerNode>): vscode.Disposable {
    this.real = real;
    const forward = real.onDidChangeTreeData?.((e) => this.changed.fire(e));
    return vscode.Disposable.from(this.changed, ...(forward ? [forward] : []));
  }

  async getChildren(node?: ExplorerNode): Promise<ExplorerNode[]> {
    const real = this.real ?? (await this.load()).tree;
    return (await real.getChildren(node)) ?? [];
  }

  // Nodes come from getChildren only, so the workbench is loaded by the time these are asked.
  getTreeItem(node: ExplorerNode): vscode.TreeItem | Thenable<vscode.TreeItem> {
    return this.real!.getTreeItem(node);
  }

  resolveTreeItem(item: vscode.TreeItem, node: ExplorerNode, token: vscode.CancellationToken): vscode.ProviderResult<vscode.TreeItem> {
    return this.real!.resolveTreeItem ? this.real!.resolveTreeItem(item, node, token) : item;
  }
}

export function activate(context: vscode.ExtensionContext): Activation {
  const activateStart = performance.now();
  let started: Promise<Started> | undefined;
  const tree = new LazyTree(() => load());
  const treeView = vscode.window.createTreeView('ec2Workbench.explorer', {
    treeDataProvider: tree,
    showCollapseAll: true,
    canSelectMany: true,
  });
  const timing: ActivationTiming = { sinceLoadStartMs: 0, evaluationMs: 0, activateMs: 0, reminderCheckMs: 0 };
  function load(): Promise<Started> {
    started ??= Promise.resolve().then(() => {
      const t0 = performance.now();
      // dist/startWorkbench.js when bundled (esbuild.mjs keeps this require external), out/src/startWorkbench.js in tests.
      // eslint-disable-next-line @typescript-eslint/no-require-imports
      const s = (require('./startWorkbench') as typeof WorkbenchModule).startWorkbench(context, treeView);
      context.subscriptions.push(tree.attach(s.tree));
      timing.startWorkbenchMs = performance.now() - t0;
      return s;
    });
    return started;
  }
  // Every contributed command (package.json, the same list as commands/commandIds.ts: a test checks it).
  const contributed = (context.extension.packageJSON as { contributes: { commands: Array<{ command: string }> } }).contributes.commands;
  for (const { command } of contributed) {
    context.subscriptions.push(
      vscode.commands.registerCommand(command, async (...args: unknown[]) => (await load()).commands[command](...args)),
    );
  }
  context.subscriptions.push(treeView);
  // The walkthrough shows the steps done in earlier sessions at once, before the workbench is loaded.
  restoreLabTicks(context.globalState);
  // Issue #31: instances launched from here may still run. One in-memory read when there are none
  // (no AWS call, nothing loaded); else the reminder runs once the window has settled.
  const reminderStart = performance.now();
  if (hasLabInstances(context.globalState)) {
    const timer = setTimeout(() => void vscode.commands.executeCommand('ec2Workbench.remindRunning'), 3_000);
    context.subscriptions.push({ dispose: () => clearTimeout(timer) });
  }
  timing.reminderCheckMs = performance.now() - reminderStart;
  const marks = globalThis as { __ec2WorkbenchLoadStart?: number; __ec2WorkbenchLoadEnd?: number };
  const now = performance.now();
  timing.sinceLoadStartMs = now - (marks.__ec2WorkbenchLoadStart ?? now);
  timing.evaluationMs = (marks.__ec2WorkbenchLoadEnd ?? now) - (marks.__ec2WorkbenchLoadStart ?? now);
  timing.activateMs = now - activateStart;
  return { timing, isLoaded: () => started !== undefined, workbench: async () => (await load()).wb };
}

export function deactivate(): void {
  // Everything is disposed through context.subscriptions.
}
