// User-data templates: what the lab runs at boot, brought up to date.

import * as l10n from '@vscode/l10n';

export type TemplateId = 'node-pm2' | 'nginx-instance-id' | 'cloud-config';

export interface UserDataTemplate {
  readonly id: TemplateId;
  readonly label: string;
  readonly detail: string;
  readonly language: 'shellscript' | 'yaml';
  readonly text: string;
}

const NODE_PM2 = `#!/bin/bash
# EC2 Workbench: the lab's Node.js web app, kept alive by pm2 (runs once, as root, at first boot).
set -euxo pipefail
export DEBIAN_FRONTEND=noninteractive
apt-get update -y
apt-get install -y ca-certificates curl git
# Node.js 22 LTS from NodeSource
curl -fsSL https://deb.nodesource.com/setup_22.x | bash -
apt-get install -y nodejs
npm install -g pm2

mkdir -p /opt/app && cd /opt/app
cat > server.js <<'JS'
const http = require('http');
const os = require('os');
http.createServer((req, res) => {
  res.setHeader('Content-Type', 'text/plain');
  res.end('Hello from ' + os.hostname() + '\\n');
}).listen(80);
JS
pm2 start server.js --name web
pm2 startup systemd -u root --hp /root
pm2 save
`;

const NGINX_INSTANCE_ID = `#!/bin/bash
# EC2 Workbench: an nginx page that shows which instance answered (for the load-balancer exercise).
# The instance id and zone come from the instance metadata service, version 2 (token first).
set -euxo pipefail
export DEBIAN_FRONTEND=noninteractive
apt-get update -y
apt-get install -y nginx curl
TOKEN=$(curl -sX PUT http://169.254.169.254/latest/api/token -H 'X-aws-ec2-metadata-token-ttl-seconds: 300')
meta() { curl -sH "X-aws-ec2-metadata-token: $TOKEN" "http://169.254.169.254/latest/meta-data/$1"; }
INSTANCE_ID=$(meta instance-id)
ZONE=$(meta placement/availability-zone)
cat > /var/www/html/index.html <<HTML
<!doctype html>
<title>$INSTANCE_ID</title>
<h1>Served by $INSTANCE_ID</h1>
<p>Availability zone: $ZONE</p>
HTML
# The X-Instance-Id header lets the load test count requests per instance.
cat > /etc/nginx/conf.d/instance-id.conf <<CONF
add_header X-Instance-Id $INSTANCE_ID always;
CONF
systemctl enable --now nginx
systemctl reload nginx
`;

const CLOUD_CONFIG = `#cloud-config
# EC2 Workbench: cloud-init configuration (https://cloudinit.readthedocs.io).
package_update: true
packages: []
runcmd: []
`;

/** The templates, labelled in the display language (so a function: translations load at activation). */
export function userDataTemplates(): readonly UserDataTemplate[] {
  return [
    {
      id: 'node-pm2',
      label: l10n.t('Node.js app with pm2'),
      detail: l10n.t('The lab web app on port 80, restarted by pm2 at boot'),
      language: 'shellscript',
      text: NODE_PM2,
    },
    {
      id: 'nginx-instance-id',
      label: l10n.t('nginx page with the instance id'),
      detail: l10n.t('For the load balancer exercise: shows which instance answered (IMDSv2)'),
      language: 'shellscript',
      text: NGINX_INSTANCE_ID,
    },
    {
      id: 'cloud-config',
      label: l10n.t('Empty #cloud-config'),
      detail: l10n.t('A cloud-init configuration to fill in'),
      language: 'yaml',
      text: CLOUD_CONFIG,
    },
  ];
}
