/** Why a key pair name cannot be used, or undefined when it can (checked before any AWS call). */
export function keyPairNameProblem(name: string, existing: readonly string[] = [], region?: string): string | undefined {
  if (name.length === 0) {
    return 'Enter a key pair name.';
  }
  if (name.length > 255) {
    return `A key pair name has at most 255 characters (this one has ${name.length}).`;
  }
  if (!/^[\x20-\x7e]+$/.test(name)) {
    return 'A key pair name may only use ASCII letters, digits, spaces and punctuation.';
  }
  if (name !== name.trim()) {
    return 'A key pair name cannot start or end with a space.';
  }
  if (existing.includes(name)) {
    return `The key pair name "${name}" is already used${region ? ` in ${region}` : ''}. Pick another name.`;
  }
  return undefined;
}
