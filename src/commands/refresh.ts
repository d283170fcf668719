import { type Workbench } from '../workbench';
import { commandInput } from './args';

export interface RefreshArgs {
  region?: string;
}

/** Reloads one region (from its node or `{ region }`), or re-reads the profile and every region. */
export async function refresh(wb: Workbench, arg?: unknown): Promise<void> {
  const { region } = commandInput<RefreshArgs>(arg, { fields: { region: 'string' } }).args;
  if (region) {
    wb.explorer.refresh(region);
  } else {
    wb.sessions.reset(); // Fires onDidChange, which refreshes the whole view.
  }
}
