// Issue #26: text from AWS shown as text. Over generated names, tags and error messages holding
// markdown links, icon syntax, newlines, control and direction-override characters: what the helpers
// return has no link or icon pattern VS Code renders, no control character (plainMessage keeps our own
// line breaks), and keeps every visible character. Fixed seed; EC2WB_FC_RUNS for more cases.
import * as assert from 'assert';
import fc from 'fast-check';
import { plainLabel, plainMessage, plainText } from '../../../src/core/text/plainText';
import { propertyRuns } from '../../support/properties';

const piece = fc.constantFrom(
  '[',
  ']',
  '(',
  ')',
  '](',
  '$(',
  '$(warning)',
  '[Retry](command:workbench.action.terminal.sendSequence?x)',
  '\n',
  '\r',
  '\t',
  '\x00',
  '\x1b[31m',
  '\x7f',
  '\u0085',
  '\u2028',
  '\u202e',
  '\u2066',
  'é',
  '日本',
  '🙂',
  'web-1',
  ' ',
  '*',
  '_',
  '`',
  '<a href="x">',
  '\\',
);
const hostile = fc.oneof(
  fc.string({ unit: 'binary', maxLength: 40 }),
  fc.array(piece, { maxLength: 12 }).map((p) => p.join('')),
);

// eslint-disable-next-line no-control-regex
const CONTROL_BUT_NEWLINE = /[\x00-\x09\x0b-\x1f\x7f-\x9f\u2028\u2029\u202a-\u202e\u2066-\u2069]/;
/** The text a person reads: controls as spaces, invisible characters dropped. */
const readable = (s: string) =>
  // eslint-disable-next-line no-control-regex
  s.replace(/[\x00-\x09\x0b-\x1f\x7f-\x9f\u2028\u2029]/g, ' ').replace(/[\u202a-\u202e\u2066-\u2069\u200b]/g, '');

describe('Text from AWS shown as text, over generated values', () => {
  it('plainMessage leaves no link, icon or control character, keeps line breaks and every visible character', () => {
    fc.assert(
      fc.property(hostile, (text) => {
        const out = plainMessage(text);
        assert.ok(!out.includes(']('), out);
        assert.ok(!out.includes('$('), out);
        assert.ok(!CONTROL_BUT_NEWLINE.test(out), JSON.stringify(out));
        assert.strictEqual(readable(out), readable(text));
      }),
      propertyRuns(2000),
    );
  });

  it('plainText is one line', () => {
    fc.assert(
      fc.property(hostile, (text) => {
        const out = plainText(text);
        assert.ok(!out.includes('\n') && !out.includes(']('), JSON.stringify(out));
        assert.strictEqual(readable(out), readable(text.replace(/\n/g, ' ')));
      }),
      propertyRuns(2000),
    );
  });

  it('plainLabel keeps a leading icon of our own and neutralises any other', () => {
    assert.strictEqual(plainLabel('$(add) Create a new key pair…'), '$(add) Create a new key pair…');
    assert.strictEqual(plainLabel('$(rocket) $(rocket)'), '$(rocket) $\u200b(rocket)');
    fc.assert(
      fc.property(hostile, (text) => {
        const out = plainLabel(`$(key) ${text}`);
        assert.ok(out.startsWith('$(key) ') && !out.slice(7).includes('$(') && !out.includes(']('), out);
      }),
      propertyRuns(1000),
    );
  });
});
