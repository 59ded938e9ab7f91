/**
 * Issue 6's figure, end to end on the built CLI: a fine-tune that relabels its Llama 3.1 base
 * as Apache-2.0 and ships remote code gets both findings, with the clause and the files; a
 * clean model next to it gets neither. Base models resolve offline from a Hugging Face cache.
 */
import { mkdir, mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { openvet, scanResultValidator } from './cli.js';

let dir: string;
const COMMIT = '0e9e39f249a16976918f6564b8830bc894c89659';

async function put(rel: string, text: string | Buffer): Promise<void> {
  await mkdir(path.dirname(path.join(dir, rel)), { recursive: true });
  await writeFile(path.join(dir, rel), text);
}

/** The smallest valid safetensors file: an 8-byte header length and an empty JSON header. */
const SAFETENSORS = Buffer.concat([Buffer.from([2, 0, 0, 0, 0, 0, 0, 0]), Buffer.from('{}')]);

beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'openvet-e2e-model-license-'));
  await put(
    'project/models/acme-chat/README.md',
    '---\nlicense: apache-2.0\nbase_model: meta-llama/Llama-3.1-8B-Instruct\n---\n# Acme chat\n',
  );
  await put(
    'project/models/acme-chat/config.json',
    JSON.stringify({
      model_type: 'llama',
      auto_map: { AutoModelForCausalLM: 'modeling_acme.AcmeForCausalLM' },
    }),
  );
  await put('project/models/acme-chat/modeling_acme.py', 'class AcmeForCausalLM: pass\n');
  await put('project/models/acme-chat/model.safetensors', SAFETENSORS);
  await put(
    'project/models/clean-bert/README.md',
    '---\nlicense: apache-2.0\nbase_model: google-bert/bert-base-uncased\n---\n# Clean\n',
  );
  await put('project/models/clean-bert/config.json', JSON.stringify({ model_type: 'bert' }));
  await put('project/models/clean-bert/model.safetensors', SAFETENSORS);
  await put(
    'project/models/nc-tuned/README.md',
    '---\nlicense: apache-2.0\ndatasets:\n  - acme/nc-data\n---\n# Tuned on non-commercial data\n',
  );
  await put('project/models/nc-tuned/model.safetensors', SAFETENSORS);
  const cached = (id: string, card: string, type = 'models'): Promise<void>[] => {
    const repo = `hub/${type}--${id.replace('/', '--')}`;
    return [put(`${repo}/refs/main`, COMMIT), put(`${repo}/snapshots/${COMMIT}/README.md`, card)];
  };
  await Promise.all([
    ...cached(
      'meta-llama/Llama-3.1-8B-Instruct',
      '---\nlicense: llama3.1\nbase_model: meta-llama/Llama-3.1-8B\n---\n',
    ),
    ...cached('meta-llama/Llama-3.1-8B', '---\nlicense: llama3.1\n---\n'),
    ...cached('google-bert/bert-base-uncased', '---\nlicense: apache-2.0\n---\n'),
    ...cached('acme/nc-data', '---\nlicense: cc-by-nc-4.0\n---\n', 'datasets'),
  ]);
});

interface Result {
  components: { id: string; name: string }[];
  evidence: { kind: string; componentId: string; ancestors?: { id: string; license?: string }[] }[];
  findings: { ruleId: string; severity: string; componentId?: string; message: string }[];
  verdict: { status: string };
}

describe('licence inheritance and remote code in openvet scan', () => {
  let result: Result;
  let code: number;

  beforeAll(async () => {
    const run = await openvet(
      [
        'scan',
        path.join(dir, 'project'),
        '--offline',
        '--no-record',
        '--no-progress',
        '--format',
        'json',
      ],
      { env: { HF_HUB_CACHE: path.join(dir, 'hub') } },
    );
    code = run.code;
    result = JSON.parse(run.stdout) as Result;
  });

  const idOf = (name: string): string =>
    result.components.find((c) => c.name.endsWith(name))?.id ?? `(no ${name})`;

  it('the relabelled fine-tune gets the licence conflict citing the clause, and remote code with its files', () => {
    const acme = result.findings.filter((f) => f.componentId === idOf('acme-chat'));
    const conflict = acme.find(
      (f) => f.ruleId === 'model.license-conflict' && /declares Apache-2.0/.test(f.message),
    );
    expect(conflict?.message).toMatch(/Llama 3\.1 Community License/);
    expect(conflict?.message).toMatch(/§1\.b\.i/);
    const remote = acme.find((f) => f.ruleId === 'model.remote-code');
    expect(remote?.message).toMatch(/modeling_acme/);
    // Unmet obligations are findings of their own, each with its clause.
    const obligations = acme.filter((f) => /does not meet an obligation/.test(f.message));
    expect(obligations.map((f) => f.message).join('\n')).toMatch(/Built with Llama/);
    expect(obligations.every((f) => /§/.test(f.message))).toBe(true);
  });

  it('the lineage reaches the root through the cache', () => {
    const provenance = result.evidence.find(
      (e) => e.kind === 'provenance' && e.componentId === idOf('acme-chat'),
    );
    expect(provenance?.ancestors?.map((a) => [a.id, a.license])).toEqual([
      ['meta-llama/Llama-3.1-8B-Instruct', 'llama3.1'],
      ['meta-llama/Llama-3.1-8B', 'llama3.1'],
    ]);
  });

  it('a model trained on a non-commercial dataset may not declare a commercial licence', () => {
    const findings = result.findings.filter((f) => f.componentId === idOf('nc-tuned'));
    expect(findings.map((f) => f.ruleId)).toEqual(['model.license-conflict']);
    expect(findings[0]?.message).toMatch(/dataset acme\/nc-data .*forbids commercial use/);
  });

  it('the clean model gets neither finding', () => {
    expect(result.findings.filter((f) => f.componentId === idOf('clean-bert'))).toEqual([]);
  });

  it('the report is schema-valid; review, not fail, with no policy', async () => {
    const { errorsOf } = await scanResultValidator();
    expect(errorsOf(result)).toEqual([]);
    expect(result.verdict.status).toBe('review');
    expect(code).toBe(0);
  });
});
