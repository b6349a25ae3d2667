import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { createBatcher } from './batching.ts';

describe('createBatcher', () => {
  it('writes what is asked in one turn as one batch, each caller getting its own answer', async () => {
    const batches: number[][] = [];
    const doubled = createBatcher<number, number>(async (items) => { batches.push([...items]); return items.map((n) => n * 2); }, 100);
    assert.deepEqual(await Promise.all([1, 2, 3].map((n) => doubled.add(n))), [2, 4, 6]);
    assert.deepEqual(batches, [[1, 2, 3]]);
  });

  it('gathers what arrives while a batch is written into the next one', async () => {
    const batches: number[][] = [];
    let release = (): void => undefined;
    const gate = new Promise<void>((resolve) => { release = resolve; });
    const b = createBatcher<number, number>(async (items) => {
      batches.push([...items]);
      if (batches.length === 1) await gate;
      return [...items];
    }, 100);
    const first = b.add(1);
    await new Promise((resolve) => setImmediate(resolve));
    await new Promise((resolve) => setImmediate(resolve));
    assert.deepEqual(batches, [[1]], 'the first batch is being written');
    const later = [b.add(2), b.add(3)];
    await new Promise((resolve) => setTimeout(resolve, 5));
    const more = b.add(4);
    assert.equal(batches.length, 1, 'nothing else is written while the first batch is');
    release();
    assert.deepEqual(await Promise.all([first, ...later, more]), [1, 2, 3, 4]);
    assert.deepEqual(batches, [[1], [2, 3, 4]]);
  });

  it('bounds a batch, fails a whole batch with its error, and one item with its own', async () => {
    const batches: number[][] = [];
    const b = createBatcher<number, number>(async (items) => {
      batches.push([...items]);
      if (items.includes(13)) throw new Error('the transaction failed');
      return items.map((n) => (n === 7 ? new Error('seven is refused') : n));
    }, 2);
    const results = await Promise.allSettled([5, 7, 13, 14].map((n) => b.add(n)));
    assert.deepEqual(batches, [[5, 7], [13, 14]]);
    assert.deepEqual(results.map((r) => (r.status === 'fulfilled' ? r.value : (r.reason as Error).message)),
      [5, 'seven is refused', 'the transaction failed', 'the transaction failed']);
    assert.equal(await b.add(1), 1, 'a failed batch does not stop the next');
  });
});
