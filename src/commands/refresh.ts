import { Workbench } from '../workbench';

export interface RefreshArgs {
  region?: string;
}

/** Reloads one region, or re-reads the profile and every region when none is given. */
export async function refresh(wb: Workbench, args?: RefreshArgs | { region?: string }): Promise<void> {
  const region = typeof args?.region === 'string' ? args.region : undefined;
  if (!region) {
    wb.sessions.reset();
  }
  wb.explorer.refresh(region);
}
