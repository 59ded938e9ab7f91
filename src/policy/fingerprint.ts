import { createHash } from 'node:crypto';

/**
 * A finding's fingerprint: the same problem in the same place gets the same value in every run
 * (rule id and what identifies the place, never line numbers or times), so CI systems can tell
 * new findings from known ones.
 */
export function fingerprint(...parts: readonly string[]): string {
  return createHash('sha256').update(parts.join('\u0000')).digest('hex').slice(0, 32);
}
