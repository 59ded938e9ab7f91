/**
 * Is a JavaScript file minified or obfuscated? Heuristics on the text only (nothing is parsed
 * or run), each with a threshold that real minifiers and obfuscators cross and hand-written
 * code does not. Written by hand: no maintained npm library classifies this statically.
 *
 * - minified: long lines (mean line length over 300 characters on a file of 2 KB or more),
 *   as terser/esbuild/uglify output is;
 * - obfuscated: what javascript-obfuscator and similar tools leave behind: many `_0x1a2b`-style
 *   identifiers, long runs of `\xNN` / `\uNNNN` escapes, or a large string handed to `eval` /
 *   `Function` / `atob`-decoded code. Minified code alone is not obfuscated.
 */

/** What the heuristics saw. */
export interface ScriptTraits {
  readonly minified: boolean;
  readonly obfuscated: boolean;
  /** Why, one short phrase per signal that fired. */
  readonly reasons: readonly string[];
}

/** Bytes of a file looked at: the signals show in the first part of a file. */
export const MAX_SCRIPT_BYTES = 512 * 1024;

const HEX_IDENTIFIER = /\b_0x[0-9a-f]{4,6}\b/gi;
const ESCAPE_RUN = /(?:\\x[0-9a-f]{2}|\\u[0-9a-f]{4}){20,}/gi;
const DYNAMIC_CODE = /\b(?:eval|Function)\s*\(\s*(?:atob\s*\(|["'`][^"'`]{200,})/;

/** Classify a script's text (at most {@link MAX_SCRIPT_BYTES} of it). */
export function scriptTraits(text: string): ScriptTraits {
  const sample = text.length > MAX_SCRIPT_BYTES ? text.slice(0, MAX_SCRIPT_BYTES) : text;
  const reasons: string[] = [];
  const lines = sample.split('\n');
  const mean = sample.length / Math.max(1, lines.length);
  const minified = sample.length >= 2048 && mean > 300;
  if (minified) reasons.push(`minified: mean line length ${Math.round(mean)} characters`);
  const hexIds = new Set(sample.match(HEX_IDENTIFIER) ?? []).size;
  let obfuscated = false;
  if (hexIds >= 20) {
    obfuscated = true;
    reasons.push(`obfuscated: ${hexIds} distinct _0x… identifiers`);
  }
  const escapes = sample.match(ESCAPE_RUN)?.length ?? 0;
  if (escapes >= 3) {
    obfuscated = true;
    reasons.push(`obfuscated: ${escapes} long runs of \\x/\\u escapes`);
  }
  if (DYNAMIC_CODE.test(sample)) {
    obfuscated = true;
    reasons.push('obfuscated: eval/Function of a long or decoded string');
  }
  return { minified, obfuscated, reasons };
}
