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

/**
 * A DiffResult. Every one is made here, with its fields in one order, so that all share one
 * shape: results copied with `{ ...d, … }` had shapes of their own, and the functions reading
 * them were recompiled (V8 deoptimised them on a "wrong map") time after time.
 */
export function diffResult(
  common: number,
  deleted: readonly number[],
  inserted: readonly number[],
  aToB: Int32Array,
): DiffResult {
  return { common, deleted, inserted, aToB };
}

/** The trace of the last diff: step d's diagonals -d..d at [d², (d + 1)²). */
let scratch: Int32Array | undefined;

/** The trace buffer, grown (doubling) to hold at least `size` values, keeping what it holds. */
function traceBuffer(size: number): Int32Array {
  if (scratch && scratch.length >= size) return scratch;
  const grown = new Int32Array(Math.max(size, 2 * (scratch?.length ?? 1024)));
  if (scratch) grown.set(scratch);
  scratch = grown;
  return grown;
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
  // Step d reads only diagonals -d..d of the previous step: keeping just those (2d + 1 values)
  // instead of the whole vector makes the trace O(D²) rather than O(D·maxD), which was most
  // of the cost of long near-identical texts compared under a generous bound. Step d's values
  // start at d² in one buffer, reused from diff to diff (no array per step to allocate).
  // A point on diagonal k is at least |delta - k| edits from the end (diagonal delta): after d
  // edits only the diagonals within max - d of delta can still finish within the bound. Those
  // alone are extended, which halves the work of a diff that fails (or ends near its bound);
  // the ones read from the step before are always among that step's (they are one closer).
  const delta = an - bn;
  let found = -1;
  outer: for (let d = 0; d <= max; d++) {
    const trace = traceBuffer((d + 1) * (d + 1));
    trace.set(v.subarray(offset - d, offset + d + 1), d * d);
    const lo = Math.max(-d, delta - (max - d));
    const hi = Math.min(d, delta + (max - d));
    if (lo > hi) break;
    for (let k = lo + ((lo + d) & 1); k <= hi; k += 2) {
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
  const trace = scratch as Int32Array;
  for (let d = found; d > 0; d--) {
    const at = d * d + d; // diagonal k of step d is at trace[at + k]
    const k = x - y;
    const down =
      k === -d || (k !== d && (trace[at + k - 1] as number) < (trace[at + k + 1] as number));
    const prevK = down ? k + 1 : k - 1;
    const prevX = trace[at + prevK] as number;
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
  return diffResult(n - deleted.length, deleted, inserted, aToB);
}
