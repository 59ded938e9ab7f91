import { describe, expect, it } from 'vitest';
import { UsageError } from '../core/errors.js';
import { clockFromEnv } from './clock.js';

describe('clockFromEnv', () => {
  it('fixes the time to SOURCE_DATE_EPOCH seconds', () => {
    expect(clockFromEnv({ SOURCE_DATE_EPOCH: '1767225600' })().toISOString()).toBe(
      '2026-01-01T00:00:00.000Z',
    );
  });

  it('uses the real clock when it is unset or empty', () => {
    const before = Date.now();
    const now = clockFromEnv({ SOURCE_DATE_EPOCH: '' })().getTime();
    expect(now).toBeGreaterThanOrEqual(before);
    expect(now - before).toBeLessThan(60_000);
  });

  it.each(['-1', '1.5', 'yesterday'])('refuses %s with a usage error', (value) => {
    expect(() => clockFromEnv({ SOURCE_DATE_EPOCH: value })).toThrow(UsageError);
  });
});
