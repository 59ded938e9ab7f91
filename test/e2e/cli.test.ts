/**
 * The built CLI end to end: commands, options, exit codes, outputs and the bundled example.
 */
import { mkdtemp, readFile, writeFile, mkdir } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import type { ScanResult } from '../../src/core/types.js';
import {
  cyclonedxConsistencyErrors,
  schemasAvailable,
  spdxConsistencyErrors,
  validateAgainstSchema,
} from '../../src/testing/schemas.js';
import { REPO_ROOT, openvet, scanResultValidator } from './cli.js';

const EXAMPLE = path.join(REPO_ROOT, 'examples', 'llm-app');
const EPOCH = { SOURCE_DATE_EPOCH: '1767225600' }; // 2026-01-01T00:00:00Z

let dbDir: string;
beforeAll(async () => {
  dbDir = await mkdtemp(path.join(tmpdir(), 'openvet-e2e-'));
});

function db(name = 'openvet.db'): string {
  return path.join(dbDir, name);
}

async function scanJson(target: string, extra: string[] = []): Promise<ScanResult> {
  const run = await openvet(['scan', target, '--format', 'json', '--db', db(), ...extra], {
    env: EPOCH,
  });
  expect(run.code, run.stderr).toBe(0);
  return JSON.parse(run.stdout) as ScanResult;
}

describe('openvet (global)', () => {
  it('prints its version from package.json', async () => {
    const pkg = JSON.parse(await readFile(path.join(REPO_ROOT, 'package.json'), 'utf8')) as {
      version: string;
    };
    const run = await openvet(['--version']);
    expect(run).toMatchObject({ code: 0, stdout: `${pkg.version}\n` });
  });

  it.each([['--help'], ['scan', '--help'], ['history', '--help']])(
    '%s %s shows usage with examples',
    async (...args) => {
      const run = await openvet(args.filter(Boolean));
      expect(run.code).toBe(0);
      expect(run.stdout).toMatch(/Usage: openvet/);
      expect(run.stdout).toMatch(/Examples:\n\s+\$ openvet /);
    },
  );

  it('exits 2 with a one-line message for an unknown command or option, without a stack trace', async () => {
    const unknown = await openvet(['scna']);
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toMatch(/unknown command 'scna'/);
    const badFormat = await openvet(['scan', '--format', 'xml']);
    expect(badFormat.code).toBe(2);
    expect(badFormat.stderr).toMatch(/Allowed choices are/);
    expect(badFormat.stderr).not.toMatch(/\n\s+at /);
  });
});

describe('openvet scan', () => {
  it('exits 2 when the path does not exist', async () => {
    const run = await openvet(['scan', '/no/such/place', '--db', db()]);
    expect(run.code).toBe(2);
    expect(run.stderr).toBe('openvet: /no/such/place: no such file or directory\n');
  });

  it('exits 2 for a single file it does not know how to read', async () => {
    const dir = await mkdtemp(path.join(tmpdir(), 'openvet-e2e-'));
    await writeFile(path.join(dir, 'notes.txt'), 'hello');
    const run = await openvet(['scan', path.join(dir, 'notes.txt'), '--db', db()]);
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/notes\.txt: not a manifest, lockfile or model file/);
  });

  it('inventories the bundled example: npm, PyPI and models, the project itself as the target', async () => {
    const result = await scanJson(EXAMPLE);
    expect(result.target).toMatchObject({
      name: 'llm-app',
      version: '1.2.0',
      ecosystem: 'npm',
      purl: 'pkg:npm/llm-app@1.2.0',
      declaredLicense: 'MIT',
    });
    expect(result.components.some((c) => c.name === 'llm-app')).toBe(false);
    const byId = new Map(result.components.map((c) => [c.id, c]));
    expect(byId.get('pkg:npm/express@4.22.3')).toMatchObject({
      scope: 'direct',
      declaredLicense: 'MIT',
    });
    expect(byId.get('pkg:npm/typescript@5.9.3')).toMatchObject({ scope: 'dev', groups: ['dev'] });
    expect(byId.get('pkg:pypi/transformers@4.46.3')).toMatchObject({
      scope: 'direct',
      locations: [{ path: 'worker/requirements.txt', line: 5 }],
    });
    expect(byId.get('pkg:pypi/numpy@1.26.4')?.locations[0]?.path).toBe(
      'worker/requirements-extra.txt',
    );
    const models = result.components.filter((c) => c.kind === 'model');
    expect(models.map((m) => m.name).sort()).toEqual(
      expect.arrayContaining([
        'distilbert/distilbert-base-uncased-finetuned-sst-2-english',
        'meta-llama/Llama-3.1-8B-Instruct',
        'mistralai/Mistral-7B-Instruct-v0.3',
      ]),
    );
    const llama = models.find(
      (m) => m.name === 'meta-llama/Llama-3.1-8B-Instruct' && m.version !== undefined,
    );
    expect(llama?.purl).toBe(
      'pkg:huggingface/meta-llama/Llama-3.1-8B-Instruct@0e9e39f249a16976918f6564b8830bc894c89659',
    );
    const local = models.find((m) =>
      m.locations.some((l) => l.path === 'models/support-classifier/model.safetensors'),
    );
    expect(local?.declaredLicense).toBe('apache-2.0');
    expect(result.errors).toEqual([]);
  });

  it('gives the same bytes for the same input (SOURCE_DATE_EPOCH)', async () => {
    const a = await openvet(['scan', EXAMPLE, '--format', 'json', '--no-record'], { env: EPOCH });
    const b = await openvet(['scan', EXAMPLE, '--format', 'json', '--no-record'], { env: EPOCH });
    expect(a.code).toBe(0);
    expect(a.stdout).toBe(b.stdout);
    expect((JSON.parse(a.stdout) as ScanResult).startedAt).toBe('2026-01-01T00:00:00.000Z');
  });

  it('validates against the shipped JSON Schema', async () => {
    const { errorsOf } = await scanResultValidator();
    expect(errorsOf(await scanJson(EXAMPLE))).toEqual([]);
  });

  it('reports a malformed lockfile as one clear line and still scans the rest (exit 0)', async () => {
    const dir = await mkdtemp(path.join(tmpdir(), 'openvet-e2e-'));
    await mkdir(path.join(dir, 'web'));
    await writeFile(
      path.join(dir, 'web', 'package-lock.json'),
      '{ "lockfileVersion": 3, "packages": { ',
    );
    await writeFile(path.join(dir, 'requirements.txt'), 'requests==2.32.3\n');
    const run = await openvet(['scan', dir, '--format', 'json', '--db', db()]);
    expect(run.code).toBe(0);
    const result = JSON.parse(run.stdout) as ScanResult;
    expect(result.components.map((c) => c.id)).toEqual(['pkg:pypi/requests@2.32.3']);
    expect(result.errors).toHaveLength(1);
    expect(result.errors[0]).toMatchObject({
      path: 'web/package-lock.json',
      plugin: 'npm/package-lock',
    });
    const lines = run.stderr.trim().split('\n');
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(/^openvet: web\/package-lock\.json(:\d+)?: .+ \[npm\/package-lock\]$/);
    expect(result.plugins.find((p) => p.name === 'npm/package-lock')).toMatchObject({
      status: 'failed',
      files: 1,
      errors: 1,
    });
  });

  it('scans one lockfile given as the path', async () => {
    const result = await scanJson(path.join(EXAMPLE, 'worker', 'requirements.txt'));
    expect(result.target.type).toBe('file');
    expect(result.components.every((c) => c.ecosystem === 'PyPI')).toBe(true);
    expect(result.components.map((c) => c.name)).toContain('numpy'); // through -r
  });

  it('honours --exclude with paths and bare names', async () => {
    const all = await scanJson(EXAMPLE);
    const noWorker = await scanJson(EXAMPLE, ['--exclude', 'worker/**', '--exclude', 'Modelfile']);
    expect(all.components.some((c) => c.ecosystem === 'PyPI')).toBe(true);
    expect(noWorker.components.some((c) => c.ecosystem === 'PyPI')).toBe(false);
    expect(noWorker.components.some((c) => c.foundBy.includes('model/ollama-modelfile'))).toBe(
      false,
    );
    expect(noWorker.components.some((c) => c.ecosystem === 'npm')).toBe(true);
  });

  it('writes --output to a file and says so on stderr', async () => {
    const out = path.join(dbDir, 'out.json');
    const run = await openvet(['scan', EXAMPLE, '--format', 'json', '--output', out, '--db', db()]);
    expect(run.code).toBe(0);
    expect(run.stdout).toBe('');
    const result = JSON.parse(await readFile(out, 'utf8')) as ScanResult;
    expect(run.stderr).toBe(
      `openvet: ${result.components.length} component(s) written to ${out} (json)\n`,
    );
  });

  it('prints a table with every component and the verdict', async () => {
    const run = await openvet(['scan', EXAMPLE, '--db', db()]);
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/^NAME\s+VERSION\s+ECOSYSTEM\s+KIND\s+SCOPE\s+LICENSE\s+FOUND IN$/m);
    expect(run.stdout).toMatch(
      /^express\s+4\.22\.3\s+npm\s+package\s+direct\s+MIT\s+package-lock\.json:\d+/m,
    );
    expect(run.stdout).toMatch(/^verdict: pass/m);
    expect(run.stderr).toBe(''); // no progress line when stderr is not a terminal
  });
});

describe.skipIf(!schemasAvailable())(
  'SBOM outputs of the example (schemas in ../shared/corpora/schemas)',
  () => {
    it.each([
      ['cyclonedx', cyclonedxConsistencyErrors],
      ['spdx', spdxConsistencyErrors],
    ] as const)(
      '%s is schema-valid, consistent and byte-for-byte reproducible',
      async (format, consistency) => {
        const args = ['scan', EXAMPLE, '--format', format, '--no-record'];
        const a = await openvet(args, { env: EPOCH });
        const b = await openvet(args, { env: EPOCH });
        expect(a.code, a.stderr).toBe(0);
        expect(a.stdout).toBe(b.stdout);
        const doc = JSON.parse(a.stdout) as Record<string, unknown>;
        const validation = validateAgainstSchema(format, doc);
        expect(validation.errors).toEqual([]);
        expect(validation.valid).toBe(true);
        expect(consistency(doc)).toEqual([]);
        const text = a.stdout;
        // The project is the subject, never a component; models are there as models.
        if (format === 'cyclonedx') {
          const bom = doc as {
            metadata: { component: { name: string } };
            components: { name: string; type: string }[];
          };
          expect(bom.metadata.component.name).toBe('llm-app');
          expect(bom.components.some((c) => c.name === 'llm-app')).toBe(false);
          expect(
            bom.components.filter((c) => c.type === 'machine-learning-model').length,
          ).toBeGreaterThanOrEqual(5);
        } else {
          expect(text).toContain('"relationshipType": "DESCRIBES"');
          expect(text).toContain('"referenceLocator": "pkg:npm/express@4.22.3"');
        }
      },
    );
  },
);

describe('openvet history and the store', () => {
  it('lists recorded scans, newest first', async () => {
    const file = db('history.db');
    await openvet(['scan', EXAMPLE, '--format', 'json', '--db', file]);
    await openvet(['scan', path.join(EXAMPLE, 'worker'), '--format', 'json', '--db', file]);
    const run = await openvet(['history', '--format', 'json', '--db', file]);
    expect(run.code).toBe(0);
    const scans = JSON.parse(run.stdout) as { targetName: string; components: number }[];
    expect(scans.map((s) => s.targetName)).toEqual(['worker', 'llm-app']);
    const table = await openvet(['history', '--db', file]);
    expect(table.stdout).toMatch(/^ID\s+STARTED\s+NAME\s+PATH\s+COMPONENTS\s+PROBLEMS\s+VERDICT$/m);
  });

  it('uses $OPENVET_DB when --db is absent', async () => {
    const file = db('from-env.db');
    await openvet(['scan', path.join(EXAMPLE, 'worker'), '--format', 'json'], {
      env: { OPENVET_DB: file },
    });
    const run = await openvet(['history', '--format', 'json'], { env: { OPENVET_DB: file } });
    expect((JSON.parse(run.stdout) as unknown[]).length).toBe(1);
  });

  it('refuses a corrupt database with a clear message and exit 2', async () => {
    const file = db('corrupt.db');
    await writeFile(file, 'not a database at all '.repeat(100));
    const run = await openvet(['history', '--db', file]);
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(
      /^openvet: .*corrupt\.db: the openvet database is damaged or not a database/,
    );
    expect(run.stderr).not.toMatch(/\n\s+at /);
  });
});

describe('openvet scan: per-component licences', () => {
  // Licence texts from spdx-license-list (a dependency), written at test time.
  let texts: Readonly<Record<string, { readonly licenseText: string }>> = {};
  beforeAll(async () => {
    const mod = (await import('spdx-license-list/full.js')) as {
      default: Record<string, { licenseText: string }>;
    };
    texts = mod.default;
  });
  const text = (id: string): string => {
    const entry = texts[id];
    if (entry === undefined) throw new Error(`${id} is not in spdx-license-list`);
    return entry.licenseText;
  };

  async function project(): Promise<string> {
    const dir = await mkdtemp(path.join(tmpdir(), 'openvet-e2e-licences-'));
    const files: Record<string, string> = {
      'package.json': JSON.stringify({
        name: 'licensed-app',
        version: '1.0.0',
        license: 'MIT',
        dependencies: { 'says-mit': '1.0.0', 'really-mit': '2.0.0', 'no-licence-field': '3.0.0' },
      }),
      LICENSE: text('MIT'),
      // package.json says MIT, the LICENSE file is Apache-2.0.
      'node_modules/says-mit/package.json': JSON.stringify({
        name: 'says-mit',
        version: '1.0.0',
        license: 'MIT',
      }),
      'node_modules/says-mit/LICENSE': text('Apache-2.0'),
      'node_modules/really-mit/package.json': JSON.stringify({
        name: 'really-mit',
        version: '2.0.0',
        license: 'MIT',
      }),
      'node_modules/really-mit/LICENSE.md': text('MIT'),
      'node_modules/no-licence-field/package.json': JSON.stringify({
        name: 'no-licence-field',
        version: '3.0.0',
      }),
      'node_modules/no-licence-field/COPYING': text('ISC'),
      'models/tiny/README.md': '---\nlicense: apache-2.0\n---\n# tiny\n',
      'models/tiny/config.json': '{"model_type":"bert"}',
      'models/tiny/model.safetensors': '',
    };
    for (const [rel, content] of Object.entries(files)) {
      await mkdir(path.dirname(path.join(dir, rel)), { recursive: true });
      await writeFile(path.join(dir, rel), content);
    }
    // A minimal valid safetensors file: an 8-byte header length and an empty JSON header.
    const header = Buffer.from('{}');
    const len = Buffer.alloc(8);
    len.writeBigUInt64LE(BigInt(header.length));
    await writeFile(path.join(dir, 'models/tiny/model.safetensors'), Buffer.concat([len, header]));
    return dir;
  }

  it('shows declared, detected and concluded licences, and a mismatch with both sides', async () => {
    const dir = await project();
    const result = await scanJson(dir, ['--no-record']);
    const byName = new Map(result.components.map((c) => [c.name, c]));
    expect(byName.get('says-mit')?.license).toMatchObject({
      declared: 'MIT',
      detected: ['Apache-2.0'],
      status: 'mismatch',
    });
    expect(byName.get('says-mit')?.license?.concluded).toBeUndefined();
    expect(byName.get('really-mit')?.license).toMatchObject({
      concluded: 'MIT',
      status: 'confirmed',
    });
    expect(byName.get('no-licence-field')?.license).toMatchObject({
      concluded: 'ISC',
      status: 'detected',
    });
    expect(byName.get('tiny')?.license).toMatchObject({
      declared: 'Apache-2.0',
      concluded: 'Apache-2.0',
    });
    expect(result.target.license).toMatchObject({ concluded: 'MIT', status: 'confirmed' });

    const mismatches = result.evidence.filter((e) => e.kind === 'license-mismatch');
    expect(mismatches).toHaveLength(1);
    expect(mismatches[0]).toMatchObject({
      componentId: 'pkg:npm/says-mit@1.0.0',
      declared: [{ expression: 'MIT', location: { path: 'node_modules/says-mit/package.json' } }],
      detected: [
        {
          expression: 'Apache-2.0',
          confidence: 'exact',
          location: { path: 'node_modules/says-mit/LICENSE', line: 1 },
        },
      ],
    });

    const { errorsOf } = await scanResultValidator();
    expect(errorsOf(result)).toEqual([]);
  });

  it('shows the concluded licence, `mismatch` and the mismatch list in the table', async () => {
    const dir = await project();
    const run = await openvet(['scan', dir, '--no-record'], { env: EPOCH });
    expect(run.code, run.stderr).toBe(0);
    expect(run.stdout).toMatch(/^says-mit\s+1\.0\.0\s+npm\s+package\s+\S+\s+mismatch\s/m);
    expect(run.stdout).toMatch(/^really-mit\s+2\.0\.0\s+npm\s+package\s+\S+\s+MIT\s/m);
    expect(run.stdout).toMatch(/^1 licence mismatch\(es\):\n {2}says-mit@1\.0\.0: declared MIT/m);
  });

  describe.skipIf(!schemasAvailable())('in the SBOMs', () => {
    it('writes declared and concluded licences to CycloneDX', async () => {
      const dir = await project();
      const run = await openvet(['scan', dir, '--format', 'cyclonedx', '--no-record'], {
        env: EPOCH,
      });
      expect(run.code, run.stderr).toBe(0);
      const bom = JSON.parse(run.stdout) as {
        components: { name: string; licenses?: unknown[] }[];
      };
      expect(validateAgainstSchema('cyclonedx', bom).errors).toEqual([]);
      const licences = (name: string): unknown =>
        bom.components.find((c) => c.name === name)?.licenses;
      expect(licences('says-mit')).toEqual([
        { license: { id: 'MIT', acknowledgement: 'declared' } },
      ]);
      expect(licences('really-mit')).toEqual([
        { license: { id: 'MIT', acknowledgement: 'declared' } },
        { license: { id: 'MIT', acknowledgement: 'concluded' } },
      ]);
      expect(licences('no-licence-field')).toEqual([
        { license: { id: 'ISC', acknowledgement: 'concluded' } },
      ]);
    });

    it('writes licenseDeclared and licenseConcluded (NOASSERTION when unknown) to SPDX', async () => {
      const dir = await project();
      const run = await openvet(['scan', dir, '--format', 'spdx', '--no-record'], { env: EPOCH });
      expect(run.code, run.stderr).toBe(0);
      const doc = JSON.parse(run.stdout) as {
        packages: { name: string; licenseDeclared: string; licenseConcluded: string }[];
      };
      expect(validateAgainstSchema('spdx', doc).errors).toEqual([]);
      expect(spdxConsistencyErrors(doc)).toEqual([]);
      const pkg = (name: string): unknown => {
        const p = doc.packages.find((x) => x.name === name);
        return p && { declared: p.licenseDeclared, concluded: p.licenseConcluded };
      };
      expect(pkg('says-mit')).toEqual({ declared: 'MIT', concluded: 'NOASSERTION' });
      expect(pkg('really-mit')).toEqual({ declared: 'MIT', concluded: 'MIT' });
      expect(pkg('no-licence-field')).toEqual({ declared: 'NOASSERTION', concluded: 'ISC' });
      expect(pkg('tiny')).toEqual({ declared: 'Apache-2.0', concluded: 'Apache-2.0' });
    });
  });
});
