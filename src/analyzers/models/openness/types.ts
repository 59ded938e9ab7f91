/**
 * Types of the openness evaluation: a MOF declaration as read from a file, what a scan saw
 * of a model (`ModelArtifacts`), and the evaluation both produce (MOF class and progress, the
 * 17 components, the OSI Open Source AI Definition verdict).
 */
import type { MofClassNumber, MofComponentKey, MofContentType } from './mof-data.js';

export type { MofClassNumber, MofComponentKey, MofContentType } from './mof-data.js';

/** The global licence slots of a declaration: one for everything, or one per content type. */
export type MofGlobalSlot = 'distribution' | MofContentType;

/** A global licence as declared (`release.license.<slot>`). */
export interface MofGlobalLicense {
  readonly name?: string | null;
  readonly path?: string | null;
}

/** One `release.components[]` entry, as declared. */
export interface MofDeclaredComponent {
  /** One of the 17 component names of the framework (validated). */
  readonly name: string;
  readonly description?: string;
  /**
   * The component's own licence. `'unlicensed'` and `''` mean "declared without a licence":
   * the global licences then do NOT apply (the MOT's reading). Absent or null: the global
   * licences apply.
   */
  readonly license?: string | null;
  readonly licensePath?: string | null;
  readonly componentPath?: string | null;
  /** Files that are the evidence for this component (set by `modelOpenness`, not by files). */
  readonly evidence?: readonly string[];
}

/** A MOF model declaration (the `release` part of a MOT YAML/JSON file), validated. */
export interface MofDeclaration {
  readonly name: string;
  readonly version?: string;
  readonly producer?: string;
  readonly date?: string;
  readonly type?: string;
  readonly architecture?: string;
  readonly origin?: string;
  readonly repository?: string;
  readonly huggingface?: string;
  /** `framework.version` when the file has a `framework` block. */
  readonly frameworkVersion?: string;
  readonly license: Readonly<Partial<Record<MofGlobalSlot, MofGlobalLicense>>>;
  readonly components: readonly MofDeclaredComponent[];
}

/** Roman class names, as reports print them. */
export type MofClassName = 'I' | 'II' | 'III';

/** Where a component's licence came from. */
export type MofLicenseSource = 'component' | 'global-type' | 'global-distribution';

/**
 * Why a component stands where it stands:
 * - `open`: declared, under a licence the framework counts as open;
 * - `not-open`: declared, under a licence it does not (unknown name, non-commercial, custom);
 * - `unlicensed`: declared without any licence;
 * - `missing`: a required component not declared;
 * - `substituted`: the technical report, not declared, stood in for by the research paper;
 * - `not-declared`: an optional component not declared (never counts).
 */
export type MofComponentStatus =
  'open' | 'not-open' | 'unlicensed' | 'missing' | 'substituted' | 'not-declared';

/** Why a licence is open in the framework's eyes. */
export type MofOpenBasis = 'osi-approved' | 'fsf-libre' | 'open-data';

/** One of the 17 components in an evaluation. */
export interface MofComponentReport {
  /** The MOT's component id. */
  readonly id: number;
  readonly key: MofComponentKey;
  readonly name: string;
  readonly contentType: MofContentType;
  /** The least open class that needs it (a class-3 component counts for III, II and I). */
  readonly class: MofClassNumber;
  readonly required: boolean;
  /** The classes it counts towards (empty for optional components). */
  readonly requiredFor: readonly MofClassName[];
  readonly present: boolean;
  /** The licence that applies, after global licences; null when none. */
  readonly license: string | null;
  readonly licenseSource: MofLicenseSource | null;
  readonly licenseOpen: boolean;
  readonly openBasis: readonly MofOpenBasis[];
  /** Open, and a licence the framework lists for this content type (else only a warning). */
  readonly typeAppropriate: boolean;
  readonly status: MofComponentStatus;
  /** One sentence a person understands. */
  readonly reason: string;
  /** Files behind the component (from `modelOpenness`). */
  readonly evidence?: readonly string[];
}

/** A percentage per class. */
export interface MofProgress {
  readonly I: number;
  readonly II: number;
  readonly III: number;
}

/** The MOF evaluation of one model. */
export interface MofEvaluation {
  readonly name: string;
  /** The most open class fully met; null when none (the MOT's "Unclassified"). */
  readonly class: MofClassName | null;
  /** The MOT's label, e.g. `Class III - Open Model`, `Unclassified`. */
  readonly label: string;
  /**
   * Progress per class rounded as the MOT rounds it for display (PHP `round`, half away from
   * zero). A class shows 0 until every less open class is fully met: the MOT counts from III
   * down and stops at the first class not met.
   */
  readonly progress: MofProgress;
  /** The same, unrounded (what the MOT's API returns). */
  readonly progressExact: MofProgress;
  /** The 17 components, class III first. */
  readonly components: readonly MofComponentReport[];
  /** Things to fix that do not change the class (licences open but not type-appropriate). */
  readonly warnings: readonly string[];
}

/** The three requirements of the OSI Open Source AI Definition 1.0. */
export type OsaidRequirement = 'data-information' | 'code' | 'parameters';

/** One requirement's outcome. */
export interface OsaidReason {
  readonly requirement: OsaidRequirement;
  /** `unknown`: nothing proves it either way (only when judging what a scan saw). */
  readonly status: 'met' | 'not-met' | 'unknown';
  readonly message: string;
  /** The MOF components the requirement was judged on. */
  readonly components: readonly MofComponentKey[];
}

/** The OSAID 1.0 verdict with its reasons, one per requirement. */
export interface OsaidVerdict {
  readonly verdict: 'open-source-ai' | 'not-open-source-ai' | 'insufficient-evidence';
  readonly reasons: readonly OsaidReason[];
}

/**
 * How absence is read: in a `declaration` the producer lists what it releases, so a
 * component not listed is not released; in `evidence` (what a scan saw) a component not seen
 * may still exist elsewhere, so absence proves nothing.
 */
export type OpennessMode = 'declaration' | 'evidence';

/** What a scan found for one MOF component. */
export interface ComponentEvidence {
  /** Paths (relative to the scan root) that show the component exists. */
  readonly files: readonly string[];
  /**
   * The component's own licence when known (SPDX id or expression, `LicenseRef-…`, or a
   * Hugging Face licence tag); else the model's licence applies.
   */
  readonly license?: string;
}

/**
 * What a scan can see about one model, the input of `modelOpenness`. Fill in a component
 * only when there is evidence for it; a component left out is "not seen", not "absent".
 *
 * Typical mapping (for the lead wiring `openvet scan`):
 * - `model-parameters-final`: weight files (`*.safetensors`, `*.bin`, `*.gguf`, `*.onnx`, …);
 * - `model-parameters-intermediate`: checkpoint folders (`checkpoint-*`, `global_step*`);
 * - `model-architecture`: `config.json` with `auto_map` code files, or `modeling_*.py`;
 * - `model-metadata`: `config.json`, `generation_config.json`, `training_args.bin`;
 * - `model-card`: `README.md` with front matter; `evaluation-results`: its `model-index`;
 * - `data-card`: a card section on training data, or a dataset card;
 * - `datasets`: card `datasets:` entries; `training-code`, `inference-code`,
 *   `evaluation-code`, `data-preprocessing-code`: scripts found beside the model;
 * - `technical-report` / `research-paper`: a card citation or arXiv link;
 * - `license` (model): the card's `license:` or the identified LICENSE file.
 */
export interface ModelArtifacts {
  /** The model's name (repo id or folder name). */
  readonly name: string;
  /** The model's licence: applies to every component that has none of its own. */
  readonly license?: string;
  /** LICENSE/NOTICE files found, reported on the weights' evidence. */
  readonly licenseFiles?: readonly string[];
  readonly components: Readonly<Partial<Record<MofComponentKey, ComponentEvidence>>>;
}

/** The openness of one model: MOF evaluation plus the OSAID verdict. */
export interface ModelOpenness extends MofEvaluation {
  readonly osaid: OsaidVerdict;
}
