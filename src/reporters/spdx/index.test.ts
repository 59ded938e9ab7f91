import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import type { Component, ScanResult } from '../../core/types.js';
import { expectGolden } from '../../testing/golden.js';
import {
  sampleScanResult,
  shuffledScanResult,
  withComponents,
} from '../../testing/scan-results.js';
import {
  SCHEMAS_DIR,
  schemasAvailable,
  spdxConsistencyErrors,
  validateAgainstSchema,
} from '../../testing/schemas.js';
import { withModelEvidence, withTwoFindings } from '../../testing/model-evidence.js';
import { packageSpdxIds, reporter, type SpdxDocument, type SpdxPackage } from './index.js';

const GOLDEN = path.join(
  path.dirname(fileURLToPath(import.meta.url)),
  '__fixtures__',
  'sample.spdx.json',
);

function render(result: ScanResult = sampleScanResult()): SpdxDocument {
  return JSON.parse(reporter.render(result)) as SpdxDocument;
}

function pkg(doc: SpdxDocument, name: string, version?: string): SpdxPackage {
  const found = doc.packages.find(
    (p) => p.name === name && (version === undefined || p.versionInfo === version),
  );
  if (found === undefined) throw new Error(`package ${name} not in document`);
  return found;
}

describe('spdx reporter', () => {
  it('is named after its folder and ends with a newline', () => {
    expect(reporter.name).toBe('spdx');
    expect(reporter.render(sampleScanResult()).endsWith('}\n')).toBe(true);
  });

  it('writes the document header from the result, not the clock', () => {
    const doc = render();
    expect(doc.spdxVersion).toBe('SPDX-2.3');
    expect(doc.dataLicense).toBe('CC0-1.0');
    expect(doc.SPDXID).toBe('SPDXRef-DOCUMENT');
    expect(doc.name).toBe('acme-web@1.2.0');
    expect(doc.documentNamespace).toMatch(
      /^https:\/\/openvet\.dev\/spdx\/acme-web-[0-9a-f]{8}-[0-9a-f]{4}-5[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/,
    );
    expect(doc.creationInfo).toEqual({
      created: '2024-06-01T12:00:00Z',
      creators: ['Tool: openvet-0.1.0'],
      comment: expect.stringMatching(/^openvet verdict: (pass|review|fail) — /) as string,
    });
  });

  it('shares its document UUID with the CycloneDX serial number', async () => {
    const { reporter: cyclonedx } = await import('../cyclonedx/index.js');
    const result = sampleScanResult();
    const serial = (
      JSON.parse(cyclonedx.render(result)) as { serialNumber: string }
    ).serialNumber.replace('urn:uuid:', '');
    expect(render(result).documentNamespace.endsWith(serial)).toBe(true);
  });

  it('describes the target as the root package', () => {
    const doc = render();
    expect(doc.packages[0]).toEqual({
      SPDXID: 'SPDXRef-Package-root',
      name: 'acme-web',
      versionInfo: '1.2.0',
      downloadLocation: 'NOASSERTION',
      filesAnalyzed: false,
      licenseConcluded: 'NOASSERTION',
      licenseDeclared: 'Apache-2.0',
      copyrightText: 'NOASSERTION',
      externalRefs: [
        {
          referenceCategory: 'PACKAGE-MANAGER',
          referenceType: 'purl',
          referenceLocator: 'pkg:npm/acme-web@1.2.0',
        },
      ],
      primaryPackagePurpose: 'APPLICATION',
    });
    expect(doc.relationships[0]).toEqual({
      spdxElementId: 'SPDXRef-DOCUMENT',
      relationshipType: 'DESCRIBES',
      relatedSpdxElement: 'SPDXRef-Package-root',
    });
    expect(doc.packages).toHaveLength(sampleScanResult().components.length + 1);
  });

  it('gives every package a valid, unique SPDXID', () => {
    const ids = render().packages.map((p) => p.SPDXID);
    for (const id of ids) expect(id).toMatch(/^SPDXRef-[A-Za-z0-9.-]+$/);
    expect(new Set(ids).size).toBe(ids.length);
    expect(pkg(render(), '@babel/core').SPDXID).toMatch(
      /^SPDXRef-Package-npm-babel-core-7\.24\.0-[0-9a-f]{8}$/,
    );
  });

  it('keeps SPDXIDs unique when different ids sanitise to the same text', () => {
    const base: Component = {
      id: 'pkg:npm/a_b@1.0.0',
      kind: 'package',
      ecosystem: 'npm',
      name: 'a_b',
      version: '1.0.0',
      scope: 'direct',
      groups: [],
      locations: [],
      foundBy: [],
      dependsOn: [],
    };
    const twins: Component[] = [
      base,
      { ...base, id: 'pkg:npm/a-b@1.0.0', name: 'a-b' },
      { ...base, id: 'pkg:npm/a b@1.0.0', name: 'a b' },
    ];
    const ids = [...packageSpdxIds(twins).values()];
    expect(new Set(ids).size).toBe(3);
    for (const id of ids) expect(id).toMatch(/^SPDXRef-Package-npm-a-b-1\.0\.0-[0-9a-f]{8,}$/);
  });

  it.each([
    ['@babel/core', 'MIT', 'MIT'],
    ['serde', 'MIT OR Apache-2.0', 'MIT OR Apache-2.0'],
    // An AI model licence: a LicenseRef, defined in hasExtractedLicensingInfos.
    ['meta-llama/Llama-3.2-1B', 'LicenseRef-llama3.2', 'LicenseRef-llama3.2'],
    // Free text declared, licence file found: the text is a LicenseRef, WTFPL concluded.
    ['left-pad', expect.stringMatching(/^LicenseRef-openvet-[0-9a-f]{16}$/), 'WTFPL'],
    ['github.com/spf13/cobra', 'NOASSERTION', 'NOASSERTION'],
    ['six', 'NOASSERTION', 'NOASSERTION'],
  ])('declares the licence of %s as %s, concluded %s', (name, declared, concluded) => {
    const p = pkg(render(), name);
    expect(p.licenseDeclared).toEqual(declared);
    expect(p.licenseConcluded).toBe(concluded);
    expect(p.copyrightText).toBe('NOASSERTION');
  });

  it('concludes nothing (NOASSERTION) for a licence mismatch, and keeps the declared licence', () => {
    const p = render().packages.find((x) => x.name === 'debug' && x.versionInfo === '2.6.8');
    expect(p?.licenseDeclared).toBe('MIT');
    expect(p?.licenseConcluded).toBe('NOASSERTION');
  });

  it('defines every LicenseRef it uses, the concluded AI licence included', () => {
    const doc = render();
    const used = new Set(
      doc.packages.flatMap(
        (p) =>
          `${p.licenseDeclared} ${p.licenseConcluded}`.match(/LicenseRef-[A-Za-z0-9.-]+/g) ?? [],
      ),
    );
    const defined = new Set((doc.hasExtractedLicensingInfos ?? []).map((e) => e.licenseId));
    expect([...used].sort()).toEqual([...defined].sort());
    expect(defined.has('LicenseRef-llama3.2')).toBe(true);
  });

  it('turns non-SPDX licence text into a defined LicenseRef', () => {
    const doc = render();
    const ref = pkg(doc, 'left-pad').licenseDeclared;
    expect(ref).toMatch(/^LicenseRef-openvet-[0-9a-f]{16}$/);
    expect(doc.hasExtractedLicensingInfos).toContainEqual({
      licenseId: ref,
      extractedText: 'Custom licence text',
      name: 'Custom licence text',
      comment: 'Licence as declared by the package metadata; it is not an SPDX licence expression.',
    });
  });

  it('defines LicenseRefs that the source expression names', () => {
    const result = sampleScanResult();
    const components = result.components.map((c) =>
      c.name === 'six' ? { ...c, declaredLicense: 'MIT OR LicenseRef-Acme' } : c,
    );
    const doc = render({ ...result, components });
    expect(pkg(doc, 'six').licenseDeclared).toBe('MIT OR LicenseRef-Acme');
    expect(doc.hasExtractedLicensingInfos?.map((l) => l.licenseId)).toContain('LicenseRef-Acme');
    expect(spdxConsistencyErrors(doc)).toEqual([]);
  });

  it.each([
    ['@babel/core', 'LIBRARY', undefined],
    [
      'meta-llama/Llama-3.2-1B',
      'OTHER',
      'Machine-learning model (SPDX 2.3 has no package purpose for models).',
    ],
    ['rajpurkar/squad', 'OTHER', 'Dataset (SPDX 2.3 has no package purpose for datasets).'],
  ])('gives %s the purpose %s', (name, purpose, comment) => {
    const p = pkg(render(), name);
    expect(p.primaryPackagePurpose).toBe(purpose);
    expect(p.comment).toBe(comment);
  });

  it.each([
    ['@babel/core', 'NOASSERTION'],
    [
      'left-pad',
      'git+https://github.com/stevemao/left-pad.git@5f4f2a1b8c0d9e7f6a5b4c3d2e1f0a9b8c7d6e5f',
    ],
    ['meta-llama/Llama-3.2-1B', 'https://huggingface.co/meta-llama/Llama-3.2-1B'],
  ])('gives %s the download location %s', (name, location) => {
    expect(pkg(render(), name).downloadLocation).toBe(location);
  });

  it.each([
    [
      { type: 'git' as const, url: 'https://github.com/a/b.git#v1.2.0' },
      'git+https://github.com/a/b.git@v1.2.0',
    ],
    [{ type: 'git' as const, url: 'git://github.com/a/b.git' }, 'git://github.com/a/b.git'],
    [{ type: 'git' as const, url: 'github:a/b' }, 'NOASSERTION'],
    [
      { type: 'url' as const, url: 'https://example.com/b-1.0.tgz' },
      'https://example.com/b-1.0.tgz',
    ],
    [{ type: 'file' as const, url: '../vendor/b-1.0.tgz' }, 'NOASSERTION'],
    [{ type: 'workspace' as const, url: 'packages/b' }, 'NOASSERTION'],
  ])('maps source %j to download location %s', (source, location) => {
    const result = sampleScanResult();
    const components = result.components.map((c) => (c.name === 'six' ? { ...c, source } : c));
    expect(pkg(render({ ...result, components }), 'six').downloadLocation).toBe(location);
  });

  it('writes purls, checksums and where the scan found each package', () => {
    const doc = render();
    expect(pkg(doc, '@babel/core').externalRefs).toEqual([
      {
        referenceCategory: 'PACKAGE-MANAGER',
        referenceType: 'purl',
        referenceLocator: 'pkg:npm/%40babel/core@7.24.0',
      },
    ]);
    expect(pkg(doc, '@babel/core').checksums).toEqual([
      { algorithm: 'SHA512', checksumValue: 'a'.repeat(128) },
    ]);
    expect(pkg(doc, 'debug', '4.3.0').checksums).toEqual([
      { algorithm: 'SHA1', checksumValue: 'b'.repeat(40) },
    ]);
    expect(pkg(doc, 'six').checksums).toBeUndefined();
    expect(pkg(doc, 'jest').sourceInfo).toBe(
      'openvet scope: dev; groups: dev; found by: npm/package-lock; declared in: package-lock.json:70.',
    );
  });

  it('writes the dependency relationships, with dev and optional direct dependencies typed', () => {
    const doc = render();
    const id = (name: string, version?: string): string => pkg(doc, name, version).SPDXID;
    const rel = (a: string, type: string, b: string) => ({
      spdxElementId: a,
      relationshipType: type,
      relatedSpdxElement: b,
    });
    const root = 'SPDXRef-Package-root';
    expect(doc.relationships).toEqual(
      expect.arrayContaining([
        rel(root, 'DEPENDS_ON', id('@babel/core')),
        rel(root, 'DEPENDS_ON', id('left-pad')),
        rel(root, 'DEPENDS_ON', id('meta-llama/Llama-3.2-1B')),
        rel(id('jest'), 'DEV_DEPENDENCY_OF', root),
        rel(id('fsevents'), 'OPTIONAL_DEPENDENCY_OF', root),
        rel(id('@babel/core'), 'DEPENDS_ON', id('debug', '4.3.0')),
        rel(id('jest'), 'DEPENDS_ON', id('debug', '2.6.8')),
        rel(id('requests'), 'DEPENDS_ON', id('urllib3')),
        rel(id('meta-llama/Llama-3.2-1B'), 'DEPENDS_ON', id('rajpurkar/squad')),
      ]),
    );
    expect(doc.relationships).not.toContainEqual(rel(root, 'DEPENDS_ON', id('jest')));
    expect(doc.relationships).toHaveLength(13);
  });

  it('annotates packages with their advisories', () => {
    const doc = render();
    const debug = pkg(doc, 'debug', '4.3.0');
    expect(debug.annotations).toEqual([
      {
        annotationDate: '2024-06-01T12:00:00Z',
        annotationType: 'REVIEW',
        annotator: 'Tool: openvet-0.1.0',
        comment:
          'Vulnerability GHSA-gxpj-cx7g-858c; aliases: CVE-2017-16137; severity: LOW; fixed in: 4.3.1; source: vulns/osv; confidence: exact.',
      },
    ]);
    expect(debug.externalRefs).toContainEqual({
      referenceCategory: 'SECURITY',
      referenceType: 'advisory',
      referenceLocator: 'https://osv.dev/vulnerability/GHSA-gxpj-cx7g-858c',
    });
    expect(pkg(doc, '@babel/core').annotations).toBeUndefined();
  });

  it('renders an empty scan', () => {
    const doc = render(withComponents(sampleScanResult(), []));
    expect(doc.packages.map((p) => p.SPDXID)).toEqual(['SPDXRef-Package-root']);
    expect(doc.relationships).toHaveLength(1);
    expect(doc.hasExtractedLicensingInfos).toBeUndefined();
  });

  it('is consistent: ids defined, LicenseRefs defined', () => {
    expect(spdxConsistencyErrors(reporter.render(sampleScanResult()))).toEqual([]);
  });

  it('is deterministic: same result → same bytes; shuffled input → same bytes', () => {
    const result = sampleScanResult();
    const first = reporter.render(result);
    expect(reporter.render(result)).toBe(first);
    expect(reporter.render(shuffledScanResult(result))).toBe(first);
  });

  it('writes created with second precision whatever startedAt carries', () => {
    expect(
      render({ ...sampleScanResult(), startedAt: '2024-06-01T12:00:00.987+02:00' }).creationInfo
        .created,
    ).toBe('2024-06-01T10:00:00Z');
  });

  it('matches the golden file (UPDATE_GOLDEN=1 rewrites it)', () => {
    expectGolden(GOLDEN, reporter.render(sampleScanResult()), 'npx vitest run src/reporters/spdx');
  });
});

const HAVE_SCHEMAS = schemasAvailable('spdx');

describe.skipIf(!HAVE_SCHEMAS)(
  `spdx reporter against the SPDX 2.3 JSON Schema${HAVE_SCHEMAS ? '' : ` (skipped: ${SCHEMAS_DIR} is absent)`}`,
  () => {
    it.each([
      ['the sample scan', sampleScanResult()],
      ['an empty scan', withComponents(sampleScanResult(), [])],
      [
        'a target without name metadata',
        {
          ...sampleScanResult(),
          target: { path: '/tmp/x', type: 'directory' as const, name: 'x', dependsOn: [] },
        },
      ],
    ])('validates %s', (_label, result) => {
      expect(validateAgainstSchema('spdx', reporter.render(result)).errors).toEqual([]);
    });

    it('validates the golden file', () => {
      if (!existsSync(GOLDEN)) return;
      expect(validateAgainstSchema('spdx', readFileSync(GOLDEN, 'utf8')).errors).toEqual([]);
    });

    it('rejects a broken document (the validator is live)', () => {
      const doc = render();
      expect(validateAgainstSchema('spdx', { ...doc, packages: [{ name: 'x' }] }).valid).toBe(
        false,
      );
    });
  },
);

describe('model facts and lineage', () => {
  const result = withModelEvidence(sampleScanResult());
  const doc = JSON.parse(reporter.render(result)) as SpdxDocument;
  const model = doc.packages.find((p) => p.name === 'meta-llama/Llama-3.2-1B');
  const ancestors = doc.packages.filter((p) => p.SPDXID.startsWith('SPDXRef-Ancestor-'));

  it('adds a package per ancestor and DESCENDANT_OF relationships up the chain', () => {
    expect(ancestors.map((p) => p.name)).toEqual([
      'meta-llama/Llama-3.2-1B-base',
      'meta-llama/Llama-3.2-root',
    ]);
    const [base, root] = ancestors;
    const descends = doc.relationships
      .filter((r) => r.relationshipType === 'DESCENDANT_OF')
      .map((r) => [r.spdxElementId, r.relatedSpdxElement]);
    expect(descends).toContainEqual([model?.SPDXID, base?.SPDXID]);
    expect(descends).toContainEqual([base?.SPDXID, root?.SPDXID]);
    expect(base?.downloadLocation).toBe('https://huggingface.co/meta-llama/Llama-3.2-1B-base');
  });

  it('writes card, lineage and openness facts as OTHER annotations', () => {
    const comments = (model?.annotations ?? [])
      .filter((a) => a.annotationType === 'OTHER')
      .map((a) => a.comment);
    expect(comments.join('\n')).toMatch(
      /openvet model card: task text-generation; architecture LlamaForCausalLM/,
    );
    expect(comments.join('\n')).toMatch(
      /openvet transparency: 2 of 9 model-card sections present \(missing: citation\)/,
    );
    expect(comments.join('\n')).toMatch(
      /openvet lineage: base model\(s\) meta-llama\/Llama-3\.2-1B-base \(finetune\)/,
    );
    expect(comments.join('\n')).toMatch(
      /openvet openness: MOF class none \(progress I 0%, II 0%, III 25%\); OSAID not-open-source-ai/,
    );
  });

  it.skipIf(!schemasAvailable())('stays valid SPDX 2.3', () => {
    expect(validateAgainstSchema('spdx', reporter.render(result)).errors).toEqual([]);
  });
});

describe('policy findings', () => {
  it('become REVIEW annotations on their package, and on the root when about no component', () => {
    const result = withTwoFindings(sampleScanResult(), 'license.denied', 'high');
    const component = result.components[0];
    const doc = JSON.parse(reporter.render(result)) as SpdxDocument;
    const pkg = doc.packages.find((p) => p.name === component?.name);
    const root = doc.packages.find((p) => p.SPDXID === 'SPDXRef-Package-root');
    expect(pkg?.annotations?.map((a) => [a.annotationType, a.comment])).toContainEqual([
      'REVIEW',
      `openvet finding [high] license.denied: problem ${'a'.repeat(32)} (fingerprint ${'a'.repeat(32)})`,
    ]);
    expect(root?.annotations?.map((a) => a.comment)).toEqual([
      `openvet finding [high] license.denied: problem ${'b'.repeat(32)} (fingerprint ${'b'.repeat(32)})`,
    ]);
  });
});
