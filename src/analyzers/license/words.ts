/**
 * The words the normaliser has met, each kept once as a string with a small integer id.
 *
 * Written by hand because a `Map<string, number>` needs the word as a string before it can look
 * it up: one new string per token, hashed again by every map it meets, was most of the
 * normaliser's time and much of the garbage. This table is looked up with a slice of the text
 * (its bounds and a hash computed while the scanner reads the characters), so a word seen
 * before costs no allocation, and the normaliser hands out the one stored string, whose hash V8
 * keeps, to every later lookup.
 *
 * Bounded: past MAX_WORDS new words are not stored (find() still answers for those that are;
 * the caller keeps its own string for the rest). A table of untrusted input's words must not
 * grow with every file of a long run.
 */

const MAX_WORDS = 1 << 18;
const FNV_OFFSET = 0x811c9dc5 | 0;
const FNV_PRIME = 0x01000193;

/** FNV-1a over UTF-16 code units: the hash the scanner computes character by character. */
export const hashStart = FNV_OFFSET;
export function hashStep(hash: number, code: number): number {
  return Math.imul(hash ^ code, FNV_PRIME);
}

export function hashOf(word: string): number {
  let h = FNV_OFFSET;
  for (let i = 0; i < word.length; i++) h = hashStep(h, word.charCodeAt(i));
  return h;
}

export class WordTable {
  /** The words by id. */
  readonly words: string[] = [];
  constructor(private readonly maxWords = MAX_WORDS) {}
  /**
   * Open addressing, linear probing: per slot a word's hash and its id + 1 (0 where empty), side
   * by side so that a probe reads one cache line.
   */
  private slots = new Int32Array(4096);

  get size(): number {
    return this.words.length;
  }

  /** The id of the word `text.slice(start, end)` (whose hash is `hash`), or -1. */
  find(text: string, start: number, end: number, hash: number): number {
    const mask = (this.slots.length >> 1) - 1;
    const length = end - start;
    for (let s = hash & mask; ; s = (s + 1) & mask) {
      const id = (this.slots[2 * s + 1] as number) - 1;
      if (id < 0) return -1;
      if (this.slots[2 * s] === hash) {
        const word = this.words[id] as string;
        if (word.length === length && sameChars(word, text, start)) return id;
      }
    }
  }

  /** The id of `word`, stored if new; -1 when it is new and the table is full. */
  idOf(word: string, hash = hashOf(word)): number {
    const found = this.find(word, 0, word.length, hash);
    if (found >= 0 || this.words.length >= this.maxWords) return found;
    const id = this.words.length;
    this.words.push(ownCopy(word));
    if (4 * this.words.length > this.slots.length) {
      const old = this.slots;
      this.slots = new Int32Array(old.length * 2);
      for (let s = 0; s < old.length; s += 2)
        if (old[s + 1] !== 0) this.place(old[s] as number, old[s + 1] as number);
    }
    this.place(hash, id + 1);
    return id;
  }

  private place(hash: number, idPlusOne: number): void {
    const mask = (this.slots.length >> 1) - 1;
    let s = hash & mask;
    while (this.slots[2 * s + 1] !== 0) s = (s + 1) & mask;
    this.slots[2 * s] = hash;
    this.slots[2 * s + 1] = idPlusOne;
  }
}

/**
 * `word` in a string of its own. V8 makes a slice of 13 or more characters a view into the
 * string it was cut from: stored so, a word of one file kept that whole file alive for the run
 * (a megabyte per new long word), and the views, read through their parent, made every later
 * comparison with them twice as slow (the scanner's lookups were half the normaliser's time).
 * `join` builds a new flat string.
 */
function ownCopy(word: string): string {
  return word.length < 2 ? word : word.split('').join('');
}

/** Whether `text` has `word`'s characters at `start` (a loop: startsWith was slower here). */
function sameChars(word: string, text: string, start: number): boolean {
  for (let k = 0; k < word.length; k++)
    if (word.charCodeAt(k) !== text.charCodeAt(start + k)) return false;
  return true;
}
