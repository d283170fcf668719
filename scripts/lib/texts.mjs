// The extension's own texts, per display language, read from its bundles (package.nls*.json and
// l10n/bundle.l10n*.json): what the scenes and the sandbox run-through look for on screen. A text the
// bundles no longer hold throws here, by name, instead of a scene timing out on a stale copy.
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';

const ROOT = resolve(import.meta.dirname, '..', '..');
const json = (file) => JSON.parse(readFileSync(join(ROOT, file), 'utf8'));
const sources = {
  en: { strings: json('l10n/bundle.l10n.json'), nls: json('package.nls.json') },
  fr: { strings: json('l10n/bundle.l10n.fr.json'), nls: json('package.nls.fr.json') },
};

/** The texts of one display language. */
export function textsOf(language) {
  const { strings, nls } = sources[language];
  const english = sources.en.strings;
  const message = (key) => {
    if (!(key in english)) {
      throw new Error(`l10n/bundle.l10n.json has no string ${JSON.stringify(key)}`);
    }
    const value = language === 'en' ? english[key] : strings[key];
    const text = typeof value === 'object' && value !== null ? value.message : value;
    if (typeof text !== 'string') {
      throw new Error(`l10n/bundle.l10n.${language}.json has no translation of ${JSON.stringify(key)}`);
    }
    return text;
  };
  /** The string as shown: `{n}` filled from `args`, a leading `$(icon)` left out. */
  const fill = (text, args) => text.replace(/\{(\d+)\}/g, (_, n) => String(args[Number(n)])).replace(/^\$\([^)]*\)\s*/, '');
  const t = (key, ...args) => fill(message(key), args);
  /** The string up to its first placeholder not filled from `args` (the part a person reads first). */
  const upTo = (key, ...args) => {
    const text = message(key);
    const open = [...text.matchAll(/\{(\d+)\}/g)].find((m) => args[Number(m[1])] === undefined);
    return fill(open ? text.slice(0, open.index) : text, args);
  };
  /** The longest run of the string without a placeholder: what is sure to be on screen, whatever the values. */
  const part = (key) =>
    message(key)
      .replace(/^\$\([^)]*\)\s*/, '')
      .split(/\{\d+\}/)
      .reduce((a, b) => (b.trim().length > a.trim().length ? b : a), '')
      .trim();
  /** A command as the palette shows it: category and title, without the trailing "...". */
  const command = (id) => {
    const title = nls[`command.${id}`];
    if (typeof title !== 'string') {
      throw new Error(`package.nls${language === 'en' ? '' : `.${language}`}.json has no command.${id}`);
    }
    return `EC2: ${title.replace(/(\.\.\.|…)$/, '')}`;
  };
  const manifest = (key) => {
    if (typeof nls[key] !== 'string') {
      throw new Error(`package.nls${language === 'en' ? '' : `.${language}`}.json has no ${key}`);
    }
    return nls[key];
  };
  return { t, upTo, part, command, manifest };
}
