// Names the wizards prefill and the names of several instances launched at once. A prefilled name
// never collides with one that exists (web-1 taken: web-2, then web-3...; lab-elb taken: lab-elb-2),
// and N instances get N names instead of one Name tag N times.

/** `wanted` when it is free, else the next free `<base>-<n>` (a trailing `-<n>` counts up from n). */
export function freeName(wanted: string, taken: ReadonlySet<string>): string {
  if (!taken.has(wanted)) {
    return wanted;
  }
  const m = /^(.*\D)-?(\d+)$/.exec(wanted);
  const base = m ? m[1].replace(/-$/, '') : wanted;
  let n = m ? Number(m[2]) + 1 : 2;
  while (taken.has(`${base}-${n}`)) {
    n++;
  }
  return `${base}-${n}`;
}

/**
 * The Name tags of `count` instances launched as `name`: itself for one; for several, `-1..-N`
 * after it, or counting on from its own trailing number (web-4 for 3: web-4, web-5, web-6).
 */
export function instanceNames(name: string, count: number): string[] {
  if (count <= 1) {
    return [name];
  }
  const m = /^(.*)-(\d+)$/.exec(name);
  return Array.from({ length: count }, (_, i) => (m ? `${m[1]}-${Number(m[2]) + i}` : `${name}-${i + 1}`));
}
