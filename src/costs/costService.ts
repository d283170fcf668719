// What is in view costs, on demand: when to price each region (after the tree has shown, never
// before a region's own answer, a few regions at a time), from the PriceBook (memory, a week-long
// disk cache, then the Price List API), and the prices the tree, the status bar (costStatusBar.ts),
// the clean-up review and the launch summary read. When that API is denied or unreachable, no price
// shows and the log says why, once. Formatting: money.ts; tooltips: costTooltips.ts.
import { createHash } from 'crypto';
import * as path from 'path';
import * as vscode from 'vscode';
import { type AwsSession } from '../core/aws/session/awsSession';
import { type CleanUpItem } from '../core/aws/ec2/labResources';
import { estimateRegion, listRegionResources, PriceBook, type RegionEstimate, type RegionResources } from '../core/aws/pricing/regionCosts';
import { describeError, UserError } from '../core/aws/session/errors';
import { PriceCache } from '../core/aws/pricing/priceCache';
import { autoStopFromTag } from '../core/aws/cloudwatch/autoStop';
import { instancePriceKey } from '../core/aws/pricing/pricing';
import { listerFor } from '../core/listing/offThreadLister';
import { type Log } from '../shared/log';
import { readSettings, SECTION } from '../shared/settings';
import { type SessionHolder } from '../shared/sessionHolder';
import { type ExplorerNode } from '../explorer/explorerNode';
import { type ExplorerProvider } from '../explorer/explorerProvider';
import { InstanceNode } from '../explorer/instanceNode';
import { ApplicationLoadBalancerNode, LoadBalancerNode } from '../explorer/loadBalancerNode';
import { RegionNode } from '../explorer/regionNode';
import { VolumeNode } from '../explorer/volumeNode';
import { type RegionCost, CostStatusBar } from './costStatusBar';
import { appendInstancePrice, appendPrice, itemOf, regionTooltip } from './costTooltips';
import { perHourText } from './money';

/** After a denial or an unreachable API, prices are not asked again for this long (or until the profile changes). */
const RETRY_AFTER_MS = 15 * 60_000;
/** Regions priced at once: after the tree's own listing, a few at a time. */
const REGION_CONCURRENCY = 3;
/** How long the launch summary and the clean-up review wait for a price before showing without it. */
const PRICE_WAIT_MS = 2_500;
/** How long no region must have answered before pricing starts. */
const QUIET_MS = 300;

/** The Price List API cannot be used (denied, unreachable): the message says why, in one sentence. */
export class PricesUnavailableError extends UserError {}

export class CostService implements vscode.Disposable {
  private readonly costs = new Map<string, RegionCost>();
  private readonly generation = new Map<string, number>();
  private readonly changed = new vscode.EventEmitter<ExplorerNode | undefined>();
  /** Fires with the tree node whose price changed (undefined: all of them). */
  readonly onDidChange = this.changed.event;
  private readonly status = new CostStatusBar();
  private readonly subscriptions: vscode.Disposable[];
  private book: { session: AwsSession; book: Promise<PriceBook> } | undefined;
  private running = 0;
  private gate: { session: AwsSession; open: Promise<boolean> } | undefined;
  private openGate: ((ok: boolean) => void) | undefined;
  private readonly due = new Map<string, RegionNode>();
  private dueTimer: NodeJS.Timeout | undefined;
  private readonly queue: Array<() => void> = [];
  private unavailableUntil = 0;
  /** Why prices are not shown, while they are not (the one log line said it too). */
  unavailable: string | undefined;
  /** How many times the log was told prices cannot be read (one per failure, not per region). */
  problemsLogged = 0;

  constructor(
    private readonly sessions: SessionHolder,
    private readonly explorer: ExplorerProvider,
    private readonly log: Log,
    /** The extension's global storage folder: prices go in its prices/ folder. */
    private readonly storageDir: string,
  ) {
    this.subscriptions = [
      this.status,
      this.changed,
      explorer.onDidChangeTreeData((node) => {
        // A region whose instances just arrived (after a refresh, a poll, an action): price it.
        if (node instanceof RegionNode && node.summary && !('error' in node.summary)) {
          this.schedule(node);
        }
      }),
      sessions.onDidChange(() => this.reset()),
      vscode.workspace.onDidChangeConfiguration((e) => {
        if (e.affectsConfiguration(`${SECTION}.showCosts`)) {
          this.reset();
          if (readSettings().showCosts) {
            explorer.refresh(); // Every region is priced again as it answers.
          }
        }
      }),
    ];
  }

  /** The estimate of a region shown in the tree, when its prices are known. */
  regionEstimate(region: string): RegionEstimate | undefined {
    return this.costs.get(region)?.estimate;
  }

  /** Adds prices to the tree item of a region, an instance, a volume or a load balancer. */
  decorate(node: ExplorerNode, item: vscode.TreeItem): vscode.TreeItem {
    if (node instanceof RegionNode) {
      const estimate = this.regionEstimate(node.region);
      if (estimate && estimate.perHour > 0 && node.summary && !('error' in node.summary)) {
        item.description = `${item.description ?? ''} · ${perHourText(estimate.perHour, estimate.currency)}`;
        item.accessibilityInformation = { label: `${node.region}, ${item.description}` };
        item.tooltip = regionTooltip(node.region, estimate);
      }
    } else if (node instanceof InstanceNode) {
      appendInstancePrice(item.tooltip, node.instance, this.regionEstimate(node.region));
    } else if (node instanceof VolumeNode) {
      appendPrice(item.tooltip, itemOf(this.regionEstimate(node.region), 'volume', node.volume.id));
    } else if (node instanceof LoadBalancerNode || node instanceof ApplicationLoadBalancerNode) {
      appendPrice(item.tooltip, itemOf(this.regionEstimate(node.region), 'loadBalancer', node.loadBalancer.name));
    }
    return item;
  }

  /** Prices the given regions now (the command), from the tree's data where it has some. */
  async estimate(regions: readonly string[]): Promise<RegionEstimate[]> {
    const session = this.sessions.session;
    const book = await this.bookFor(session);
    const results: RegionEstimate[] = [];
    for (const region of regions) {
      const resources = await this.resourcesOf(session, region);
      try {
        const estimate = await estimateRegion(session, book, region, resources);
        this.store(region, { estimate, resources });
        results.push(estimate);
      } catch (error) {
        throw new PricesUnavailableError(await this.unavailableSentence(error), { cause: error });
      }
    }
    this.unavailable = undefined;
    this.unavailableUntil = 0;
    return results;
  }

  /**
   * What each clean-up item costs per hour (what deleting it saves): an instance with its public
   * address and the volumes that go with it. Waits a little for prices, then goes without.
   */
  async cleanUpCosts(items: readonly CleanUpItem[]): Promise<{ perHour: Map<string, number>; currency: string } | undefined> {
    const regions = [...new Set(items.filter((i) => i.kind !== 'keyPair' && i.kind !== 'securityGroup').map((i) => i.region))];
    if (!regions.length || this.isUnavailable() || !readSettings().showCosts) {
      return undefined;
    }
    const session = this.sessions.session;
    const priced = await withinTime(
      this.estimate(regions).catch((error) =>
        error instanceof PricesUnavailableError ? this.reportUnavailable(error, session) : undefined,
      ),
      PRICE_WAIT_MS,
    );
    if (!priced) {
      return undefined;
    }
    const listed = new Set(items.map((i) => `${i.region}/${i.id}`));
    const perHour = new Map<string, number>();
    let currency = 'USD';
    for (const item of items) {
      const cost = this.costs.get(item.region);
      if (!cost) continue;
      currency = cost.estimate.currency;
      const own = cost.estimate.items.filter((c) => c.id === item.id && c.kind !== 'elasticIp');
      let sum = own.reduce((s, c) => s + c.perHour, 0);
      if (item.kind === 'instance') {
        const instance = cost.resources.instances.find((i) => i.id === item.id);
        const goesWith = new Set((instance?.volumes ?? []).filter((v) => v.deleteOnTermination).map((v) => v.volumeId));
        sum += cost.estimate.items
          .filter((c) => c.kind === 'volume' && goesWith.has(c.id) && !listed.has(`${item.region}/${c.id}`))
          .reduce((s, c) => s + c.perHour, 0);
      }
      if (sum > 0) perHour.set(`${item.region}/${item.id}`, sum);
    }
    return { perHour, currency };
  }

  /** "3 × $0.0132/h = $0.0396/h (on-demand estimate)" for the launch summary, or undefined without a price in time. */
  async launchPrice(
    region: string | undefined,
    instanceType: string | undefined,
    count = 1,
    platformDetails?: string,
  ): Promise<string | undefined> {
    if (!region || !instanceType) {
      return undefined;
    }
    const price = await this.instancePrice(region, instanceType, platformDetails);
    if (!price) {
      return undefined;
    }
    const total = perHourText(price.perHour * count, price.currency);
    return count > 1
      ? vscode.l10n.t('{0} × {1} = {2} (on-demand estimate)', count, perHourText(price.perHour, price.currency), total)
      : vscode.l10n.t('{0} (on-demand estimate)', total);
  }

  /**
   * The on-demand price per hour of one instance type on a platform (PlatformDetails of the image or
   * the instance; none given: Linux/UNIX), for the launch summary and the reminder; undefined without
   * a price in time or for a platform AWS's table does not list (as the tree does).
   */
  async instancePrice(
    region: string,
    instanceType: string,
    platformDetails?: string,
  ): Promise<{ perHour: number; currency: string } | undefined> {
    const key = instancePriceKey(instanceType, platformDetails);
    if (!key || this.isUnavailable() || !readSettings().showCosts) return undefined;
    const session = this.sessions.session;
    const lookup = this.bookFor(session)
      .then((book) => book.prices(region, [key]))
      .then((prices) => prices.get(key) ?? undefined)
      .catch((error) => this.reportUnavailable(error, session));
    const price = await withinTime(lookup, PRICE_WAIT_MS);
    return price ? { perHour: price.perUnit, currency: price.currency } : undefined;
  }

  dispose(): void {
    clearTimeout(this.dueTimer);
    for (const d of this.subscriptions) d.dispose();
  }

  /**
   * Prices a region once its instances are in. Regions answer in a burst when the tree fills:
   * pricing starts when the burst is over, so it never competes with the tree's own listing.
   */
  private schedule(node: RegionNode): void {
    if (!readSettings().showCosts) {
      return;
    }
    this.due.set(node.region, node);
    clearTimeout(this.dueTimer);
    this.dueTimer = setTimeout(() => {
      const due = [...this.due.values()];
      this.due.clear();
      due.forEach((n) => this.price(n));
    }, QUIET_MS);
  }

  private price(node: RegionNode): void {
    const region = node.region;
    const generation = (this.generation.get(region) ?? 0) + 1;
    this.generation.set(region, generation);
    const current = () => this.generation.get(region) === generation && this.explorer.regionNode(region) === node;
    void this.limited(async () => {
      if (!current() || this.isUnavailable()) return;
      const session = this.sessions.session;
      // The first region priced with a session tells whether the Price List API answers; the others
      // wait for it, so an account without it lists nothing more than that one region's resources.
      const first = this.gate?.session !== session;
      let open: ((ok: boolean) => void) | undefined;
      if (first) {
        this.gate = { session, open: new Promise<boolean>((resolve) => (open = resolve)) };
        this.openGate = open;
      } else if (!(await this.gate!.open) || this.isUnavailable()) {
        return;
      }
      const pass = (ok: boolean) => open?.(ok);
      let resources: RegionResources;
      try {
        resources = await this.resourcesOf(session, region, node);
      } catch (error) {
        if (first) this.gate = undefined; // Another region tells instead.
        pass(true);
        this.log.debug(`Prices of ${region} not computed: ${describeError(error, await session.errorContext(region))}`);
        return; // The tree shows listing errors itself.
      }
      try {
        const estimate = await estimateRegion(session, await this.bookFor(session), region, resources);
        pass(true);
        if (!current() || session !== this.sessions.session) return;
        this.unavailable = undefined;
        this.store(region, { estimate, resources });
        this.changed.fire(node);
      } catch (error) {
        await this.reportUnavailable(error, session);
        pass(false);
      }
    });
  }

  private store(region: string, cost: RegionCost): void {
    this.costs.set(region, cost);
    this.updateStatus();
  }

  /** Instances, volumes and load balancers from the tree's region data (shared with the groups), addresses asked here. */
  private async resourcesOf(session: AwsSession, region: string, node = this.explorer.regionNode(region)): Promise<RegionResources> {
    if (!node) {
      return listRegionResources(session, region);
    }
    const [instances, volumes, loadBalancers, addresses] = await Promise.all([
      node.data.get('instances'),
      node.data.get('volumes'),
      node.data.get('loadBalancers'),
      listerFor(session).read('addresses', region),
    ]);
    return { instances, volumes, loadBalancers, addresses };
  }

  private bookFor(session: AwsSession): Promise<PriceBook> {
    if (this.book?.session !== session) {
      const book = session.endpoint().then((endpoint) => {
        // Prices from a custom endpoint (LocalStack, a stand-in) never mix with AWS's.
        const folder = endpoint ? `endpoint-${createHash('sha256').update(endpoint).digest('hex').slice(0, 12)}` : 'aws';
        // The Price List API is asked from the listing worker's thread, as the tree's reads are.
        const fetch = (region: string, key: string) => listerFor(session).read('products', region, key);
        return new PriceBook(session, new PriceCache(path.join(this.storageDir, 'prices', folder)), Date.now, fetch);
      });
      this.book = { session, book };
    }
    return this.book.book;
  }

  private isUnavailable(): boolean {
    return Date.now() < this.unavailableUntil;
  }

  private async unavailableSentence(error: unknown): Promise<string> {
    const reason = describeError(error, await this.sessions.session.errorContext());
    return vscode.l10n.t('Prices could not be read from the AWS Price List API: {0}', reason);
  }

  /**
   * One log line per failure; the prices shown go away. Resolves to undefined (no price). A failure
   * of a session since replaced (another profile or endpoint) says nothing about the current one.
   */
  private async reportUnavailable(error: unknown, session: AwsSession = this.sessions.session): Promise<undefined> {
    if (session !== this.sessions.session || (error instanceof UserError && this.unavailable === error.message)) {
      return undefined;
    }
    const sentence = error instanceof UserError ? error.message : await this.unavailableSentence(error);
    if (!this.isUnavailable()) {
      this.unavailableUntil = Date.now() + RETRY_AFTER_MS;
      this.unavailable = sentence;
      this.problemsLogged++;
      this.log.warn(`No prices shown. ${sentence}`);
      this.clear();
    }
    return undefined;
  }

  private reset(): void {
    this.openGate?.(false);
    this.gate = undefined;
    this.book = undefined;
    this.unavailableUntil = 0;
    this.unavailable = undefined;
    this.clear();
  }

  private clear(): void {
    this.due.clear();
    this.costs.clear();
    this.generation.clear();
    this.updateStatus();
    this.changed.fire(undefined);
  }

  private updateStatus(): void {
    this.status.show([...this.costs.values()].filter((c) => this.explorer.regionNode(c.estimate.region)));
  }

  /** The instances of a priced region that have a stop-when-idle alarm (their tag says so: no call). */
  autoStopInstances(region: string): string[] {
    return (this.costs.get(region)?.resources.instances ?? [])
      .filter((i) => i.state !== 'terminated' && autoStopFromTag(i.tags))
      .map((i) => i.id);
  }

  /** When a running instance shown was last started (its LaunchTime), for estimateCost's cost so far. */
  lastStart(region: string, instanceId: string): Date | undefined {
    const instance = this.costs.get(region)?.resources.instances.find((i) => i.id === instanceId);
    return instance?.state === 'running' ? instance.launchTime : undefined;
  }

  /** Runs `work` when fewer than REGION_CONCURRENCY regions are being priced. */
  private async limited(work: () => Promise<void>): Promise<void> {
    if (this.running >= REGION_CONCURRENCY) {
      await new Promise<void>((resolve) => this.queue.push(resolve));
    }
    this.running++;
    try {
      await work();
    } finally {
      this.running--;
      this.queue.shift()?.();
    }
  }
}

/** The value of `work` if it comes within `ms`, else undefined (the work goes on, and fills the cache). */
async function withinTime<T>(work: Promise<T>, ms: number): Promise<T | undefined> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<undefined>((resolve) => (timer = setTimeout(() => resolve(undefined), ms)));
  try {
    return await Promise.race([work, timeout]);
  } finally {
    clearTimeout(timer);
  }
}
