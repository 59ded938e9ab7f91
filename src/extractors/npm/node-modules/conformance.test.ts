/**
 * Conformance, derived: the corpus has no installed trees, so each package-lock v2/v3 case
 * (OSV-SCALIBR's test lockfiles) is installed the way npm would lay it out: one folder with a
 * package.json per `packages` entry, links for `link: true` entries and for folders outside
 * node_modules, and the lockfile itself as the hidden lockfile. The installed view must then
 * report the same (name, version) pairs as the expectations, the same commits, and the same
 * groups wherever a pair sits at one place only (SCALIBR merges duplicates its own way).
 * The case that picks between package-lock.json and npm-shrinkwrap.json is skipped too.
 * v1 lockfiles are skipped: they record no folder layout for git packages (their `version`
 * is the git URL), so no tree can be built from them faithfully.
 */
import { existsSync, readFileSync } from 'node:fs';
import { mkdir, rm, symlink, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, expect, it } from 'vitest';
import type { PackageRecord } from '../../../core/extractor.js';
import {
  type ConformanceCase,
  corpusPath,
  describeCorpus,
  loadCases,
} from '../../../testing/conformance.js';
import { runExtractor, tempTree } from '../../../testing/extract.js';
import { extractor } from './index.js';

type LockPackage = Record<string, unknown> & {
  name?: string;
  version?: string;
  link?: boolean;
  resolved?: string;
};

function treeCases(): {
  title: string;
  expected: ConformanceCase;
  lock: { packages: Record<string, LockPackage> };
}[] {
  const cases = [];
  for (const expected of loadCases('packagelockjson')) {
    if (expected.expectError === true) continue;
    // This case tests which of two lockfiles npm reads (the shrinkwrap wins); a tree has no such choice.
    if (expected.file === 'packagelockjson/both/package-lock.json') continue;
    const lock = JSON.parse(readFileSync(corpusPath(expected.file), 'utf8')) as {
      packages?: Record<string, LockPackage>;
    };
    if (typeof lock.packages !== 'object' || lock.packages === null) continue; // v1: see above
    cases.push({
      title: `${expected.case} (${expected.file})`,
      expected,
      lock: { packages: lock.packages },
    });
  }
  return cases;
}

const roots: string[] = [];
afterAll(async () => {
  await Promise.all(roots.map((r) => rm(r, { recursive: true, force: true })));
});

function folderName(key: string): string {
  const at = key.lastIndexOf('node_modules/');
  return at < 0 ? path.posix.basename(key) : key.slice(at + 'node_modules/'.length);
}

const MANIFEST_FIELDS = [
  'dependencies',
  'optionalDependencies',
  'peerDependencies',
  'peerDependenciesMeta',
  'devDependencies',
  'license',
  'workspaces',
];

/** Lay out the tree npm would install from a lockfile's `packages`. */
async function install(
  packages: Record<string, LockPackage>,
  withHiddenLock: boolean,
): Promise<string> {
  const root = await tempTree({});
  roots.push(root);
  await mkdir(path.join(root, 'node_modules'));
  const rootEntry = packages[''] ?? {};
  const manifest = (entry: LockPackage, name: string | undefined, includeDev: boolean): string =>
    JSON.stringify({
      ...(name !== undefined ? { name } : {}),
      ...(entry.version !== undefined ? { version: entry.version } : {}),
      ...Object.fromEntries(
        MANIFEST_FIELDS.filter(
          (f) => entry[f] !== undefined && (includeDev || f !== 'devDependencies'),
        ).map((f) => [f, entry[f]]),
      ),
    });
  await writeFile(
    path.join(root, 'package.json'),
    manifest(rootEntry, rootEntry.name ?? 'root', true),
  );
  const linked = new Set<string>();
  for (const [key, entry] of Object.entries(packages)) {
    if (key === '' || key.split('/').includes('..')) continue;
    const abs = path.join(root, key);
    await mkdir(path.dirname(abs), { recursive: true });
    if (entry.link === true && typeof entry.resolved === 'string') {
      linked.add(entry.resolved);
      await symlink(path.relative(path.dirname(abs), path.join(root, entry.resolved)), abs);
      continue;
    }
    await mkdir(abs, { recursive: true });
    const isTop = !key.includes('node_modules/');
    await writeFile(
      path.join(abs, 'package.json'),
      manifest(entry, entry.name ?? folderName(key), isTop),
    );
  }
  // A folder outside node_modules that no link names (a `file:` directory dependency): npm links it.
  for (const [key, entry] of Object.entries(packages)) {
    if (
      key === '' ||
      key.includes('node_modules/') ||
      linked.has(key) ||
      key.split('/').includes('..')
    )
      continue;
    const link = path.join(root, 'node_modules', entry.name ?? path.posix.basename(key));
    if (existsSync(link)) continue;
    await mkdir(path.dirname(link), { recursive: true });
    await symlink(path.relative(path.dirname(link), path.join(root, key)), link);
  }
  if (withHiddenLock) {
    await writeFile(
      path.join(root, 'node_modules/.package-lock.json'),
      JSON.stringify({ lockfileVersion: 3, packages }),
    );
  }
  return root;
}

function pairs(records: readonly PackageRecord[]): string[] {
  return [...new Set(records.map((r) => `${r.name}@${r.version ?? ''}`))].sort();
}

describeCorpus(
  'npm/node-modules conformance (trees installed from package-lock v2/v3 cases)',
  () => {
    const cases = treeCases();

    it('found the cases', () => {
      expect(cases.length).toBeGreaterThan(10);
    });

    it.each(cases)('$title, with the hidden lockfile', async ({ expected, lock }) => {
      const root = await install(lock.packages, true);
      const { packages } = await runExtractor(extractor, root, 'node_modules');
      const want = expected.packages ?? [];
      expect(pairs(packages)).toEqual(
        [...new Set(want.map((p) => `${p.name}@${p.version}`))].sort(),
      );
      for (const p of want) {
        const matches = packages.filter(
          (r) => r.name === p.name && (r.version ?? '') === p.version,
        );
        if (p.commit !== undefined)
          expect(matches.map((r) => r.source?.commit)).toContain(p.commit);
        if (p.depGroups !== undefined && matches.length === 1) {
          expect([...(matches[0]?.groups ?? [])].sort(), `${p.name}@${p.version}`).toEqual(
            [...p.depGroups].sort(),
          );
        }
      }
    });

    it.each(cases)('$title, from the disk alone', async ({ expected, lock }) => {
      const root = await install(lock.packages, false);
      const { packages } = await runExtractor(extractor, root, 'node_modules');
      expect(pairs(packages)).toEqual(
        [...new Set((expected.packages ?? []).map((p) => `${p.name}@${p.version}`))].sort(),
      );
    });
  },
);
