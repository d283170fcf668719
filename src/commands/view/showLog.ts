import { type Workbench } from '../../workbench';

/** Shows the extension's log ("EC2 Workbench" in the Output view): every failure's full text is there. */
export async function showLog(wb: Workbench): Promise<void> {
  wb.log.show();
}
