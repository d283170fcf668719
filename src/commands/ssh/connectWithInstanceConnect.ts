import { type Workbench } from '../../workbench';
import { commandInput, regionAnd } from '../commandInput';
import { type ConnectArgs, type ConnectResult, connectRemoteSsh } from './connectRemoteSsh';

/** The instance menu's "Connect with a One-Time Key (EC2 Instance Connect)": Remote-SSH with via "instanceConnect". */
export async function connectWithInstanceConnectCommand(wb: Workbench, arg?: unknown): Promise<ConnectResult> {
  const input = commandInput<Omit<ConnectArgs, 'via'>>(arg, {
    fields: { region: 'string', instanceId: 'string', newWindow: 'boolean', open: 'boolean' },
    fromNode: regionAnd('instanceId'),
  });
  return connectRemoteSsh(wb, { ...input, args: { ...input.args, via: 'instanceConnect' } });
}
