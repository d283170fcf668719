// Child process for the two-windows test: writes `count` SSH entries with its own prefix.
import { writeSshEntry } from '../../src/core/ssh/sshConfigFile';

const [file, prefix, count] = process.argv.slice(2);
(async () => {
  for (let i = 0; i < Number(count); i++) {
    await writeSshEntry(file, {
      alias: `ec2-eu-west-3-i-${prefix}${i}`,
      hostName: `10.0.${prefix === 'a' ? 1 : 2}.${i}`,
      user: 'ubuntu',
      identityFile: '/k.pem',
    });
  }
})().catch((error: Error) => {
  process.stderr.write(error.message);
  process.exit(1);
});
