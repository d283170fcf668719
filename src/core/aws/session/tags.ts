// Tags EC2 Workbench reads and writes.

type Tags = ReadonlyArray<{ Key?: string; Value?: string }> | undefined;

/** Marks what EC2 Workbench created, for "Clean up lab resources" (which relies on it alone). */
export const MANAGED_TAG = { Key: 'ec2-workbench', Value: 'lab' } as const;

/** The Name tag, or undefined when there is none or it is empty. */
export function nameTag(tags: Tags): string | undefined {
  return tags?.find((t) => t.Key === 'Name')?.Value || undefined;
}

export function isManaged(tags: Tags): boolean {
  return (tags ?? []).some((t) => t.Key === MANAGED_TAG.Key && t.Value === MANAGED_TAG.Value);
}
