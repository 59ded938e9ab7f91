/**
 * Core types of openvet. Plain, readonly, JSON-serialisable data: everything a scan
 * produces flows one way, files → inventory (components) → evidence → findings → report.
 */

/** What a component is. */
export type ComponentKind = 'package' | 'model' | 'dataset';

/** Ecosystem names as OSV spells them (and `huggingface` for models and datasets). */
export type Ecosystem = 'npm' | 'PyPI' | 'Go' | 'crates.io' | 'huggingface';

/**
 * How the project depends on a component.
 * - `direct`: the project's own manifest names it for production use.
 * - `transitive`: pulled in by another component.
 * - `dev`: only needed for development (devDependencies, dev groups).
 * - `optional`: optional or extra-only dependency.
 * - `unknown`: the source does not say.
 */
export type Scope = 'direct' | 'transitive' | 'dev' | 'optional' | 'unknown';

/** A place in the scanned tree. `path` is relative to the scan root, with `/` separators. */
export interface Location {
  readonly path: string;
  /** 1-based line where the component is declared, when the format has lines. */
  readonly line?: number;
  /** 1-based last line of a range starting at `line` (a licence text inside a file). */
  readonly endLine?: number;
}

/**
 * Where a component's code comes from, when it is not the ecosystem's default registry.
 * `registry` is the normal case; the others are reported as such (they cannot be matched
 * against registry advisories by version).
 */
export type SourceType =
  | 'registry'
  | 'git'
  | 'file'
  | 'directory'
  | 'link'
  | 'url'
  | 'workspace'
  | 'editable'
  | 'hub'
  | 'local';

/** Where a component's code comes from. */
export interface ComponentSource {
  readonly type: SourceType;
  /** The URL, path or specifier as written in the source file. */
  readonly url?: string;
  /** A VCS commit, when pinned to one. */
  readonly commit?: string;
}

/** A content hash as the source file states it. */
export interface Hash {
  /** Lower-case algorithm: `sha1`, `sha256`, `sha512`, `md5`, … */
  readonly alg: string;
  /** Lower-case hex digest. */
  readonly value: string;
}

/** One package, model or dataset the project uses. */
export interface Component {
  /** Stable identifier, unique within a scan (the purl when there is one). */
  readonly id: string;
  readonly kind: ComponentKind;
  readonly ecosystem: Ecosystem;
  /** Name as the ecosystem canonicalises it (PEP 503 for PyPI, `org/name` for hub models). */
  readonly name: string;
  readonly version?: string;
  /** Package URL (https://github.com/package-url/purl-spec). */
  readonly purl?: string;
  readonly scope: Scope;
  /** Dependency groups as the source names them (`dev`, `optional`, `peer`, `bundled`, `test`, …). */
  readonly groups: readonly string[];
  /** Every file (and line) that declares the component. Sorted. */
  readonly locations: readonly Location[];
  /** Names of the extractors that found it. Sorted. */
  readonly foundBy: readonly string[];
  /** Ids of the components this one depends on, where the source records edges. Sorted. */
  readonly dependsOn: readonly string[];
  readonly source?: ComponentSource;
  /** Licence as the source states it (an SPDX expression or the raw text), not yet concluded. */
  readonly declaredLicense?: string;
  readonly hashes?: readonly Hash[];
  /** Format-specific facts worth keeping (e.g. `npm:alias`, `model:format`). Sorted keys. */
  readonly properties?: Readonly<Record<string, string>>;
  /** Declared, detected and concluded licence, set by the licence analyzer. */
  readonly license?: ComponentLicense;
}

/**
 * How a source states a declared licence, which decides how it is read:
 * - `spdx-field`: a field meant to hold an SPDX expression (package.json `license`,
 *   `License-Expression:`, lockfile licence fields);
 * - `classifier`: a Python trove classifier (`License :: OSI Approved :: MIT License`);
 * - `hf-tag`: a Hugging Face model-card `license:` tag (`apache-2.0`, `llama3.1`, `other`);
 * - `free-text`: a field of prose (`License:` of Python core metadata).
 */
export type LicenseStatementKind = 'spdx-field' | 'classifier' | 'hf-tag' | 'free-text';

/** One declared licence statement, as the source writes it. */
export interface LicenseStatement {
  readonly value: string;
  readonly kind: LicenseStatementKind;
  /** Model-card `license_name:` (meaningful with the tag `other`). */
  readonly name?: string;
  /** Model-card `license_link:`. */
  readonly link?: string;
  /**
   * The file that states it, relative to the scan root, when it is not where the record is
   * declared (an installed package's `package.json` read by the `node_modules` extractor).
   */
  readonly file?: string;
}

/**
 * How a component's concluded licence was reached (see docs/scan-result.md):
 * - `confirmed`: declared, and every licence found in its files agrees;
 * - `declared`: declared; no licence text was found to confirm or contradict it;
 * - `detected`: nothing readable declared; concluded from exact/high matches in its files;
 * - `mismatch`: declared and detected disagree; nothing concluded (see `license-mismatch`);
 * - `unknown`: nothing concluded (see `reason`).
 */
export type LicenseConclusionStatus =
  'confirmed' | 'declared' | 'detected' | 'mismatch' | 'unknown';

/** A component's licences: what its metadata declares, what its files say, what openvet concludes. */
export interface ComponentLicense {
  /** The declared statements read as one SPDX expression (canonical), when they could be. */
  readonly declared?: string;
  /** `declared`: read exactly; `medium`: only a correction gave it ("Apache 2"), a hint. */
  readonly declaredConfidence?: 'declared' | 'medium';
  /** Licence ids found at exact or high confidence in the component's files. Sorted, unique. */
  readonly detected: readonly string[];
  /** Licence ids found only at medium confidence: hints, never concluded. Sorted, unique. */
  readonly hints?: readonly string[];
  /** The concluded SPDX expression (or `LicenseRef-…`); absent when nothing can be concluded. */
  readonly concluded?: string;
  readonly status: LicenseConclusionStatus;
  /** Category of the concluded licence in the knowledge base (`permissive`, `AI-use-restricted`, …). */
  readonly category?: string;
  /** Why the conclusion is what it is (always set when nothing is concluded). */
  readonly reason?: string;
}

/** How sure the evidence is. */
export type Confidence = 'declared' | 'exact' | 'high' | 'medium' | 'low';

interface EvidenceBase {
  /** Stable id, unique within a scan. */
  readonly id: string;
  readonly componentId: string;
  /** The plugin or data source that produced it. */
  readonly source: string;
  readonly confidence: Confidence;
  readonly location?: Location;
}

/**
 * A licence statement about a component. `role` says what it is: a statement of the metadata
 * (`declared`, `expression` as written), a licence found in a file (`detected`, `location`
 * with the line range), or the analyzer's conclusion (`concluded`).
 */
export interface LicenseEvidence extends EvidenceBase {
  readonly kind: 'license';
  /** SPDX expression when it parses as one, otherwise the raw text. */
  readonly expression: string;
  readonly role?: 'declared' | 'detected' | 'concluded';
  /** Declared: how the source states it (decides how it is read). */
  readonly statedAs?: LicenseStatementKind;
  /** Declared model-card `license_name:` / `license_link:`. */
  readonly licenseName?: string;
  readonly licenseLink?: string;
  /** Detected: similarity to the reference text, 0..1. */
  readonly score?: number;
  /** Detected: what the match rests on (`text`, `notice`, `identifier`, `reference`). */
  readonly via?: string;
  /** Detected: other ids whose text is the same (GPL-2.0-only / -or-later). Sorted. */
  readonly sameText?: readonly string[];
  /** Why the answer is what it is, when not obvious. */
  readonly reason?: string;
}

/** Where one side of a licence mismatch comes from. */
export interface LicenseMismatchSide {
  readonly expression: string;
  readonly confidence: Confidence;
  readonly location?: Location;
}

/** A component whose declared licence and the licences in its files disagree. */
export interface LicenseMismatchEvidence extends EvidenceBase {
  readonly kind: 'license-mismatch';
  /** The declared expression (normalised) and the statements it was read from. */
  readonly declared: readonly LicenseMismatchSide[];
  /** The detected licences that the declared expression does not account for. */
  readonly detected: readonly LicenseMismatchSide[];
  readonly message: string;
}

/**
 * A known vulnerability that affects a component: one issue, with every id it is known by (the
 * GHSA, CVE and PYSEC advisories of one issue are one piece of evidence).
 */
export interface AdvisoryEvidence extends EvidenceBase {
  readonly kind: 'advisory';
  /** The primary id (a GHSA id when the issue has one). */
  readonly advisoryId: string;
  /** Every other id of the issue (matched advisories and their aliases). Sorted. */
  readonly aliases: readonly string[];
  /** Rating (`critical`, `high`, `medium`, `low`, `none`), or a level as the source states it. */
  readonly severity?: string;
  /** CVSS base score 0–10 when a vector gave one. */
  readonly score?: number;
  /** The CVSS vector the score comes from. */
  readonly vector?: string;
  /** The smallest version that fixes this issue. */
  readonly fixed?: string;
  /** The smallest version that fixes every issue affecting the component (same on each). */
  readonly fixedAll?: string;
  readonly summary?: string;
  /** Why it matched, per advisory id (`ECOSYSTEM range: introduced 0, fixed 2.3`). */
  readonly reasons?: Readonly<Record<string, string>>;
}

/** One thing the static analysis of a model file found (see `openvet model scan`). */
export interface ModelFileFinding {
  /** Stable rule id, e.g. `pickle.dangerous-callable`. */
  readonly rule: string;
  readonly severity: 'unsafe' | 'suspicious' | 'error' | 'unverifiable' | 'info';
  readonly message: string;
  /** The evidence: the callable, the archive member, the offset … */
  readonly detail?: string;
}

/** What a model file's static analysis found: can loading it run code? */
export interface ModelFileEvidence extends EvidenceBase {
  readonly kind: 'model-file';
  /** Path relative to the scan root. */
  readonly file: string;
  readonly format: string;
  readonly verdict: 'safe' | 'unsafe' | 'suspicious' | 'unverifiable' | 'error';
  /** The worst finding, in one sentence. */
  readonly detail?: string;
  readonly findings?: readonly ModelFileFinding[];
}

/**
 * A model that ships code its loader runs (`trust_remote_code`): Python files in its folder,
 * and the classes its configs' `auto_map` points the Auto classes at.
 */
export interface ModelCodeEvidence extends EvidenceBase {
  readonly kind: 'model-code';
  /** Python files in the model folder (paths relative to the scan root), sorted. */
  readonly files: readonly string[];
  /** `auto_map` entries as `AutoClass → reference` (`AutoModel → modeling_x.XModel`), sorted. */
  readonly autoMap: readonly string[];
  /** References to code in another repository (`org/repo--module.Class`), sorted. */
  readonly externalRepos: readonly string[];
}

/**
 * Where a model comes from: the base models it declares and, link by link, the chain of
 * ancestors up to its roots, with where each link was resolved and the licence it declares.
 * Links that could not be resolved and cycles are reported, never thrown.
 */
export interface ProvenanceEvidence extends EvidenceBase {
  readonly kind: 'provenance';
  /** The base models the model itself declares (card `base_model`, adapter config, GGUF). Sorted. */
  readonly baseModels: readonly string[];
  /** Card `base_model_relation` (`adapter`, `merge`, `quantized`, `finetune`), as declared. */
  readonly relation?: string;
  /** Where `baseModels` were read (`card`, `adapter-config`, `gguf`, `hub`, …). */
  readonly declaredIn?: string;
  /** Every ancestor, breadth-first from the nearest; one entry per model id. */
  readonly ancestors?: readonly {
    /** Hub id (`org/name`) as declared. */
    readonly id: string;
    /** 1 for a declared base model, 2 for its base, … */
    readonly depth: number;
    /** The ids at depth - 1 that name it as a base. Sorted. */
    readonly children: readonly string[];
    /** `scan`: a model in the scanned tree; `cache`: the local Hugging Face cache; `hub`: the Hub API. */
    readonly resolvedFrom: 'scan' | 'cache' | 'hub' | 'unresolved';
    /** The file or URL the link was read from. */
    readonly resolvedAt?: string;
    /** Its declared licence (card `license:` tags joined by `, `), with `license_name`/`link`. */
    readonly license?: string;
    readonly licenseName?: string;
    readonly licenseLink?: string;
    readonly relation?: string;
    /** Its own declared base models. Sorted. */
    readonly baseModels: readonly string[];
  }[];
  /** Ancestors that declare no base model: where the chain ends. Sorted. */
  readonly roots?: readonly string[];
  /** Each cycle met, as the ids around it starting from the smallest. */
  readonly cycles?: readonly (readonly string[])[];
  /** Links that could not be resolved, and why. Sorted by id. */
  readonly missing?: readonly { readonly id: string; readonly reason: string }[];
  /** The depth bound was reached with ancestors left unexplored. */
  readonly truncated?: boolean;
  /**
   * Licence inheritance (`analyzers/models/inheritance`): the declared licence judged against
   * the terms of the ancestors, and the obligations of those terms checked against the model's
   * files. Present when the model has ancestors.
   */
  readonly inheritance?: {
    /** The ancestor licence whose derivative terms govern the model (`LicenseRef-llama3.1`). */
    readonly governing?: string;
    /** Ids of the licence the model declares. */
    readonly declared: readonly string[];
    readonly conflicts: readonly LicenseConflict[];
    readonly obligations: readonly LicenseObligation[];
    readonly notes: readonly string[];
  };
}

/**
 * What a model's card, configs and weight headers say about it, and how complete its card is:
 * each documentation section (uses, limitations, training data, …) present, empty (a heading
 * with template placeholders only) or absent, summed up as a transparency score.
 */
export interface ModelCardEvidence extends EvidenceBase {
  readonly kind: 'model-card';
  /**
   * The card read, absent when the model has none: relative to the scan root, or absolute for
   * a model only referenced in the project and described from the local Hugging Face cache.
   */
  readonly card?: string;
  /** Front matter, configs, licence files and weight-header facts. Lists sorted. */
  readonly metadata: {
    readonly license: readonly string[];
    readonly licenseName?: string;
    readonly licenseLink?: string;
    readonly baseModels: readonly string[];
    readonly relation?: string;
    readonly datasets: readonly string[];
    readonly language: readonly string[];
    readonly pipelineTag?: string;
    readonly libraryName?: string;
    readonly tags: readonly string[];
    /** `model-index` results, in card order. */
    readonly results: readonly {
      readonly model?: string;
      readonly task?: string;
      readonly dataset?: string;
      readonly metric: string;
      readonly value: string | number;
    }[];
    readonly architectures: readonly string[];
    readonly modelType?: string;
    /** `auto_map` classes of config.json (`AutoClass → module.Class`). */
    readonly autoMap: readonly string[];
    /** Size facts of config.json (`hidden_size`, `num_hidden_layers`, `vocab_size`, …). */
    readonly parameters: Readonly<Record<string, number>>;
    readonly generationConfig: boolean;
    /** A chat template in tokenizer_config.json, chat_template.json/.jinja or GGUF metadata. */
    readonly chatTemplate: boolean;
    /** LICENSE, NOTICE and USE_POLICY files of the model folder (paths). */
    readonly licenseFiles: readonly string[];
    readonly noticeFiles: readonly string[];
    readonly usePolicyFiles: readonly string[];
    /** `general.*` keys of GGUF files and `metadata_props` of ONNX files, per file. */
    readonly weightMetadata: readonly {
      readonly file: string;
      readonly format: string;
      readonly values: Readonly<Record<string, string | number>>;
    }[];
  };
  /** Every expected section, in a fixed order. */
  readonly sections: readonly {
    readonly id: string;
    readonly status: 'present' | 'empty' | 'absent';
    /** The heading it was found under, as written, and its 1-based line in the card. */
    readonly heading?: string;
    readonly line?: number;
    /** Words of content (placeholders and comments not counted). */
    readonly words?: number;
    /** A present section's content as plain text (comments, placeholders and markup removed), clipped to 2,000 characters. */
    readonly text?: string;
  }[];
  readonly transparency: {
    readonly present: number;
    readonly expected: number;
    /** present / expected, 0..1, two decimals. */
    readonly score: number;
    /** Ids of sections absent or empty. Sorted. */
    readonly missing: readonly string[];
  };
}

/** A licence a model declares that the terms of a base model (or dataset) do not allow. */
export interface LicenseConflict {
  /** Where the governing terms come from: an ancestor's id or a dataset's id. */
  readonly from: string;
  readonly fromKind: 'base-model' | 'dataset';
  /** The governing licence id (`LicenseRef-llama3.1`). */
  readonly governing: string;
  /** What the model declares (`Apache-2.0`), or `(none)`. */
  readonly declared: string;
  readonly kind: 'same-license' | 'use-restrictions' | 'non-commercial';
  /** The clause of the governing licence, from the knowledge base. */
  readonly clause: string;
  readonly message: string;
}

/** Something a derivative must do under its base model's licence, and whether it does. */
export interface LicenseObligation {
  /** `license-copy`, `built-with-notice`, `name-prefix`, `use-restrictions`, `notice-file`. */
  readonly id: string;
  /** The licence that imposes it. */
  readonly license: string;
  readonly met: boolean;
  readonly clause: string;
  readonly message: string;
  /** Files that meet it (or were searched), sorted. */
  readonly files: readonly string[];
}

/** Maintenance health of a component's project. */
export interface HealthEvidence extends EvidenceBase {
  readonly kind: 'health';
  /** Overall 0–10 from the project's history (`openvet health`), when a clone was analysed. */
  readonly score?: number;
  readonly detail?: string;
  /** The source repository the package names (browse URL). */
  readonly repository?: string;
  /** The local clone the history was read from (`--repos DIR`, or the model folder). */
  readonly clone?: string;
  /** Share of the score's weight actually computed, 0–1 (never imputed). */
  readonly scoreConfidence?: number;
  /** Dimension scores 0–10 (`activity`, `people`, `security`, `process`), null when unknown. */
  readonly dimensions?: Readonly<Record<string, number | null>>;
  /** Hard flags (`single-maintainer`, `no-license`, `archived-or-deprecated`, …). Sorted. */
  readonly flags?: readonly string[];
  /** What the installed package itself shows. */
  readonly package?: {
    /** Scripts npm runs on install, by name. */
    readonly installScripts?: Readonly<Record<string, string>>;
    readonly nativeCode?: readonly string[];
    readonly minifiedFiles?: number;
    /** Obfuscated files (paths). */
    readonly obfuscated?: readonly string[];
    readonly deprecated?: string;
    /** Declared inactive (PyPI `Development Status :: 7 - Inactive`). */
    readonly inactive?: boolean;
    /** Commands it installs on the PATH (PyPI console scripts). */
    readonly commands?: readonly string[];
  };
}

/**
 * How open a model is: the Model Openness Framework's class and progress over its 17
 * components, and the OSI Open Source AI Definition 1.0 verdict, from what the scan saw.
 */
export interface OpennessEvidence extends EvidenceBase {
  readonly kind: 'openness';
  /** MOF class `I` (most open), `II` or `III`; absent when no class is met. */
  readonly class?: string;
  readonly detail?: string;
  /** Percent of each class's components met, rounded as the Model Openness Tool rounds. */
  readonly progress?: { readonly I: number; readonly II: number; readonly III: number };
  readonly osaid?: 'open-source-ai' | 'not-open-source-ai' | 'insufficient-evidence';
  /** The 17 MOF components: status (`included`, `missing`, …), licence and the files seen. */
  readonly components?: readonly {
    readonly key: string;
    readonly status: string;
    readonly license?: string;
    readonly files?: readonly string[];
  }[];
  /** The OSAID requirements, each `requirement: met|not-met|unknown — why`. */
  readonly reasons?: readonly string[];
}

/** Something learned about a component. Discriminated by `kind`. */
export type Evidence =
  | LicenseEvidence
  | LicenseMismatchEvidence
  | AdvisoryEvidence
  | ModelFileEvidence
  | ModelCodeEvidence
  | ProvenanceEvidence
  | ModelCardEvidence
  | HealthEvidence
  | OpennessEvidence;

export type Severity = 'critical' | 'high' | 'medium' | 'low' | 'info';

/** What policy says about evidence. */
export interface Finding {
  readonly ruleId: string;
  readonly severity: Severity;
  readonly componentId?: string;
  readonly message: string;
  readonly evidenceIds: readonly string[];
  readonly location?: Location;
  /** Stable across runs for the same problem in the same place. */
  readonly fingerprint: string;
}

/** The decision of a scan. */
export interface Verdict {
  readonly status: 'pass' | 'review' | 'fail';
  readonly summary: string;
  /** The intended use the policy judged (`saas`, …); absent when no policy was applied. */
  readonly use?: string;
  /** Where the policy came from (`preset saas`, `openvet.yml (extends saas)`). */
  readonly policy?: string;
  /** Fingerprints of the findings that fail the verdict, sorted; the others ask for review. */
  readonly failing?: readonly string[];
  /** What the licences the policy lets through require (AI use restrictions, notices), sorted. */
  readonly obligations?: readonly {
    readonly componentId: string;
    readonly license: string;
    readonly obligation: string;
    /** The licence clause (knowledge base) it comes from. */
    readonly clause: string;
  }[];
}

/** A file that could not be read or parsed; the scan went on without it. */
export interface ScanError {
  /** Path relative to the scan root. */
  readonly path: string;
  /** The plugin that failed on it (or `core/walk`). */
  readonly plugin: string;
  readonly message: string;
  readonly line?: number;
}

/** How a plugin fared in this scan. */
export interface PluginStatus {
  readonly name: string;
  readonly status: 'ok' | 'partial' | 'failed' | 'skipped';
  /** Files the plugin was handed. */
  readonly files: number;
  /** Files it could not read. */
  readonly errors: number;
  readonly reason?: string;
}

/** The project that was scanned. Never one of the components. */
export interface Target {
  /** The path as the user gave it. */
  readonly path: string;
  readonly type: 'directory' | 'file';
  /** The project's own name, from its root manifest when it has one. */
  readonly name: string;
  readonly version?: string;
  readonly ecosystem?: Ecosystem;
  readonly purl?: string;
  readonly declaredLicense?: string;
  /** The project's own licences (its manifest and the licence files at the scan root). */
  readonly license?: ComponentLicense;
  /** Ids of the components the project depends on directly. Sorted. */
  readonly dependsOn: readonly string[];
}

/** The tool that produced a result. */
export interface ToolInfo {
  readonly name: 'openvet';
  readonly version: string;
}

/** Everything a scan produced. The JSON report prints exactly this. */
export interface ScanResult {
  readonly schemaVersion: '1.0';
  readonly tool: ToolInfo;
  readonly target: Target;
  /** ISO 8601, from the injected clock (SOURCE_DATE_EPOCH when set). */
  readonly startedAt: string;
  readonly finishedAt: string;
  /** Sorted by id. */
  readonly components: readonly Component[];
  readonly evidence: readonly Evidence[];
  readonly findings: readonly Finding[];
  readonly errors: readonly ScanError[];
  readonly plugins: readonly PluginStatus[];
  readonly verdict: Verdict;
  /** Walk statistics. */
  readonly stats: { readonly filesWalked: number; readonly filesSkipped: number };
}
