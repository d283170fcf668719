import { Workbench } from '../workbench';

export interface RefreshArgs {
  region?: string;
}

/** Reloads one region (from its node or `{ region }`), or re-reads the profile and every region. */
export async function refresh(wb: Workbench, args?: RefreshArgs): Promise<void> {
  const region = typeof args?.region === 'string' ? args.region : undefined;
  if (region) {
    wb.explorer.refresh(region);
  } else {
    wb.sessions.reset(); // Fires onDidChange, which refreshes the whole view.
  }
}
