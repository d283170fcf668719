// The process an SSH terminal runs. On its own, `ssh <alias>` as the terminal's process takes its
// reason with it when it fails: VS Code closes the terminal and says only "failed to launch (exit
// code: 255)". So on POSIX ssh runs under `sh -c`, which, when ssh fails, keeps the terminal open
// on ssh's own message and a line saying so until Enter. Every value goes in as its own argument
// (never spliced into the script), so a config path or alias with spaces or `$()` stays inert.
import { sshConfigArgs } from './sshConfigPath';

export interface SshTerminalProcess {
  readonly shellPath: string;
  readonly shellArgs: string[];
}

/**
 * `sh -c` script: $1 is the line shown after a failure, with `{0}` standing for ssh's exit code;
 * the rest is the ssh command. Exits with ssh's own status.
 */
export const KEEP_OPEN_SCRIPT = [
  'm=$1; shift',
  '"$@"; s=$?',
  'if [ "$s" -ne 0 ]; then',
  '  printf \'\\n%s%s%s \' "${m%%"{0}"*}" "$s" "${m#*"{0}"}"',
  '  read -r _',
  'fi',
  'exit "$s"',
].join('\n');

/**
 * `ssh [-F config] <alias>`, kept on screen on failure. `failedLine` is localized and holds `{0}`
 * for the exit code. `home` is the account's home (for the -F decision; tests give their own).
 */
export function sshTerminalProcess(
  program: string,
  configFile: string,
  alias: string,
  failedLine: string,
  platform: NodeJS.Platform = process.platform,
  home?: string,
): SshTerminalProcess {
  const sshArgs = [...sshConfigArgs(configFile, home), alias];
  if (platform === 'win32') {
    return { shellPath: program, shellArgs: sshArgs };
  }
  return { shellPath: '/bin/sh', shellArgs: ['-c', KEEP_OPEN_SCRIPT, 'ssh', failedLine, program, ...sshArgs] };
}
