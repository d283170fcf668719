// Which instances EC2 Workbench launched and may still be running, kept between sessions (the
// extension's global state) so that the next start can remind the user of them. VS Code-free: the
// state is anything with get/update (a vscode.Memento).

// Whether there is anything to check at start-up: labInstancesAtStartup.ts (same key).
export const LAB_INSTANCES_KEY = 'ec2Workbench.labInstances';

export interface LabInstances {
  /** Per profile, per region, the instance ids launched and not known to be terminated. */
  readonly launched: Record<string, Record<string, string[]>>;
  /** Instances the user chose to keep, with the launch (start) time they were kept at. */
  readonly kept: Record<string, string>;
}

export interface StateLike {
  get<T>(key: string): T | undefined;
  update(key: string, value: unknown): Thenable<void>;
}

export function readLabInstances(state: Pick<StateLike, 'get'>): LabInstances {
  const s = state.get<LabInstances>(LAB_INSTANCES_KEY);
  return { launched: s?.launched ?? {}, kept: s?.kept ?? {} };
}

/** Adds launched instances. */
export async function recordLaunch(state: StateLike, profile: string, region: string, instanceIds: readonly string[]): Promise<void> {
  const s = readLabInstances(state);
  const regions = { ...(s.launched[profile] ?? {}) };
  regions[region] = [...new Set([...(regions[region] ?? []), ...instanceIds])];
  await state.update(LAB_INSTANCES_KEY, { ...s, launched: { ...s.launched, [profile]: regions } });
}

/** Keeps only `alive` among the region's recorded instances (the others are terminated or gone). */
export async function pruneRegion(state: StateLike, profile: string, region: string, alive: ReadonlySet<string>): Promise<void> {
  const s = readLabInstances(state);
  const regions = { ...(s.launched[profile] ?? {}) };
  const left = (regions[region] ?? []).filter((id) => alive.has(id));
  if (left.length) regions[region] = left;
  else delete regions[region];
  const kept = Object.fromEntries(
    Object.entries(s.kept).filter(([id]) => alive.has(id) || !(s.launched[profile]?.[region] ?? []).includes(id)),
  );
  await state.update(LAB_INSTANCES_KEY, { launched: { ...s.launched, [profile]: regions }, kept });
}

/** Remembers that these instances, started at these times, are kept: no reminder until they are started again. */
export async function keepInstances(state: StateLike, started: Readonly<Record<string, string>>): Promise<void> {
  const s = readLabInstances(state);
  await state.update(LAB_INSTANCES_KEY, { ...s, kept: { ...s.kept, ...started } });
}
