// Text from AWS (names, tags, key names, AMI names, DNS names, error messages, server headers) is
// written by anyone in the account. Shown in a notification, a progress title, a QuickPick or a tree
// label it must read as text: VS Code turns `[label](command:…)` into a link that runs a command and
// `$(name)` into an icon. These helpers break both patterns with an invisible zero-width space
// (U+200B) and turn control and direction-override characters into spaces, keeping every visible
// character. No `vscode` import: the error funnel and the core use them alike.

const ZWSP = '\u200b';
// C0 and C1 controls except \n, and the Unicode line/paragraph separators.
// eslint-disable-next-line no-control-regex
const CONTROLS = /[\x00-\x09\x0b-\x1f\x7f-\x9f\u2028\u2029]/g;
// Bidirectional overrides and isolates (make text read in another order than it is stored).
const BIDI = /[\u202a-\u202e\u2066-\u2069]/g;

/** A whole message: our own line breaks kept; links, icons, controls neutralised. */
export function plainMessage(text: string): string {
  return text.replace(CONTROLS, ' ').replace(BIDI, '').replace(/\]\(/g, `]${ZWSP}(`).replace(/\$\(/g, `$${ZWSP}(`);
}

/** One value from AWS, on one line: as plainMessage, and line breaks become spaces. */
export function plainText(value: string): string {
  return plainMessage(value.replace(/\n/g, ' '));
}

/** A QuickPick or tree label: a leading `$(icon) ` of our own is kept, any other is neutralised. */
export function plainLabel(label: string): string {
  const icon = /^\$\([a-z0-9-]+(~[a-z0-9-]+)?\) /.exec(label)?.[0] ?? '';
  return icon + plainText(label.slice(icon.length));
}

/**
 * Text as Markdown that renders as exactly that text (tooltips): every Markdown and HTML token is
 * escaped, as VS Code's MarkdownString.appendText does, but spaces stay spaces. appendText turns
 * each space into `&nbsp;`, so a tooltip's sentence has nowhere to break and the hover cuts it
 * inside words ("répartiteurs de ch arge", "public I Pv4"); here a line breaks only between words.
 * A run of spaces keeps its first one breakable, the others as `&nbsp;`; a line break stays one.
 */
export function markdownOfText(text: string): string {
  return plainMessage(text)
    .replace(/[\\`*_{}[\]()#+!~<>&|=.-]/g, '\\$&')
    .replace(/ {2,}/g, (run) => ` ${'&nbsp;'.repeat(run.length - 1)}`)
    .replace(/\t/g, '&nbsp;')
    .replace(/^ /gm, '&nbsp;')
    .replace(/\n/g, '  \n');
}
