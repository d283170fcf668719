// Issue #27: tooltips never split words. VS Code's MarkdownString.appendText turns every space into
// `&nbsp;`, so a long tooltip sentence has no place to break and the hover cuts it inside words
// ("répartiteurs de ch arge", "public I Pv4"). markdownOfText escapes the same Markdown and HTML but
// keeps spaces breakable. Over generated sentences (accents, Markdown and HTML tokens, links, icons,
// several spaces, line breaks), rendered by a CommonMark renderer (markdown-it, the one vsce uses):
// the text read is the text given, no link, image or tag appears, and the only places a line can
// break are the spaces between the words. Fixed seed; EC2WB_FC_RUNS for more cases.
import * as assert from 'assert';
import fc from 'fast-check';
import { markdownOfText, plainMessage } from '../../../src/core/text/plainText';
import { propertyRuns } from '../../support/properties';

// eslint-disable-next-line @typescript-eslint/no-require-imports
const MarkdownIt = require('markdown-it') as new (options: object) => { render(src: string): string };
// As VS Code's hover: no raw HTML, links only where the Markdown writes them.
const markdown = new MarkdownIt({ html: false, linkify: false });

const letter = fc.constantFrom(...'abcdeéèàçIPvx0123456789日本🙂'.split(''), ...'\\`*_{}[]()#+!~<>&|=.-:;/$%"\''.split(''));
const word = fc.oneof(
  fc.array(letter, { minLength: 1, maxLength: 12 }).map((l) => l.join('')),
  fc.constantFrom(
    'répartiteurs',
    'charge',
    'IPv4',
    '$0.0116/h',
    '[x](command:y)',
    '$(warning)',
    '<b>',
    '&nbsp;',
    '1.',
    '-',
    '#',
    '>',
    '===',
  ),
);
const gap = fc.constantFrom(' ', ' ', ' ', '  ', '\n');
const sentence = fc
  .tuple(word, fc.array(fc.tuple(gap, word), { maxLength: 20 }))
  .map(([first, rest]) => first + rest.map(([g, w]) => g + w).join(''));

/** The text of the rendered HTML, with its non-breaking spaces marked (they are not break opportunities). */
function renderedText(html: string): string {
  return html
    .replace(/<br\s*\/?>/g, '\n')
    .replace(/<\/?p>/g, '\n')
    .replace(/&nbsp;|\u00a0/g, '\u00a0')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&amp;/g, '&');
}

describe('Tooltip text as Markdown, over generated sentences', () => {
  it('renders as the same text, with no link, image or tag, and breaks lines only between words', () => {
    fc.assert(
      fc.property(sentence, (text) => {
        const html = markdown.render(markdownOfText(text));
        assert.ok(!/<(?!\/?p>|br\s*\/?>)/.test(html), `only paragraphs and line breaks: ${html}`);
        const read = renderedText(html);
        const expected = plainMessage(text);
        // What a person reads: the same characters (an invisible U+200B may break a link pattern).
        const visible = (s: string) =>
          s
            .replace(/\u200b/g, '')
            .replace(/[\s\u00a0]+/g, ' ')
            .trim();
        assert.strictEqual(visible(read), visible(expected), html);
        // The break opportunities: the plain spaces and line breaks. Between them, whole words only.
        const pieces = read
          .replace(/\u200b/g, '')
          .split(/[ \n]+/)
          .filter(Boolean);
        const words = expected
          .replace(/\u200b/g, '')
          .split(/\s+/)
          .filter(Boolean);
        assert.deepStrictEqual(
          pieces.map((p) => p.replace(/^\u00a0+|\u00a0+$/g, '')).filter(Boolean),
          words,
          `${JSON.stringify(text)} -> ${JSON.stringify(markdownOfText(text))}`,
        );
        assert.ok(!pieces.some((p) => /\S\u00a0+\S/.test(p)), `no word joined to another by a non-breaking space: ${JSON.stringify(read)}`);
      }),
      propertyRuns(1500),
    );
  });

  it('the French sentence of the status bar tooltip keeps "répartiteurs de charge" and "IPv4" whole', () => {
    const text =
      "Ce qui tourne dans les 2 régions affichées : instances, volumes, répartiteurs de charge et adresses IPv4 publiques, aux prix catalogue d'AWS.";
    const html = markdown.render(markdownOfText(text));
    assert.ok(html.includes('répartiteurs de charge') && html.includes('adresses IPv4 publiques'), html);
    assert.ok(!html.includes('&nbsp;'), html);
  });
});
