import * as fs from 'fs/promises';
import * as os from 'os';
import * as path from 'path';
import * as vscode from 'vscode';

const TEMPLATE = `# AWS credentials used by EC2 Workbench and the AWS CLI.
# Fill in the keys of an IAM user (IAM console > Users > Security credentials), save,
# then refresh the EC2 Workbench view.
[default]
aws_access_key_id =
aws_secret_access_key =
`;

/** Opens the shared credentials file in an editor, creating it (mode 0600) from a template if missing. */
export async function openCredentialsFile(): Promise<{ uri: vscode.Uri }> {
  const file = process.env.AWS_SHARED_CREDENTIALS_FILE || path.join(os.homedir(), '.aws', 'credentials');
  await fs.mkdir(path.dirname(file), { recursive: true, mode: 0o700 });
  try {
    await fs.writeFile(file, TEMPLATE, { flag: 'wx', mode: 0o600 });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') {
      throw error;
    }
  }
  const uri = vscode.Uri.file(file);
  await vscode.window.showTextDocument(uri);
  return { uri };
}
