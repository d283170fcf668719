// What the Create Load Balancer summary and its warnings say.
import * as vscode from 'vscode';
import { type ApplicationLoadBalancerSpec } from '../../../core/aws/elb/applicationLoadBalancers';
import { type CreateContext } from './context';

export function closedMessage(group: string | undefined, port: number): string {
  return group
    ? vscode.l10n.t(
        'The security group {0} does not let HTTP {1} in from the internet: requests to the load balancer would time out.',
        group,
        port,
      )
    : vscode.l10n.t('No security group lets HTTP {0} in from the internet: requests to the load balancer would time out.', port);
}

export function describeSummary(c: CreateContext, port: number, tg: ApplicationLoadBalancerSpec['targetGroup']): string {
  const groups =
    c.ingress === 'new'
      ? vscode.l10n.t('new security group HTTP {0} from everyone', port)
      : (c.securityGroupIds ?? []).join(' ') || vscode.l10n.t('default security group');
  if (c.type === 'application') {
    return [
      `${c.name} · ${c.region}`,
      vscode.l10n.t('Application, HTTP {0} → target group {1} (HTTP {2}, health check {3})', port, tg.name, tg.port, tg.healthCheckPath),
      (c.subnetIds ?? []).join(' '),
      groups,
    ].join(' · ');
  }
  return [
    `${c.name} · ${c.region}`,
    vscode.l10n.t('Classic, HTTP 80 to port 80, health check {0}', c.healthCheckTarget ?? 'HTTP:80/'),
    (c.subnetIds ?? []).join(' '),
    groups,
  ].join(' · ');
}
