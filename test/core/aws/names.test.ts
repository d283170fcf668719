import * as assert from 'assert';
import fc from 'fast-check';
import { freeName, instanceNames } from '../../../src/core/aws/ec2/names';

describe('Prefilled names and the names of several instances', () => {
  it('prefills the wanted name when free, else the next free one (web-4, lab-elb-2)', () => {
    assert.strictEqual(freeName('web-1', new Set()), 'web-1');
    assert.strictEqual(freeName('web-1', new Set(['web-1', 'web-2', 'web-3'])), 'web-4');
    assert.strictEqual(freeName('web-1', new Set(['web-1', 'web-3'])), 'web-2');
    assert.strictEqual(freeName('lab-elb', new Set(['lab-elb'])), 'lab-elb-2');
    assert.strictEqual(freeName('lab-elb', new Set(['lab-elb', 'lab-elb-2'])), 'lab-elb-3');
  });

  it('names N instances -1..-N, or on from a trailing number', () => {
    assert.deepStrictEqual(instanceNames('tp-web', 1), ['tp-web']);
    assert.deepStrictEqual(instanceNames('tp-web', 3), ['tp-web-1', 'tp-web-2', 'tp-web-3']);
    assert.deepStrictEqual(instanceNames('web-4', 3), ['web-4', 'web-5', 'web-6']);
  });

  it('never prefills a taken name, and N names are N different names (generated)', () => {
    const name = fc.stringMatching(/^[a-z][a-z0-9-]{0,10}$/);
    fc.assert(
      fc.property(name, fc.array(name, { maxLength: 30 }), fc.integer({ min: 1, max: 10 }), (wanted, taken, count) => {
        const set = new Set([...taken, wanted]);
        const free = freeName(wanted, set);
        assert.ok(!set.has(free), `${free} is taken`);
        assert.ok(free.startsWith(wanted.replace(/-?\d+$/, '')), free);
        const names = instanceNames(wanted, count);
        assert.strictEqual(new Set(names).size, count);
      }),
      { seed: 27, numRuns: 500 },
    );
  });
});
