// Which SSH config file ssh will read, found as OpenSSH finds it. Without -F, ssh reads
// `~/.ssh/config` where `~` is the home directory of the account's passwd entry (pw_dir), not
// $HOME: where HOME is changed (a container, a snap, CI, the sandbox) Node's os.homedir() names
// another file. Remote - SSH's `remote.SSH.configFile` setting makes it run ssh with `-F <file>`;
// every ssh we start (terminals, the copied command) must then get the same `-F`.
import * as os from 'os';
import * as path from 'path';

/** The home directory of the account's passwd entry, as ssh resolves `~`; $HOME when there is no entry. */
export function accountHome(): string {
  try {
    return os.userInfo().homedir || os.homedir();
  } catch {
    // No passwd entry for this uid (a container started with an arbitrary user): ssh then falls back to $HOME too.
    return os.homedir();
  }
}

/** The file ssh reads when it gets no -F. */
export function sshDefaultConfigFile(home: string = accountHome()): string {
  return path.join(home, '.ssh', 'config');
}

/**
 * The config file ssh (and Remote - SSH) will read: `configured` (Remote - SSH's
 * remote.SSH.configFile, a leading `~` expanded as Remote - SSH expands it, from $HOME), else ssh's own default.
 */
export function resolveSshConfigFile(configured: string, home: string = accountHome(), userHome: string = os.homedir()): string {
  const value = configured.trim();
  if (!value) {
    return sshDefaultConfigFile(home);
  }
  if (value === '~') {
    return userHome;
  }
  return /^~[/\\]/.test(value) ? path.join(userHome, value.slice(2)) : path.resolve(value);
}

/** `['-F', file]` whenever `file` is not the one ssh reads by itself, else nothing. */
export function sshConfigArgs(file: string, home: string = accountHome()): string[] {
  return path.resolve(file) === path.resolve(sshDefaultConfigFile(home)) ? [] : ['-F', file];
}
