// Quoting for command lines a user pastes into a shell (the AWS CLI transcript, `aws ec2
// run-instances` in the launch summary, Copy SSH Command): nothing in a value, `$()`, backticks,
// quotes or spaces, can run anything or split into two arguments.

export type Shell = 'posix' | 'powershell';

/** The shell a pasted line lands in on this machine: PowerShell on Windows, sh/bash/zsh elsewhere. */
export function defaultShell(platform: NodeJS.Platform = process.platform): Shell {
  return platform === 'win32' ? 'powershell' : 'posix';
}

export function shellQuote(value: string, shell: Shell = 'posix'): string {
  if (/^[A-Za-z0-9_./:=@,+-]+$/.test(value)) {
    return value;
  }
  if (shell === 'powershell') {
    // In single quotes PowerShell expands nothing; a quote (or a typographic one) is doubled.
    return `'${value.replace(/['\u2018\u2019\u201a\u201b]/g, '$&$&')}'`;
  }
  return `'${value.replace(/'/g, "'\\''")}'`;
}
