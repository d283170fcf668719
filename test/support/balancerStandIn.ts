// The sandbox's load balancers, answered on loopback and following the emulator. The emulator
// (moto) keeps the balancers, their registrations and their health but forwards nothing, and the
// DNS names it invents are never contacted (RECIPES.md, section 4). This stand-in takes the
// requests the load test sends for any `*.elb.amazonaws.com` name (the product's
// ec2Workbench.loadTest.resolve setting points that domain here, the Host header keeps the name)
// and, for each request, asks the emulator which instances are registered with the balancer of
// that name and in service now:
//   classic: DescribeLoadBalancers, then DescribeInstanceHealth, State "InService"
//   (https://docs.aws.amazon.com/elasticloadbalancing/2012-06-01/APIReference/API_InstanceState.html);
//   application: DescribeLoadBalancers, DescribeListeners (forward actions), DescribeTargetHealth,
//   TargetHealth.State "healthy"
//   (https://docs.aws.amazon.com/elasticloadbalancing/latest/APIReference/API_TargetHealth.html).
// It sends the request round-robin to a loopback web server of that instance, which answers as
// the lab's nginx template does: an X-Instance-Id header and a page naming the instance. With
// nothing in service it answers 503, as an ELB does. Membership is read again at most every
// `refreshMs`, so a register or deregister shows in the next load test.
import {
  DescribeInstanceHealthCommand,
  DescribeLoadBalancersCommand,
  ElasticLoadBalancingClient,
} from '@aws-sdk/client-elastic-load-balancing';
import {
  DescribeListenersCommand,
  DescribeLoadBalancersCommand as DescribeV2Command,
  DescribeTargetHealthCommand,
  ElasticLoadBalancingV2Client,
} from '@aws-sdk/client-elastic-load-balancing-v2';
import * as http from 'http';
import { AddressInfo } from 'net';

const credentials = { accessKeyId: 'testing', secretAccessKey: 'testing' };

export interface BalancerStandInOptions {
  /** The emulator's endpoint. */
  readonly endpoint: string;
  /** Regions whose balancers are answered. */
  readonly regions: readonly string[];
  /** How long a balancer's in-service list is reused (default 500 ms). */
  readonly refreshMs?: number;
  /** Each instance's server waits this long before answering (default 0). */
  readonly delayMs?: number;
}

interface Members {
  readonly at: number;
  readonly ids: string[];
}

export class BalancerStandIn {
  private server?: http.Server;
  private readonly instances = new Map<string, { ready: Promise<string>; server: http.Server; served: number }>();
  private readonly members = new Map<string, Members | Promise<Members>>();
  private readonly turns = new Map<string, number>();
  private readonly clients: Array<{ classic: ElasticLoadBalancingClient; v2: ElasticLoadBalancingV2Client }>;
  url = '';

  constructor(private readonly options: BalancerStandInOptions) {
    this.clients = options.regions.map((region) => ({
      classic: new ElasticLoadBalancingClient({ region, endpoint: options.endpoint, credentials }),
      v2: new ElasticLoadBalancingV2Client({ region, endpoint: options.endpoint, credentials }),
    }));
  }

  /** Requests each instance's server answered. */
  served(): Record<string, number> {
    return Object.fromEntries([...this.instances].map(([id, s]) => [id, s.served]));
  }

  async start(): Promise<this> {
    this.server = http.createServer((req, res) => void this.forward(req, res));
    this.url = await listen(this.server);
    return this;
  }

  async close(): Promise<void> {
    for (const s of [this.server, ...[...this.instances.values()].map((i) => i.server)]) {
      s?.closeAllConnections();
      await new Promise((resolve) => (s ? s.close(resolve) : resolve(undefined)));
    }
    for (const c of this.clients) {
      c.classic.destroy();
      c.v2.destroy();
    }
  }

  private async forward(req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
    const host = (req.headers.host ?? '').replace(/:\d+$/, '').toLowerCase();
    let ids: string[];
    try {
      ids = await this.inService(host);
    } catch (error) {
      res.statusCode = 502;
      res.end(`stand-in: ${(error as Error).message}\n`);
      return;
    }
    if (!ids.length) {
      res.statusCode = 503;
      res.end('503 Service Temporarily Unavailable\n');
      return;
    }
    const turn = this.turns.get(host) ?? 0;
    this.turns.set(host, turn + 1);
    const target = await this.instanceServer(ids[turn % ids.length]);
    const upstream = http.get(new URL(req.url ?? '/', target), (r) => {
      res.writeHead(r.statusCode ?? 502, r.headers);
      r.pipe(res);
    });
    upstream.on('error', () => {
      res.statusCode = 502;
      res.end();
    });
  }

  /** The instances registered with the balancer named `host` and in service, as the emulator says now. */
  private async inService(host: string): Promise<string[]> {
    const known = this.members.get(host);
    if (known && !(known instanceof Promise) && Date.now() - known.at < (this.options.refreshMs ?? 500)) {
      return known.ids;
    }
    if (known instanceof Promise) {
      return (await known).ids;
    }
    const reading = this.readMembers(host).then(
      (ids) => ({ at: Date.now(), ids }),
      (error) => {
        this.members.delete(host);
        throw error;
      },
    );
    this.members.set(host, reading);
    const members = await reading;
    this.members.set(host, members);
    return members.ids;
  }

  private async readMembers(host: string): Promise<string[]> {
    for (const { classic, v2 } of this.clients) {
      const { LoadBalancerDescriptions = [] } = await classic.send(new DescribeLoadBalancersCommand({}));
      const lb = LoadBalancerDescriptions.find((d) => d.DNSName?.toLowerCase() === host);
      if (lb) {
        const { InstanceStates = [] } = await classic.send(new DescribeInstanceHealthCommand({ LoadBalancerName: lb.LoadBalancerName }));
        return InstanceStates.filter((s) => s.State === 'InService').map((s) => s.InstanceId!);
      }
      const { LoadBalancers = [] } = await v2.send(new DescribeV2Command({}));
      const alb = LoadBalancers.find((d) => d.DNSName?.toLowerCase() === host);
      if (alb) {
        const { Listeners = [] } = await v2.send(new DescribeListenersCommand({ LoadBalancerArn: alb.LoadBalancerArn }));
        const groups = new Set(
          Listeners.flatMap((l) => l.DefaultActions ?? [])
            .filter((a) => a.Type === 'forward')
            .flatMap((a) => [a.TargetGroupArn, ...(a.ForwardConfig?.TargetGroups ?? []).map((g) => g.TargetGroupArn)])
            .filter((arn): arn is string => !!arn),
        );
        const ids = new Set<string>();
        for (const arn of groups) {
          const { TargetHealthDescriptions = [] } = await v2.send(new DescribeTargetHealthCommand({ TargetGroupArn: arn }));
          for (const t of TargetHealthDescriptions) {
            if (t.TargetHealth?.State === 'healthy' && t.Target?.Id) {
              ids.add(t.Target.Id);
            }
          }
        }
        return [...ids].sort();
      }
    }
    return [];
  }

  /** The loopback web server of `instanceId`, started on first use. */
  private instanceServer(instanceId: string): Promise<string> {
    const known = this.instances.get(instanceId);
    if (known) {
      return known.ready;
    }
    const server = http.createServer();
    const entry = { served: 0, server, ready: listen(server) };
    this.instances.set(instanceId, entry);
    server.on('request', (_req: http.IncomingMessage, res: http.ServerResponse) => {
      entry.served++;
      setTimeout(() => {
        res.setHeader('X-Instance-Id', instanceId);
        res.setHeader('Content-Type', 'text/html');
        res.end(`<h1>Served by ${instanceId}</h1>`);
      }, this.options.delayMs ?? 0);
    });
    return entry.ready;
  }
}

async function listen(server: http.Server): Promise<string> {
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}/`;
}
