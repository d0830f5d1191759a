import { batchOf, EventBatcher } from './event-batch';

const tick = () => new Promise((resolve) => setImmediate(resolve));

describe('EventBatcher', () => {
  it('puts what arrived together in one batch, and what comes while it runs in the next, in order', async () => {
    const batches: number[][] = [];
    let release!: () => void;
    const batcher = new EventBatcher<number>({ maxEvents: 10, lingerMs: 0 }, async (items) => {
      batches.push(items);
      if (batches.length === 1) await new Promise<void>((resolve) => (release = resolve));
    });
    await batcher.add(1);
    await batcher.add(2);
    await tick();
    await batcher.add(3); // arrives while the first batch runs
    await batcher.add(4);
    release();
    await batcher.idle();
    expect(batches).toEqual([
      [1, 2],
      [3, 4],
    ]);
  });

  it('caps a batch at maxEvents and holds the caller while a full batch waits', async () => {
    const batches: number[][] = [];
    let release!: () => void;
    const gate = new Promise<void>((resolve) => (release = resolve));
    const batcher = new EventBatcher<number>({ maxEvents: 3, lingerMs: 0 }, async (items) => {
      batches.push(items);
      await gate;
    });
    let returned = 0;
    const adds = [1, 2, 3, 4, 5, 6, 7].map((n) => batcher.add(n).then(() => returned++));
    await tick();
    await tick();
    expect(batches).toEqual([[1, 2, 3]]);
    expect(returned).toBe(2); // four wait behind the running batch: a full batch is still pending
    release();
    await Promise.all(adds);
    await batcher.idle();
    expect(batches).toEqual([[1, 2, 3], [4, 5, 6], [7]]);
  });

  it('lingers for more events when asked to', async () => {
    jest.useFakeTimers();
    try {
      const batches: number[][] = [];
      const batcher = new EventBatcher<number>(batchOf({ lingerMs: 100 }).batch, async (items) => {
        batches.push(items);
      });
      await batcher.add(1);
      jest.advanceTimersByTime(50);
      await batcher.add(2);
      expect(batches).toEqual([]);
      jest.advanceTimersByTime(50);
      await batcher.idle();
      expect(batches).toEqual([[1, 2]]);
    } finally {
      jest.useRealTimers();
    }
  });

  it('defaults to 256 events and no linger', () => {
    expect(batchOf()).toEqual({ batch: { maxEvents: 256, lingerMs: 0 } });
  });
});
