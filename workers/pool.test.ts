import { describe, expect, it } from 'vitest';
import { createWorkerPool } from './pool.ts';

const fixture = new URL('./crash-task.fixture.ts', import.meta.url);

describe('createWorkerPool', () => {
  it('runs a TypeScript task file and rejects, without hanging, when a task throws or its thread dies', async () => {
    const pool = createWorkerPool(fixture, 2);
    try {
      expect(await pool.run<string>('hello')).toBe('hello');
      await expect(pool.run('throw')).rejects.toThrow(/^worker task crash-task\.fixture\.ts failed: task failed on purpose$/);
      await expect(pool.run('exit')).rejects.toThrow(/^worker task crash-task\.fixture\.ts failed: /);
      // The pool replaces the dead thread and keeps working.
      expect(await pool.run<string>('again')).toBe('again');
    } finally {
      await pool.destroy();
    }
    await expect(pool.run('late')).rejects.toThrow(/already destroyed/);
  });

  it('refuses a thread count that is not a positive integer', () => {
    expect(() => createWorkerPool(fixture, 0)).toThrow(/threads must be a positive integer, got 0/);
  });
});
