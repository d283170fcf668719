import type * as vscode from 'vscode';
import { type Workbench } from '../workbench';
import { copyCommand } from './copyValue';
import { clearFilter, filterInstances } from './filterInstances';
import { createKeyPairCommand } from './keyPairs/createKeyPair';
import { deleteKeyPairCommand } from './keyPairs/deleteKeyPair';
import { importKeyPairCommand } from './keyPairs/importKeyPair';
import { locatePrivateKeyCommand } from './keyPairs/locatePrivateKey';
import { openCredentialsFile } from './openCredentialsFile';
import { refresh } from './refresh';
import { registerCommand } from './runCommand';
import { selectProfile } from './selectProfile';
import { showDetails } from './showDetails';
import { cleanUpCommand } from './cleanUp';
import { estimateCostCommand } from './estimateCost';
import { createLoadBalancerCommand, deleteLoadBalancerCommand, registrationCommand } from './loadBalancers/loadBalancerCommands';
import { loadTestCommand } from './loadTestCommand';
import { attachVolumeCommand, createVolumeCommand, deleteVolumeCommand, detachVolumeCommand } from './volumes/volumeCommands';
import { lifecycleCommand } from './instances/lifecycle';
import { showConsoleOutputCommand } from './instances/showConsoleOutput';
import { launchInstanceCommand } from './launch/launchInstance';
import { launchWithUserDataCommand, newUserDataCommand } from './launch/newUserData';
import { createLoginProfileCommand, deleteLoginProfileCommand, updateLoginProfileCommand } from './iam/loginProfile';
import { showPasswordPolicyCommand } from './iam/showPasswordPolicy';
import { allowSshFromMyAddressCommand } from './ssh/allowSshFromMyAddress';
import { connectRemoteSshCommand } from './ssh/connectRemoteSsh';
import { copySshCommand, openSshTerminalCommand } from './ssh/openSshTerminal';

/** Every command of the extension, one line each (ids and arguments: README, "Commands"). */
export function registerCommands(wb: Workbench): vscode.Disposable[] {
  return [
    registerCommand(wb, 'ec2Workbench.refresh', refresh),
    registerCommand(wb, 'ec2Workbench.selectProfile', selectProfile),
    registerCommand(wb, 'ec2Workbench.openCredentialsFile', openCredentialsFile),
    registerCommand(wb, 'ec2Workbench.showLog', async (w) => w.log.show()),
    registerCommand(wb, 'ec2Workbench.filterInstances', filterInstances),
    registerCommand(wb, 'ec2Workbench.clearFilter', clearFilter),
    registerCommand(wb, 'ec2Workbench.showDetails', showDetails),
    registerCommand(wb, 'ec2Workbench.copyId', copyCommand('resourceId')),
    registerCommand(wb, 'ec2Workbench.copyPublicDns', copyCommand('publicDnsName')),
    registerCommand(wb, 'ec2Workbench.copyPublicIp', copyCommand('publicIp')),
    registerCommand(wb, 'ec2Workbench.copyArn', copyCommand('arn')),
    registerCommand(wb, 'ec2Workbench.createKeyPair', createKeyPairCommand),
    registerCommand(wb, 'ec2Workbench.importKeyPair', importKeyPairCommand),
    registerCommand(wb, 'ec2Workbench.deleteKeyPair', deleteKeyPairCommand),
    registerCommand(wb, 'ec2Workbench.locatePrivateKey', locatePrivateKeyCommand),
    registerCommand(wb, 'ec2Workbench.connectRemoteSsh', connectRemoteSshCommand),
    registerCommand(wb, 'ec2Workbench.openSshTerminal', openSshTerminalCommand),
    registerCommand(wb, 'ec2Workbench.copySshCommand', copySshCommand),
    registerCommand(wb, 'ec2Workbench.allowSshFromMyAddress', allowSshFromMyAddressCommand),
    registerCommand(wb, 'ec2Workbench.newUserData', newUserDataCommand),
    registerCommand(wb, 'ec2Workbench.launchInstance', launchInstanceCommand),
    registerCommand(wb, 'ec2Workbench.launchWithUserData', launchWithUserDataCommand),
    registerCommand(wb, 'ec2Workbench.startInstances', lifecycleCommand('start')),
    registerCommand(wb, 'ec2Workbench.stopInstances', lifecycleCommand('stop')),
    registerCommand(wb, 'ec2Workbench.rebootInstances', lifecycleCommand('reboot')),
    registerCommand(wb, 'ec2Workbench.terminateInstances', lifecycleCommand('terminate')),
    registerCommand(wb, 'ec2Workbench.showConsoleOutput', showConsoleOutputCommand),
    registerCommand(wb, 'ec2Workbench.createVolume', createVolumeCommand),
    registerCommand(wb, 'ec2Workbench.attachVolume', attachVolumeCommand),
    registerCommand(wb, 'ec2Workbench.detachVolume', detachVolumeCommand),
    registerCommand(wb, 'ec2Workbench.deleteVolume', deleteVolumeCommand),
    registerCommand(wb, 'ec2Workbench.createLoadBalancer', createLoadBalancerCommand),
    registerCommand(wb, 'ec2Workbench.registerInstances', registrationCommand(true)),
    registerCommand(wb, 'ec2Workbench.deregisterInstances', registrationCommand(false)),
    registerCommand(wb, 'ec2Workbench.deleteLoadBalancer', deleteLoadBalancerCommand),
    registerCommand(wb, 'ec2Workbench.loadTest', loadTestCommand),
    registerCommand(wb, 'ec2Workbench.cleanUp', cleanUpCommand),
    registerCommand(wb, 'ec2Workbench.estimateCost', estimateCostCommand),
    registerCommand(wb, 'ec2Workbench.showPasswordPolicy', showPasswordPolicyCommand),
    registerCommand(wb, 'ec2Workbench.createLoginProfile', createLoginProfileCommand),
    registerCommand(wb, 'ec2Workbench.updateLoginProfile', updateLoginProfileCommand),
    registerCommand(wb, 'ec2Workbench.deleteLoginProfile', deleteLoginProfileCommand),
  ];
}
