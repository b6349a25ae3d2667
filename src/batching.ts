// Many small writes made into few transactions: callers ask one item at a time and get their own
// answer, while the items are written in batches. One batch is written at a time; what arrives
// meanwhile waits for it and goes in the next, so batches grow with the load on their own (past
// maxBatch, the overflow is a batch of its own, written beside the next one). With
// nothing in flight an item is written on the next turn of the event loop: no added delay when
// idle, and under load a round trip per batch instead of a transaction per item.
import DataLoader from 'dataloader';

export interface Batcher<Item, Answer> {
  /** Resolves with this item's answer; rejects with the batch's error when its transaction failed. */
  add(item: Item): Promise<Answer>;
}

/**
 * `write` takes a batch and answers each item in order (an Error in an item's place fails that
 * item alone). `maxBatch` bounds a transaction's size, and so how long it holds its locks.
 */
export function createBatcher<Item, Answer>(write: (items: readonly Item[]) => Promise<readonly (Answer | Error)[]>, maxBatch: number): Batcher<Item, Answer> {
  let previous: Promise<unknown> = Promise.resolve();
  const loader = new DataLoader<Item, Answer>((items) => {
    const written = write(items);
    // The next batch starts when this one has ended, either way (its callers see the failure).
    previous = written.catch(() => undefined);
    return written;
  }, {
    // Items are never answered from a cache: each is a write of its own.
    cache: false,
    maxBatchSize: maxBatch,
    batchScheduleFn: (dispatch) => {
      void previous.then(() => setImmediate(dispatch));
    },
  });
  return { add: (item) => loader.load(item) };
}
