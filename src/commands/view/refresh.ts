import { type Workbench } from '../../workbench';
import { commandInput } from '../commandInput';

export interface RefreshArgs {
  region?: string;
}

/**
 * Reloads one region (from its node or `{ region }`), or every region. After a failure it also
 * re-reads the profile and credentials (a new session); otherwise the session, its connections
 * and its listing worker are kept (changed AWS files reset the session on their own).
 */
export async function refresh(wb: Workbench, arg?: unknown): Promise<void> {
  const { region } = commandInput<RefreshArgs>(arg, { fields: { region: 'string' } }).args;
  if (region) {
    wb.explorer.refresh(region);
  } else if (wb.explorer.failed) {
    wb.sessions.reset(); // Fires onDidChange, which refreshes the whole view.
  } else {
    wb.explorer.refresh();
  }
}
