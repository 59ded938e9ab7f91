/**
 * Token-level diff (Myers' O(ND) algorithm, "An O(ND) Difference Algorithm and Its Variations",
 * 1986) over interned token ids. Hand-written because the only need is a bounded edit script on
 * integer arrays, with a hard cap on the edit distance so that a hopeless comparison costs
 * O((N+M)·maxD) and stops; no installed dependency provides that.
 */

/** The edits that turn `a` (the reference) into `b`, in `a`'s coordinates. */
export interface DiffResult {
  /** Tokens common to both (length of the longest common subsequence found). */
  readonly common: number;
  /** Positions of `a` that `b` lacks. */
  readonly deleted: readonly number[];
  /** Gaps of `a` (gap g = before a[g]; g = a.length is the end) where `b` has extra tokens, one entry per token. */
  readonly inserted: readonly number[];
  /** For each position of `a`, the matching position of `b`, or -1. */
  readonly aToB: Int32Array;
}

/** Diffs two token arrays; null when more than `maxD` insertions + deletions are needed. */
export function diffTokens(
  a: ArrayLike<number>,
  b: ArrayLike<number>,
  maxD: number,
): DiffResult | null {
  const n = a.length;
  const m = b.length;
  // Common prefix and suffix are matched without search.
  let pre = 0;
  while (pre < n && pre < m && a[pre] === b[pre]) pre++;
  let suf = 0;
  while (suf < n - pre && suf < m - pre && a[n - 1 - suf] === b[m - 1 - suf]) suf++;
  const an = n - pre - suf;
  const bn = m - pre - suf;
  const aToB = new Int32Array(n).fill(-1);
  for (let i = 0; i < pre; i++) aToB[i] = i;
  for (let i = 0; i < suf; i++) aToB[n - 1 - i] = m - 1 - i;
  const deleted: number[] = [];
  const inserted: number[] = [];
  if (Math.abs(an - bn) > maxD) return null;

  const max = Math.min(an + bn, maxD);
  const offset = max + 1;
  const v = new Int32Array(2 * max + 3);
  const trace: Int32Array[] = [];
  let found = -1;
  outer: for (let d = 0; d <= max; d++) {
    // Step d reads only diagonals -d..d of the previous step: keeping just those (2d + 1 values)
    // instead of the whole vector makes the trace O(D²) rather than O(D·maxD), which was most
    // of the cost of long near-identical texts compared under a generous bound.
    trace.push(v.slice(offset - d, offset + d + 1));
    for (let k = -d; k <= d; k += 2) {
      let x: number;
      if (k === -d || (k !== d && (v[offset + k - 1] as number) < (v[offset + k + 1] as number))) {
        x = v[offset + k + 1] as number;
      } else {
        x = (v[offset + k - 1] as number) + 1;
      }
      let y = x - k;
      while (x < an && y < bn && a[pre + x] === b[pre + y]) {
        x++;
        y++;
      }
      v[offset + k] = x;
      if (x >= an && y >= bn) {
        found = d;
        break outer;
      }
    }
  }
  if (found < 0) return null;

  // Walk the trace backwards to recover the edit script.
  let x = an;
  let y = bn;
  for (let d = found; d > 0; d--) {
    const vd = trace[d] as Int32Array; // diagonal k is at vd[k + d]
    const k = x - y;
    const down = k === -d || (k !== d && (vd[k - 1 + d] as number) < (vd[k + 1 + d] as number));
    const prevK = down ? k + 1 : k - 1;
    const prevX = vd[prevK + d] as number;
    const prevY = prevX - prevK;
    while (x > prevX && y > prevY) {
      x--;
      y--;
      aToB[pre + x] = pre + y;
    }
    if (down) inserted.push(pre + x);
    else deleted.push(pre + prevX);
    x = prevX;
    y = prevY;
  }
  while (x > 0 && y > 0) {
    x--;
    y--;
    aToB[pre + x] = pre + y;
  }
  return { common: n - deleted.length, deleted, inserted, aToB };
}
