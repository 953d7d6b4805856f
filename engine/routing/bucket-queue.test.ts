import { describe, expect, it } from 'vitest';
import { mulberry32 } from '../util/random.ts';
import { BucketQueue } from './bucket-queue.ts';

describe('BucketQueue', () => {
  it('pops ids bucket by bucket, lowered keys in their new bucket, and clears for the next search', () => {
    const q = new BucketQueue(100);
    const r = mulberry32(3);
    for (let round = 0; round < 3; round++) {
      q.reset(1000, 1, 50);
      const key = new Float64Array(100);
      for (let id = 0; id < 100; id++) {
        key[id] = 1000 + r() * 40;
        q.push(id, key[id]);
      }
      // lower a few keys (decrease-key)
      for (let id = 0; id < 100; id += 7) {
        key[id] -= 5 * r();
        key[id] = Math.max(1000, key[id]);
        q.push(id, key[id]);
      }
      expect(q.size).toBe(100);
      let lastBucket = -1;
      for (let i = 0; i < 60; i++) {
        const id = q.pop();
        const b = Math.floor(key[id] - 1000);
        expect(b).toBe(q.bucket);
        expect(b).toBeGreaterThanOrEqual(lastBucket);
        expect(q.has(id)).toBe(false);
        lastBucket = b;
      }
      // what is left is dropped by the next reset
      expect(q.size).toBe(40);
    }
  });
});
