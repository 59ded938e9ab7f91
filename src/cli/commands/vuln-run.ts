/**
 * The work of `openvet vuln match`, loaded only when the command runs.
 */
import { PackageURL } from 'packageurl-js';
import {
  matchAdvisories,
  smallestFixingAll,
  type PackageVersion,
} from '../../analyzers/vulns/match/index.js';
import { advisoryDataKey, storeAdvisorySource } from '../../analyzers/vulns/source.js';
import { InputError, UsageError } from '../../core/errors.js';
import { readAll, type CliIo } from '../io.js';
import type { VulnMatchFlags } from './vuln.js';

/** One line of the JSON output. */
export interface VulnMatchEntry {
  readonly purl: string;
  readonly ids: readonly string[];
  readonly aliases: readonly string[];
  readonly severity: string | null;
  readonly fixed: string | null;
  readonly error?: string;
}

/** purl type → OSV ecosystem. */
const ECOSYSTEMS: Readonly<Record<string, string>> = {
  npm: 'npm',
  pypi: 'PyPI',
  golang: 'Go',
  cargo: 'crates.io',
};
const RATINGS = ['none', 'low', 'medium', 'high', 'critical'];
/** Most purls read from stdin. */
const MAX_PURLS = 1_000_000;

/** The package a purl names, or the reason it cannot be matched. */
export function packageOfPurl(purl: string): PackageVersion | { error: string } {
  let parsed: PackageURL;
  try {
    parsed = PackageURL.fromString(purl);
  } catch (error) {
    return { error: `not a package URL: ${(error as Error).message}` };
  }
  const ecosystem = ECOSYSTEMS[parsed.type];
  if (ecosystem === undefined)
    return {
      error: `unsupported purl type "${parsed.type}" (supported: npm, pypi, golang, cargo)`,
    };
  if (!parsed.version) return { error: 'the purl has no version' };
  const name = parsed.namespace ? `${parsed.namespace}/${parsed.name}` : parsed.name;
  return { ecosystem, name, version: parsed.version };
}

/** Runs `openvet vuln match`. */
export async function runVulnMatch(
  args: readonly string[],
  flags: VulnMatchFlags,
  io: CliIo,
): Promise<void> {
  const purls: string[] = [];
  for (const arg of args) {
    if (arg !== '-') {
      purls.push(arg);
      continue;
    }
    const text = await readAll(io.stdin ?? process.stdin);
    for (const line of text.split('\n')) {
      const trimmed = line.trim();
      if (trimmed !== '' && purls.length < MAX_PURLS) purls.push(trimmed);
    }
  }
  if (purls.length === 0)
    throw new UsageError(
      'give package URLs (e.g. pkg:pypi/django@3.2.0), or "-" to read them from stdin',
    );
  const { openSqliteStore, resolveDbPath } = await import('../../store/index.js');
  const store = await openSqliteStore(resolveDbPath(flags.db, io.env));
  const entries: VulnMatchEntry[] = [];
  try {
    const parsed = purls.map((purl) => ({ purl, pkg: packageOfPurl(purl) }));
    // One batched lookup for every purl, as a scan does.
    const data = await storeAdvisorySource(store).lookup(
      parsed.flatMap(({ pkg }) => ('error' in pkg ? [] : [pkg])),
    );
    for (const { purl, pkg } of parsed) {
      if ('error' in pkg) {
        entries.push({ purl, ids: [], aliases: [], severity: null, fixed: null, error: pkg.error });
        continue;
      }
      const records = data.records.get(advisoryDataKey(pkg)) ?? [];
      const { matches } = matchAdvisories(pkg, records);
      const ids = [...new Set(matches.flatMap((m) => m.ids))].sort();
      const aliases = [...new Set(matches.flatMap((m) => m.aliases))]
        .filter((a) => !ids.includes(a))
        .sort();
      const worst = matches
        .map((m) => m.severity?.rating)
        .filter((r): r is NonNullable<typeof r> => r !== undefined)
        .sort((a, b) => RATINGS.indexOf(b) - RATINGS.indexOf(a))[0];
      entries.push({
        purl,
        ids,
        aliases,
        severity: worst ?? null,
        fixed: smallestFixingAll(pkg, matches, records) ?? null,
      });
    }
  } finally {
    await store.close();
  }
  if (flags.format === 'json') io.stdout.write(`${JSON.stringify(entries, null, 2)}\n`);
  else io.stdout.write(table(entries));
  const failed = entries.filter((e) => e.error !== undefined);
  // The report is out; the error only sets the exit code (2) and says what went wrong.
  if (failed.length > 0)
    throw new InputError(
      `${failed.length} of ${entries.length} purl(s) could not be matched (first: ${failed[0]?.purl}: ${failed[0]?.error})`,
      { code: 'OPENVET_E_INPUT' },
    );
}

function table(entries: readonly VulnMatchEntry[]): string {
  const width = Math.max(4, ...entries.map((e) => e.purl.length));
  let out = `${'PURL'.padEnd(width)}  ${'SEVERITY'.padEnd(8)}  ${'FIXED'.padEnd(12)}  IDS\n`;
  for (const e of entries) {
    if (e.error !== undefined) {
      out += `${e.purl.padEnd(width)}  error: ${e.error}\n`;
      continue;
    }
    const ids = e.ids.length === 0 ? '(none)' : [...e.ids, ...e.aliases].join(', ');
    out += `${e.purl.padEnd(width)}  ${(e.severity ?? '-').padEnd(8)}  ${(e.fixed ?? '-').padEnd(12)}  ${ids}\n`;
  }
  return out;
}
