/**
 * Conformance with OSV-SCALIBR's version-ordering vectors (`../shared/corpora/versions`, one
 * `a < b`, `a > b` or `a = b` per line). Every line of every file must pass, in both
 * directions; the suite names N/N per file and skips, saying why, when the corpus is absent.
 */
import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { compare as libraryCompare, valid as libraryValid } from '@renovatebot/pep440';
import { describe, expect, it } from 'vitest';
import { pep440 } from './pep440/index.js';
import { semver } from './semver/index.js';
import type { VersionScheme } from './types.js';

const CORPUS = fileURLToPath(new URL('../../../shared/corpora/versions/', import.meta.url));

interface Vector {
  readonly line: number;
  readonly a: string;
  readonly op: '<' | '>' | '=';
  readonly b: string;
}

const LINE = /^(\S+) ([<>=]) (\S+)$/;

/** The vectors of a file; a line that is neither blank, a comment nor a vector throws. */
function readVectors(file: string): Vector[] {
  const vectors: Vector[] = [];
  readFileSync(file, 'utf8')
    .split('\n')
    .forEach((raw, index) => {
      const text = raw.trim();
      if (text === '' || text.startsWith('#') || text.startsWith('//')) return;
      const m = LINE.exec(text);
      if (m === null) throw new Error(`${file}:${index + 1}: not a vector: ${text}`);
      vectors.push({ line: index + 1, a: m[1]!, op: m[2] as Vector['op'], b: m[3]! });
    });
  return vectors;
}

const EXPECTED: Readonly<Record<Vector['op'], number>> = { '<': -1, '=': 0, '>': 1 };

function misses(scheme: VersionScheme, vectors: readonly Vector[]): string[] {
  const out: string[] = [];
  for (const v of vectors) {
    const want = EXPECTED[v.op];
    const got = scheme.compare(v.a, v.b);
    const back = scheme.compare(v.b, v.a);
    if (got !== want || back !== -want) {
      out.push(`line ${v.line}: ${v.a} ${v.op} ${v.b} (compare gave ${got}, reversed ${back})`);
    }
  }
  return out;
}

const FILES: readonly (readonly [string, VersionScheme])[] = [
  ['semver-versions.txt', semver],
  ['pypi-versions.txt', pep440],
  ['pypi-versions-generated.txt', pep440],
];

const present = existsSync(CORPUS);

(present ? describe : describe.skip)(
  present ? 'version vectors' : `version vectors (skipped: ${CORPUS} is absent)`,
  () => {
    it.each(FILES)('%s: every vector holds', (file, scheme) => {
      const vectors = readVectors(`${CORPUS}${file}`);
      const failed = misses(scheme, vectors);
      const passed = vectors.length - failed.length;
      console.info(`${file}: ${passed}/${vectors.length} vectors pass (${scheme.name})`);
      expect(vectors.length).toBeGreaterThan(0);
      expect(failed).toEqual([]);
    });

    // The PEP 440 library underneath must agree on every vector it accepts: the comparison
    // here only adds exact big numbers and the legacy fallback, never a different order.
    it.each(['pypi-versions.txt', 'pypi-versions-generated.txt'])(
      '%s: @renovatebot/pep440 agrees on the valid PEP 440 vectors',
      (file) => {
        const vectors = readVectors(`${CORPUS}${file}`).filter(
          (v) => libraryValid(v.a) !== null && libraryValid(v.b) !== null,
        );
        const disagree = vectors
          .filter((v) => Math.sign(libraryCompare(v.a, v.b)) !== pep440.compare(v.a, v.b))
          .map((v) => `line ${v.line}: ${v.a} ${v.op} ${v.b}`);
        expect(vectors.length).toBeGreaterThan(0);
        expect(disagree).toEqual([]);
      },
    );
  },
);
