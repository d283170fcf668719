// Every command's handler, in the workbench bundle (dist/startWorkbench.js), loaded on first use: the
// activation entry loads none of this. The ids are in commandIds.ts; TypeScript checks that each has its handler.
import { type Workbench } from '../workbench';
import { type CommandId } from './commandIds';
import { copyCommand } from './view/copyValue';
import { clearFilter, filterInstances } from './view/filterInstances';
import { createKeyPairCommand } from './keyPairs/createKeyPair';
import { deleteKeyPairCommand } from './keyPairs/deleteKeyPair';
import { importKeyPairCommand } from './keyPairs/importKeyPair';
import { locatePrivateKeyCommand } from './keyPairs/locatePrivateKey';
import { openCredentialsFile } from './account/openCredentialsFile';
import { refresh } from './view/refresh';
import { selectProfile } from './account/selectProfile';
import { showDetails } from './view/showDetails';
import { showLog } from './view/showLog';
import { cleanUpCommand } from './lab/cleanUp';
import { estimateCostCommand } from './lab/estimateCost';
import { createLoadBalancerCommand } from './loadBalancers/createLoadBalancer/index';
import { deleteLoadBalancerCommand } from './loadBalancers/deleteLoadBalancer';
import { registrationCommand } from './loadBalancers/registration';
import { loadTestCommand } from './loadBalancers/loadTest';
import { attachVolumeCommand } from './volumes/attachVolume';
import { createVolumeCommand } from './volumes/createVolume';
import { deleteVolumeCommand } from './volumes/deleteVolume';
import { detachVolumeCommand } from './volumes/detachVolume';
import { lifecycleCommand } from './instances/lifecycle';
import { showConsoleOutputCommand } from './instances/showConsoleOutput';
import { setAutoStopCommand } from './instances/setAutoStop';
import { remindRunningCommand } from './lab/remindRunning';
import { launchInstanceCommand } from './launch/launchInstance';
import { newUserDataCommand } from './launch/newUserData';
import { launchWithUserDataCommand } from './launch/launchWithUserData';
import { createLoginProfileCommand, deleteLoginProfileCommand, updateLoginProfileCommand } from './iam/loginProfile';
import { showPasswordPolicyCommand } from './iam/showPasswordPolicy';
import { allowSshFromMyAddressCommand } from './ssh/allowSshFromMyAddress';
import { connectRemoteSshCommand } from './ssh/connectRemoteSsh';
import { connectWithInstanceConnectCommand } from './ssh/connectWithInstanceConnect';
import { openSshTerminalCommand } from './ssh/openSshTerminal';
import { copySshCommand } from './ssh/copySshCommand';

export type CommandHandler = (wb: Workbench, args?: unknown, ...more: unknown[]) => Promise<unknown>;

export const handlers: Record<CommandId, CommandHandler> = {
  'ec2Workbench.refresh': refresh,
  'ec2Workbench.selectProfile': selectProfile,
  'ec2Workbench.openCredentialsFile': openCredentialsFile,
  'ec2Workbench.showLog': showLog,
  'ec2Workbench.filterInstances': filterInstances,
  'ec2Workbench.clearFilter': clearFilter,
  'ec2Workbench.showDetails': showDetails,
  'ec2Workbench.copyId': copyCommand('resourceId'),
  'ec2Workbench.copyPublicDns': copyCommand('publicDnsName'),
  'ec2Workbench.copyPublicIp': copyCommand('publicIp'),
  'ec2Workbench.copyArn': copyCommand('arn'),
  'ec2Workbench.createKeyPair': createKeyPairCommand,
  'ec2Workbench.importKeyPair': importKeyPairCommand,
  'ec2Workbench.deleteKeyPair': deleteKeyPairCommand,
  'ec2Workbench.locatePrivateKey': locatePrivateKeyCommand,
  'ec2Workbench.connectRemoteSsh': connectRemoteSshCommand,
  'ec2Workbench.connectWithInstanceConnect': connectWithInstanceConnectCommand,
  'ec2Workbench.openSshTerminal': openSshTerminalCommand,
  'ec2Workbench.copySshCommand': copySshCommand,
  'ec2Workbench.allowSshFromMyAddress': allowSshFromMyAddressCommand,
  'ec2Workbench.newUserData': newUserDataCommand,
  'ec2Workbench.launchInstance': launchInstanceCommand,
  'ec2Workbench.launchWithUserData': launchWithUserDataCommand,
  'ec2Workbench.startInstances': lifecycleCommand('start'),
  'ec2Workbench.stopInstances': lifecycleCommand('stop'),
  'ec2Workbench.rebootInstances': lifecycleCommand('reboot'),
  'ec2Workbench.terminateInstances': lifecycleCommand('terminate'),
  'ec2Workbench.setAutoStop': setAutoStopCommand,
  'ec2Workbench.remindRunning': remindRunningCommand,
  'ec2Workbench.showConsoleOutput': showConsoleOutputCommand,
  'ec2Workbench.createVolume': createVolumeCommand,
  'ec2Workbench.attachVolume': attachVolumeCommand,
  'ec2Workbench.detachVolume': detachVolumeCommand,
  'ec2Workbench.deleteVolume': deleteVolumeCommand,
  'ec2Workbench.createLoadBalancer': createLoadBalancerCommand,
  'ec2Workbench.registerInstances': registrationCommand(true),
  'ec2Workbench.deregisterInstances': registrationCommand(false),
  'ec2Workbench.deleteLoadBalancer': deleteLoadBalancerCommand,
  'ec2Workbench.loadTest': loadTestCommand,
  'ec2Workbench.cleanUp': cleanUpCommand,
  'ec2Workbench.estimateCost': estimateCostCommand,
  'ec2Workbench.showPasswordPolicy': showPasswordPolicyCommand,
  'ec2Workbench.createLoginProfile': createLoginProfileCommand,
  'ec2Workbench.updateLoginProfile': updateLoginProfileCommand,
  'ec2Workbench.deleteLoginProfile': deleteLoginProfileCommand,
};
