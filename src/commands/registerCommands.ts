import * as vscode from 'vscode';
import { Workbench } from '../workbench';
import { openCredentialsFile } from './openCredentialsFile';
import { refresh } from './refresh';
import { registerCommand } from './runCommand';
import { selectProfile } from './selectProfile';

/** Every command of the extension, one line each (ids and arguments: README, "Commands"). */
export function registerCommands(wb: Workbench): vscode.Disposable[] {
  return [
    registerCommand(wb, 'ec2Workbench.refresh', refresh),
    registerCommand(wb, 'ec2Workbench.selectProfile', selectProfile),
    registerCommand(wb, 'ec2Workbench.openCredentialsFile', openCredentialsFile),
    registerCommand(wb, 'ec2Workbench.showLog', async (w) => w.log.show()),
  ];
}
