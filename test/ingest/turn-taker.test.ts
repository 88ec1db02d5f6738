import { describe, expect, it } from 'vitest';
import { createTurnTaker } from '../../src/ingest.ts';

const busy = (ms: number) => { const until = performance.now() + ms; while (performance.now() < until) { /* work */ } };

describe('turn taker', () => {
  it('should apply in order, several per turn, yet let the event loop in between slices', async () => {
    const inTurn = createTurnTaker(4);
    const done: number[] = [];
    let otherRanAfter = -1;
    const all = Array.from({ length: 40 }, (_, i) => inTurn(() => { busy(1); done.push(i); return i; }));
    // Queued after the 40: it runs once the first slice (about four of them) yields, long before the last.
    setImmediate(() => setImmediate(() => (otherRanAfter = done.length)));
    expect(await Promise.all(all)).toEqual(Array.from({ length: 40 }, (_, i) => i));
    expect(done).toEqual(Array.from({ length: 40 }, (_, i) => i));
    expect(otherRanAfter).toBeGreaterThan(0);
    expect(otherRanAfter).toBeLessThan(40);
  });

  it('should apply many quick ones in few turns, and pass a throw to its caller only', async () => {
    const inTurn = createTurnTaker(4);
    let turns = 0;
    const counting = () => { turns++; if (!settled) setImmediate(counting); };
    let settled = false;
    setImmediate(counting);
    const results = await Promise.allSettled(Array.from({ length: 1000 }, (_, i) => inTurn(() => { if (i === 500) throw new Error('bad file'); return i; })));
    settled = true;
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(999);
    expect((results[500] as PromiseRejectedResult).reason.message).toBe('bad file');
    // One turn each would be a thousand turns.
    expect(turns).toBeLessThan(20);
  });
});
