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

/** A translated comment: one line, nothing the shell could read as code. */
const comment = (text: string) => `# ${text.replace(/[\r\n]+/g, ' ')}`;
/** Translated words inside an unquoted heredoc of HTML: no expansion ($, `, \), HTML escaped. */
const htmlWords = (text: string) =>
  text
    .replace(/[$`\\]/g, '')
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;');

// The scripts' comments and the pages' words are in the display language (issue #27); the code is not.
const nodePm2 = () => `#!/bin/bash
${comment(l10n.t("EC2 Workbench: the lab's Node.js web app, kept alive by pm2 (runs once, as root, at first boot)."))}
set -euxo pipefail
export DEBIAN_FRONTEND=noninteractive
apt-get update -y
apt-get install -y ca-certificates curl git
${comment(l10n.t('Node.js 22 LTS from NodeSource'))}
curl -fsSL https://deb.nodesource.com/setup_22.x | bash -
apt-get install -y nodejs
npm install -g pm2

mkdir -p /opt/app && cd /opt/app
cat > server.js <<'JS'
const http = require('http');
const os = require('os');
http.createServer((req, res) => {
  res.setHeader('Content-Type', 'text/plain; charset=utf-8');
  res.end(${JSON.stringify(`${l10n.t({ message: 'Hello from', comment: ['The web page: "Hello from <host name>"'] })} `)} + os.hostname() + '\\n');
}).listen(80);
JS
pm2 start server.js --name web
pm2 startup systemd -u root --hp /root
pm2 save
`;

const nginxInstanceId = () => `#!/bin/bash
${comment(l10n.t('EC2 Workbench: an nginx page that shows which instance answered (for the load-balancer exercise).'))}
${comment(l10n.t('The instance id and zone come from the instance metadata service, version 2 (token first).'))}
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
<meta charset="utf-8">
<title>$INSTANCE_ID</title>
<h1>${htmlWords(l10n.t({ message: 'Served by', comment: ['The web page: "Served by <instance id>"'] }))} $INSTANCE_ID</h1>
<p>${htmlWords(l10n.t({ message: 'Availability zone:', comment: ['The web page: "Availability zone: eu-west-3a"'] }))} $ZONE</p>
HTML
${comment(l10n.t('The X-Instance-Id header lets the load test count requests per instance.'))}
cat > /etc/nginx/conf.d/instance-id.conf <<CONF
add_header X-Instance-Id $INSTANCE_ID always;
CONF
systemctl enable --now nginx
systemctl reload nginx
`;

const cloudConfig = () => `#cloud-config
${comment(l10n.t('EC2 Workbench: cloud-init configuration (https://cloudinit.readthedocs.io).'))}
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
      text: nodePm2(),
    },
    {
      id: 'nginx-instance-id',
      label: l10n.t('nginx page with the instance id'),
      detail: l10n.t('For the load balancer exercise: shows which instance answered (IMDSv2)'),
      language: 'shellscript',
      text: nginxInstanceId(),
    },
    {
      id: 'cloud-config',
      label: l10n.t('Empty #cloud-config'),
      detail: l10n.t('A cloud-init configuration to fill in'),
      language: 'yaml',
      text: cloudConfig(),
    },
  ];
}
