/**
 * What each policy rule means, for reports that explain findings (SARIF rule metadata, the HTML
 * and Markdown reports): a name, a one-line description, and help (what, why, how to fix) in
 * plain text and Markdown. One entry per rule id the policy raises; {@link ruleHelp} gives a
 * neutral entry for an id it does not know, so a newer policy never breaks an older reporter.
 */
import type { Severity } from '../core/types.js';

/** Where openvet lives; rule pages are under `docs/rules/`. */
export const PROJECT_URL = 'https://github.com/openvet/openvet';

/** The explanation of one rule. */
export interface RuleHelp {
  readonly id: string;
  /** PascalCase name (SARIF `reportingDescriptor.name`). */
  readonly name: string;
  /** One sentence: what the rule reports. */
  readonly short: string;
  /** Why it matters, in a few sentences (SARIF `fullDescription`). */
  readonly full: string;
  /** How to fix it, in Markdown (the plain-text help is derived from it). */
  readonly help: string;
  /** The severity a finding has when the rule does not say otherwise. */
  readonly defaultSeverity: Severity;
  /** SARIF tags: `security` for rules about exploitable problems, then the topic. */
  readonly tags: readonly string[];
  /** Link to the rule's reference page. */
  readonly helpUri: string;
}

type Entry = Omit<RuleHelp, 'id' | 'helpUri'>;

const ENTRIES: Readonly<Record<string, Entry>> = {
  'license.denied': {
    name: 'LicenseDenied',
    short: 'A component is under a licence the policy forbids for this intended use.',
    full: 'The concluded licence of the component is denied for the intended use (for example network copyleft such as AGPL in a SaaS product, strong copyleft in a distributed proprietary product, or a non-commercial licence in commercial use). Shipping it exposes the company to the licence terms the policy was written to avoid.',
    help: [
      'The component is under a licence that the policy denies for the selected `--use`.',
      '',
      '**How to fix**',
      '- Replace the component with one under an allowed licence, or remove it.',
      '- If the use is different from the one selected, scan with the right `--use`.',
      '- If legal counsel approved it, allow the component (`components.allow: ["pkg:npm/name@*"]`) or the licence (`licenses.allow: [ID]`) in `openvet.yml`, and record the approval in the file\'s comments or your review system.',
    ].join('\n'),
    defaultSeverity: 'high',
    tags: ['license', 'compliance'],
  },
  'license.review': {
    name: 'LicenseNeedsReview',
    short: 'A component is under a licence that needs a human review for this intended use.',
    full: 'The licence is neither allowed nor denied outright for the intended use: it carries conditions (an acceptable-use policy, a user threshold, use restrictions, attribution duties) that someone must check against how the component is used.',
    help: [
      'The licence has terms that depend on how the component is used.',
      '',
      '**How to fix**',
      '- Read the clause cited in the finding and decide whether the use complies.',
      '- Record the decision in `openvet.yml`: `components.allow` for the component or `licenses.allow` for the licence (YAML comments say why).',
    ].join('\n'),
    defaultSeverity: 'medium',
    tags: ['license', 'compliance'],
  },
  'license.unknown': {
    name: 'LicenseUnknown',
    short: 'No licence could be concluded for a component.',
    full: 'Without a known licence there is no permission to use, modify or distribute the component. The metadata declares nothing readable, the licence files disagree with the declaration, or none were found.',
    help: [
      'openvet could not conclude a licence for the component.',
      '',
      '**How to fix**',
      "- Check the component's repository for a licence file and ask the maintainers to declare one.",
      '- Add a LICENSE file or a licence field to the component if you control it; otherwise allow the component in `openvet.yml` (`components.allow`) once someone has checked its terms, or set `licenses.unknown: review`.',
      '- Otherwise replace the component.',
    ].join('\n'),
    defaultSeverity: 'medium',
    tags: ['license', 'compliance'],
  },
  'license.conflict': {
    name: 'LicenseConflict',
    short: "A dependency's licence conflicts with the project's own licence.",
    full: "The project is distributed under a licence whose terms cannot be met together with a dependency's licence (for example an MIT-licensed library that links GPL-3.0 code must be distributed under the GPL).",
    help: [
      "A dependency's licence is incompatible with the licence the project is distributed under.",
      '',
      '**How to fix**',
      '- Replace the dependency with one under a compatible licence.',
      "- Or change the project's licence, if that is what you mean to do.",
    ].join('\n'),
    defaultSeverity: 'high',
    tags: ['license', 'compliance'],
  },
  'vuln.severity': {
    name: 'KnownVulnerability',
    short: 'A component has a known vulnerability at or above the policy threshold.',
    full: 'An advisory (OSV, GHSA, CVE, PYSEC …) affects the version of the component in use, and its severity is at or above the threshold the policy sets.',
    help: [
      'The version in use is affected by a published advisory.',
      '',
      '**How to fix**',
      '- Upgrade to the fixed version named in the finding (the HTML report lists the upgrade that fixes every known issue).',
      '- If the vulnerable code is not reachable, add the advisory to the ignore list in `openvet.yml` with a reason and an expiry date.',
    ].join('\n'),
    defaultSeverity: 'high',
    tags: ['security', 'vulnerability'],
  },
  'model.unsafe-file': {
    name: 'UnsafeModelFile',
    short: 'Loading a model file can run code.',
    full: 'The static analysis of the model file found code execution on load (a pickle that calls a dangerous callable, a Keras Lambda layer …), or could not show the file to be harmless.',
    help: [
      'Loading this model file can run code an attacker chose.',
      '',
      '**How to fix**',
      '- Use a weights-only format such as safetensors or GGUF.',
      '- If you must load a pickle, load it with `torch.load(..., weights_only=True)` and verify its source.',
      '- Run `openvet model scan FILE` for the details.',
    ].join('\n'),
    defaultSeverity: 'critical',
    tags: ['security', 'model'],
  },
  'model.remote-code': {
    name: 'ModelRemoteCode',
    short: 'A model ships code that its loader runs (trust_remote_code).',
    full: "The model folder contains Python code, or its configuration points the Auto classes at code in the repository or another one; loading it with `trust_remote_code=True` runs that code with the application's privileges.",
    help: [
      'The model needs `trust_remote_code=True`, which runs the code it ships.',
      '',
      '**How to fix**',
      '- Prefer a model whose architecture is built into the library.',
      '- Otherwise review the code, pin the model to a commit (`revision=`) and keep it pinned.',
    ].join('\n'),
    defaultSeverity: 'medium',
    tags: ['security', 'model'],
  },
  'model.license-conflict': {
    name: 'ModelLicenseConflict',
    short: "A model's licence conflicts with the intended use or with its base model.",
    full: 'A model, a fine-tune or a dataset it was trained on carries terms (non-commercial, use restrictions, a derivative clause) that the intended use or the licence of the derived model does not meet.',
    help: [
      'The licence terms of the model or its lineage do not fit the intended use.',
      '',
      '**How to fix**',
      '- Check the base models and datasets listed in the lineage section of the HTML report.',
      '- Use a model whose whole lineage allows the intended use.',
    ].join('\n'),
    defaultSeverity: 'high',
    tags: ['license', 'model'],
  },
  'model.openness': {
    name: 'ModelOpenness',
    short: 'A model is less open than the policy requires.',
    full: 'The openness class of the model (whether its weights, code, training data and documentation are published and under open licences) is below the minimum the policy sets.',
    help: [
      'The model does not publish enough of what the policy requires (weights, code, data, documentation).',
      '',
      '**How to fix**',
      '- Choose a more open model, or lower `models.minimumOpenness` (or set `models.openness: review`) in `openvet.yml`.',
    ].join('\n'),
    defaultSeverity: 'medium',
    tags: ['model', 'openness'],
  },
  'component.denied': {
    name: 'ComponentDenied',
    short: 'A component the policy forbids by name.',
    full: "The component matches an entry of the policy's component deny list (`components.deny` in `openvet.yml`): the organisation decided not to use it, whatever its licence or security record.",
    help: [
      'The component is on the deny list of the policy.',
      '',
      '**How to fix**',
      '- Replace it with an approved alternative.',
      '- If the entry is outdated, remove it from `components.deny` in `openvet.yml`.',
    ].join('\n'),
    defaultSeverity: 'high',
    tags: ['policy'],
  },
  'health.low': {
    name: 'LowProjectHealth',
    short: "A component's project health is below the policy minimum.",
    full: 'The maintenance signals of the project behind the component (activity, maintainers, security practices) score below the minimum the policy sets: fixes may be slow to come or never come.',
    help: [
      'The project behind the component looks poorly maintained.',
      '',
      '**How to fix**',
      '- Look for a maintained alternative or fork.',
      '- If you depend on it, plan for the cost of maintaining it yourself.',
    ].join('\n'),
    defaultSeverity: 'low',
    tags: ['health', 'maintenance'],
  },
};

function entry(id: string, e: Entry): RuleHelp {
  return { id, ...e, helpUri: `${PROJECT_URL}/blob/main/docs/rules/${id}.md` };
}

/** Every rule openvet's policy can raise, sorted by id. */
export const RULES: readonly RuleHelp[] = Object.keys(ENTRIES)
  .sort()
  .map((id) => entry(id, ENTRIES[id] as Entry));

/** Help for `id`; a neutral entry (named after the id) when the rule is not known here. */
export function ruleHelp(id: string): RuleHelp {
  const known = ENTRIES[id];
  if (known !== undefined) return entry(id, known);
  const name = id
    .split(/[^A-Za-z0-9]+/)
    .filter((part) => part !== '')
    .map((part) => part[0]?.toUpperCase() + part.slice(1))
    .join('');
  return entry(id, {
    name: name === '' ? 'Rule' : name,
    short: `Policy rule ${id}.`,
    full: `A finding of the policy rule ${id}.`,
    help: `See the rule reference for ${id}.`,
    defaultSeverity: 'medium',
    tags: [],
  });
}

/** `help` as plain text: Markdown emphasis and code marks removed. */
export function plainHelp(markdown: string): string {
  return markdown.replace(/\*\*(.+?)\*\*/g, '$1').replace(/`([^`]*)`/g, '$1');
}
