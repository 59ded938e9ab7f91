import { describe, expect, it } from 'vitest';
import { oneLine, parseRetryAfter, retryDelayMs } from './http.js';
import { compareTimestamps } from './timestamps.js';

const NOW = new Date('2026-01-10T12:00:00Z');

describe('parseRetryAfter', () => {
  it.each([
    [null, undefined],
    ['0', 0],
    ['12', 12_000],
    [' 3 ', 3000],
    ['Sat, 10 Jan 2026 12:00:30 GMT', 30_000],
    // A date in the past means "now".
    ['Sat, 10 Jan 2026 11:00:00 GMT', 0],
    ['-5', undefined],
    ['1.5', undefined],
    ['soon', undefined],
    ['2026-01-10', undefined],
  ])('%s → %s ms', (value, expected) => {
    expect(parseRetryAfter(value, NOW)).toBe(expected);
  });
});

describe('retryDelayMs', () => {
  const base = { baseDelayMs: 1000, maxDelayMs: 60_000 };
  it.each([
    // attempt, random, Retry-After, expected
    [1, 0, undefined, 500],
    [1, 0.999999, undefined, 1000],
    [2, 0, undefined, 1000],
    [3, 0.5, undefined, 3000],
    [10, 0, undefined, 30_000],
    [10, 0.999999, undefined, 60_000],
    [1, 0.5, 7000, 7000],
    [1, 0.5, 3_600_000, 60_000],
  ])('attempt %s, random %s, Retry-After %s → %s', (attempt, random, retryAfter, expected) => {
    expect(retryDelayMs(attempt, retryAfter, { ...base, random: () => random })).toBe(expected);
  });
});

describe('compareTimestamps', () => {
  it.each([
    ['2023-03-14T05:47:39Z', '2023-03-14T05:47:39.5Z', -1],
    ['2023-03-14T05:47:39.989396Z', '2023-03-14T05:47:39.989397Z', -1],
    ['2023-03-14T05:47:39.9Z', '2023-03-14T05:47:39.900000Z', 0],
    ['2024-01-01T00:00:00Z', '2023-12-31T23:59:59.999999Z', 1],
    ['yesterday', '2023-03-14T05:47:39Z', undefined],
    ['2023-03-14T05:47:39+01:00', '2023-03-14T05:47:39Z', undefined],
  ])('%s vs %s → %s', (a, b, expected) => {
    expect(compareTimestamps(a, b)).toBe(expected);
  });
});

describe('oneLine', () => {
  it.each([
    ['a\nb\u0007c', 80, 'a b c'],
    ['  padded  ', 80, 'padded'],
    ['abcdefghij', 5, 'abcd…'],
  ])('%j → %j', (text, max, expected) => {
    expect(oneLine(text, max)).toBe(expected);
  });
});

describe('requestJson: a host name that does not resolve', () => {
  it('is not retried (no network: the scan goes on at once), other network errors are', async () => {
    const { requestJson } = await import('./http.js');
    const options = (code: string, calls: { n: number; sleeps: number }) => ({
      fetch: () => {
        calls.n++;
        return Promise.reject(
          new TypeError('fetch failed', {
            cause: Object.assign(new Error(`getaddrinfo ${code} api.osv.dev`), { code }),
          }),
        );
      },
      timeoutMs: 1000,
      maxAttempts: 4,
      maxResponseBytes: 1024,
      userAgent: 'test',
      sleep: () => {
        calls.sleeps++;
        return Promise.resolve();
      },
      random: () => 0.5,
      now: () => NOW,
      baseDelayMs: 1000,
      maxDelayMs: 60_000,
    });
    const dns = { n: 0, sleeps: 0 };
    const a = await requestJson(
      'https://api.osv.dev/v1/vulns/X',
      { method: 'GET' },
      options('ENOTFOUND', dns),
    );
    expect(a).toMatchObject({ ok: false, kind: 'network', attempts: 1 });
    expect(dns).toEqual({ n: 1, sleeps: 0 });
    const refused = { n: 0, sleeps: 0 };
    const b = await requestJson(
      'https://api.osv.dev/v1/vulns/X',
      { method: 'GET' },
      options('ECONNREFUSED', refused),
    );
    expect(b).toMatchObject({ ok: false, kind: 'network', attempts: 4 });
    expect(refused).toEqual({ n: 4, sleeps: 3 });
  });
});
