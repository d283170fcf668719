// The start-up reminder's check, for the activation entry (extension.ts) alone: whether instances
// launched from EC2 Workbench may still run. One read of the extension's global state, no AWS call,
// no import: the activation bundle holds nothing the workbench bundle holds too. The key is
// labInstances.ts's LAB_INSTANCES_KEY (test/core/aws/labInstancesAtStartup.test.ts ties the two).

interface LaunchedState {
  readonly launched?: Record<string, Record<string, readonly string[]>>;
}

/** True when some profile has some region with a recorded instance. */
export function hasLabInstances(state: { get<T>(key: string): T | undefined }): boolean {
  const launched = state.get<LaunchedState>('ec2Workbench.labInstances')?.launched;
  for (const profile in launched) {
    for (const region in launched[profile]) {
      if (launched[profile][region].length) return true;
    }
  }
  return false;
}
