import { plainText } from '../core/text/plainText';
import * as vscode from 'vscode';
import { describeError } from '../core/aws/session/errors';
import { type AwsSession } from '../core/aws/session/awsSession';
import { listerFor, type OffThreadLister } from '../core/listing/offThreadLister';
import { type InstanceFilter, TRANSITIONAL_STATES } from '../core/aws/ec2/instances';
import { listProfiles } from '../core/aws/session/profiles';
import { type KeyFileRegistry } from '../core/keys/keyFileRegistry';
import { type InstanceSummary } from '../core/listing/instanceSummary';
import { type Log } from '../shared/log';
import { type SessionHolder } from '../shared/sessionHolder';
import { keyDirectories, readSettings } from '../shared/settings';
import { type ExplorerContext } from './explorerContext';
import { type ExplorerNode, retryNode } from './explorerNode';
import { IamNode } from './iamNodes';
import { type ResourceKind } from './regionData';
import { EmptyRegionsNode, RegionNode } from './regionNode';

/** Where the account's regions are remembered, per profile and endpoint. */
const REGIONS_KEY = 'ec2Workbench.knownRegions';
const FIRST_POLL_MS = 2_000;
const MAX_POLL_MS = 30_000;

/**
 * The EC2 Workbench view: one node per enabled region. The account's regions are remembered, so the
 * first paint asks every region for its instances at once (the region list is checked again in the
 * background); the listing runs off the extension host's thread and each region updates as its
 * pages arrive. Regions with no instance fold into one node. A region with an instance in a
 * transitional state is polled with back-off while the view is visible.
 */
export class ExplorerProvider implements vscode.TreeDataProvider<ExplorerNode>, vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<ExplorerNode | undefined>();
  private readonly connected = new vscode.EventEmitter<void>();
  /** Fires when the regions of the profile were listed: its credentials work. */
  readonly onDidConnect = this.connected.event;
  readonly onDidChangeTreeData = this.changed.event;
  private regions = new Map<string, RegionNode>();
  /** The regions the root last showed in the fold of empty regions. */
  private folded = new Set<string>();
  private rootFailed = false;
  private regionNames: Promise<string[]> | undefined;
  private iam: IamNode | undefined;
  private instanceFilter: InstanceFilter | undefined;
  private visible = false;
  private readonly polls = new Map<string, { timer?: NodeJS.Timeout; delay: number; due: boolean }>();
  private readonly ctx: ExplorerContext;

  constructor(
    private readonly sessions: SessionHolder,
    readonly log: Log,
    keyFiles: KeyFileRegistry,
    private readonly memory: vscode.Memento,
  ) {
    this.ctx = {
      log,
      session: () => sessions.session,
      filter: () => this.instanceFilter,
      keyFile: (keyPair) => keyFiles.resolve(sessions.session.profileName, keyPair, keyDirectories()),
    };
  }

  /** Every item gets a screen-reader label: its own, or its label and description ("web-1, running · 1.2.3.4"). */
  getTreeItem(node: ExplorerNode): vscode.TreeItem {
    const item = node.treeItem();
    // Names and tags from AWS read as text (no control characters, icons or links), whatever they hold.
    if (typeof item.label === 'string') {
      item.label = plainText(item.label);
    } else if (item.label) {
      item.label = { ...item.label, label: plainText(item.label.label) };
    }
    if (typeof item.description === 'string') {
      item.description = plainText(item.description);
    }
    if (!item.accessibilityInformation) {
      const label = typeof item.label === 'string' ? item.label : (item.label?.label ?? '');
      item.accessibilityInformation = { label: [label, item.description].filter(Boolean).join(', ') };
    }
    return item;
  }

  /** The tooltip, built on hover only (see ExplorerNode.tooltip). */
  resolveTreeItem(item: vscode.TreeItem, node: ExplorerNode): vscode.TreeItem {
    if (item.tooltip === undefined && node.tooltip) {
      item.tooltip = node.tooltip();
    }
    return item;
  }

  async getChildren(node?: ExplorerNode): Promise<ExplorerNode[]> {
    if (!node) {
      return this.rootChildren();
    }
    if (!node.children) {
      return [];
    }
    try {
      return await node.children();
    } catch (error) {
      // Every expandable node fails the same way: the reason as its one child, Retry, a log line.
      const region = (node as { region?: unknown }).region;
      const where = typeof region === 'string' ? region : undefined;
      const message = describeError(error, await this.sessions.session.errorContext(where));
      this.log.warn(`${node.id}: ${message}`, error);
      return [retryNode(`${node.id}/error`, message, where)];
    }
  }

  /** The listing worker of the current session: the explorer shows the tree, so it owns the lister. */
  get lister(): OffThreadLister {
    return listerFor(this.sessions.session);
  }

  /** Tells the explorer whether its view is on screen: hidden, it makes no AWS call. */
  setVisible(visible: boolean): void {
    this.visible = visible;
    if (visible) {
      // The listing worker starts loading while the view paints (after activate() has returned).
      setImmediate(() => this.visible && void this.lister.warm());
      for (const [region, poll] of this.polls) {
        if (poll.due) {
          this.pollNow(region);
        }
      }
    }
  }

  /**
   * Reloads one region (only the given kinds of resource, when given), or everything, the region
   * list included, when no region is given.
   */
  refresh(region?: string, ...kinds: ResourceKind[]): void {
    const node = region ? this.regions.get(region) : undefined;
    if (region && !node) {
      return; // Not shown: nothing to reload.
    }
    if (node) {
      if (kinds.length === 0) {
        clearTimeout(this.polls.get(region!)?.timer); // After an action: poll again from the first delay.
        this.polls.delete(region!);
      }
      node.data.invalidate(...kinds);
      if (kinds.length === 0 || kinds.includes('instances')) {
        node.summary = undefined;
        void this.loadSummary(node);
      }
      this.changed.fire(node);
      return;
    }
    this.stopPolls();
    this.regions = new Map();
    this.regionNames = undefined;
    this.iam = undefined;
    this.changed.fire(undefined);
  }

  refreshIam(): void {
    if (this.iam) {
      this.changed.fire(this.iam);
    }
  }

  /** Whether the region list or a region failed to load when last shown. */
  get failed(): boolean {
    return this.rootFailed || [...this.regions.values()].some((n) => !!n.summary && 'error' in n.summary);
  }

  get filter(): InstanceFilter | undefined {
    return this.instanceFilter;
  }

  setFilter(filter: InstanceFilter | undefined): void {
    this.instanceFilter = filter;
    this.changed.fire(undefined);
  }

  /** The region nodes currently shown (for tests and commands that target a region). */
  regionNode(region: string): RegionNode | undefined {
    return this.regions.get(region);
  }

  /** Resolves when every shown region has its answer (instances or error). */
  async settled(): Promise<void> {
    await this.regionNames?.catch(() => undefined);
    await Promise.all([...this.regions.values()].map((n) => n.data.get('instances').catch(() => undefined)));
  }

  dispose(): void {
    this.connected.dispose();
    this.stopPolls();
    this.changed.dispose();
  }

  private async rootChildren(): Promise<ExplorerNode[]> {
    const session = this.sessions.session;
    const settings = readSettings();
    let names: string[];
    try {
      this.regionNames ??= this.regionList(session);
      names = await this.regionNames;
      this.setNoProfiles(false);
      this.rootFailed = false;
    } catch (error) {
      this.regionNames = undefined;
      this.rootFailed = true;
      // The profile files are read again only on failure, not on every render of the root.
      if ((await listProfiles().catch(() => [])).length === 0) {
        this.setNoProfiles(true);
        return []; // The view's welcome content explains how to add credentials.
      }
      const message = describeError(error, await session.errorContext());
      this.log.error(`Listing regions for profile "${session.profileName}" failed: ${message}`, error);
      return [retryNode('root/error', message)];
    }
    if (settings.regions.length > 0) {
      const wanted = new Set(settings.regions);
      names = names.filter((n) => wanted.has(n));
    }
    const next = new Map<string, RegionNode>();
    for (const name of names) {
      next.set(name, this.regions.get(name) ?? new RegionNode(name, this.ctx, (node, page) => this.onInstancesPage(node, page)));
    }
    this.regions = next;
    this.iam ??= new IamNode(() => this.sessions.session);
    // Every region at once: the listing worker sends them all together.
    for (const node of next.values()) {
      if (!node.summary) {
        void this.loadSummary(node);
      }
    }
    const shown = [...next.values()];
    const empty = shown.filter((n) => n.isEmpty);
    this.folded = new Set(empty.map((n) => n.region));
    const fold = empty.length > 0 && !settings.hideEmptyRegions ? [new EmptyRegionsNode(empty)] : [];
    return [this.iam, ...shown.filter((n) => !n.isEmpty), ...fold];
  }

  /**
   * The account's regions: the remembered list at once when there is one (checked again in the
   * background, the view updated if it changed), else the answer of DescribeRegions.
   */
  private async regionList(session: AwsSession): Promise<string[]> {
    await session.profile();
    const key = `${session.profileName}|${(await session.endpoint()) ?? ''}`;
    const known = this.memory.get<Record<string, string[]>>(REGIONS_KEY, {});
    const remembered = known[key];
    const fresh = listerFor(session)
      .listRegions()
      .then(async (names) => {
        this.connected.fire(); // The walkthrough's first step: a profile that works.
        if (remembered?.join() !== names.join()) {
          await this.memory.update(REGIONS_KEY, { ...this.memory.get<Record<string, string[]>>(REGIONS_KEY, {}), [key]: names });
        }
        return names;
      });
    if (!remembered) {
      return fresh;
    }
    fresh.then(
      (names) => {
        if (names.join() !== remembered.join() && this.sessions.session === session) {
          this.regionNames = Promise.resolve(names); // A region enabled or disabled since last time.
          this.changed.fire(undefined);
        }
      },
      (error: unknown) => {
        if (this.sessions.session === session) {
          this.regionNames = Promise.reject(error); // Shown as the root's error, with Retry.
          this.regionNames.catch(() => undefined);
          this.changed.fire(undefined);
        }
      },
    );
    return remembered;
  }

  private onInstancesPage(node: RegionNode, page: InstanceSummary[]): void {
    const before = node.summary && 'total' in node.summary && node.summary.partial ? node.summary : { running: 0, total: 0 };
    node.summary = {
      running: before.running + page.filter((i) => i.state === 'running').length,
      total: before.total + page.filter((i) => i.state !== 'terminated').length,
      partial: true,
    };
    if (this.regions.get(node.region) === node) {
      this.changed.fire(node); // The count shows from the first page of a large region.
    }
  }

  private async loadSummary(node: RegionNode): Promise<void> {
    try {
      const instances = await node.data.get('instances');
      node.summary = {
        running: instances.filter((i) => i.state === 'running').length,
        total: instances.filter((i) => i.state !== 'terminated').length,
      };
      this.schedulePoll(
        node.region,
        instances.some((i) => TRANSITIONAL_STATES.has(i.state)),
      );
    } catch (error) {
      node.summary = { error: describeError(error, await this.sessions.session.errorContext(node.region)) };
    }
    if (this.regions.get(node.region) !== node) {
      return; // Replaced by a full refresh meanwhile.
    }
    if (node.isEmpty !== this.folded.has(node.region)) {
      this.fireRootSoon(); // Into or out of the fold; many regions answer at once: one root update for all.
    } else {
      this.changed.fire(node);
    }
  }

  private rootTimer: NodeJS.Timeout | undefined;
  private noProfiles: boolean | undefined;

  private setNoProfiles(value: boolean): void {
    if (this.noProfiles !== value) {
      this.noProfiles = value;
      void vscode.commands.executeCommand('setContext', 'ec2Workbench.noProfiles', value);
    }
  }

  private fireRootSoon(): void {
    this.rootTimer ??= setTimeout(() => {
      this.rootTimer = undefined;
      this.changed.fire(undefined);
    }, 50);
  }

  private schedulePoll(region: string, transitional: boolean): void {
    const poll = this.polls.get(region);
    clearTimeout(poll?.timer);
    if (!transitional) {
      this.polls.delete(region);
      return;
    }
    const delay = poll ? Math.min(poll.delay * 2, MAX_POLL_MS) : FIRST_POLL_MS;
    const next: { timer?: NodeJS.Timeout; delay: number; due: boolean } = { delay, due: false };
    next.timer = setTimeout(() => {
      if (this.visible) {
        this.pollNow(region);
      } else {
        next.due = true; // Polled when the view shows again.
      }
    }, delay);
    this.polls.set(region, next);
  }

  private pollNow(region: string): void {
    const poll = this.polls.get(region);
    if (poll) {
      poll.due = false;
    }
    this.refresh(region, 'instances', 'volumes');
  }

  private stopPolls(): void {
    for (const poll of this.polls.values()) {
      clearTimeout(poll.timer);
    }
    this.polls.clear();
  }
}
