// Entry point of the French run: the extension host of a VS Code whose display language is French.
import { runMochaSuite } from '../support/mochaSuite';

export function run(): Promise<void> {
  return runMochaSuite(__dirname);
}
