// The activation entry's reminder check (labInstancesAtStartup.ts) reads the state labInstances.ts
// writes, under the same key, without importing it (the activation bundle holds nothing else).
import * as assert from 'assert';
import { LAB_INSTANCES_KEY, pruneRegion, recordLaunch } from '../../../src/core/aws/ec2/labInstances';
import { hasLabInstances } from '../../../src/core/aws/ec2/labInstancesAtStartup';

class Memento {
  readonly values = new Map<string, unknown>();
  get<T>(key: string): T | undefined {
    return this.values.get(key) as T | undefined;
  }
  update(key: string, value: unknown): Thenable<void> {
    this.values.set(key, value);
    return Promise.resolve();
  }
}

describe('Start-up reminder check', () => {
  it('sees what a launch records, under the same key, and nothing once every instance is gone', async () => {
    const state = new Memento();
    assert.strictEqual(hasLabInstances(state), false, 'nothing ever launched');
    await recordLaunch(state, 'default', 'eu-west-3', ['i-0123456789abcdef0']);
    assert.deepStrictEqual([...state.values.keys()], [LAB_INSTANCES_KEY]);
    assert.strictEqual(hasLabInstances(state), true);
    await recordLaunch(state, 'lab', 'us-east-1', ['i-0123456789abcdef1']);
    await pruneRegion(state, 'default', 'eu-west-3', new Set());
    assert.strictEqual(hasLabInstances(state), true, 'another profile still has one');
    await pruneRegion(state, 'lab', 'us-east-1', new Set());
    assert.strictEqual(hasLabInstances(state), false, 'all terminated');
  });
});
