// Entry point the extension host loads (extensionTestsPath): runs every *.test.js beside it.
import { runMochaSuite } from '../../support/mochaSuite';

export function run(): Promise<void> {
  return runMochaSuite(__dirname);
}
