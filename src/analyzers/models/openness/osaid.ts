/**
 * The OSI Open Source AI Definition 1.0 (opensource.org/ai/open-source-ai-definition), judged
 * on the MOF components. The OSAID requires three things, each under open terms:
 *
 * - data information: sufficiently detailed information about the training data (its
 *   description, provenance, scope, labelling and cleaning) and the training methodology:
 *   here the data card, plus a technical report or research paper; documentation under terms
 *   the MOF counts as open (the OSAID asks for OSD-conformant terms);
 * - code: the complete source code used to train and run the system (data processing and
 *   filtering, training, inference, model architecture, and any supporting libraries
 *   declared), under OSI-approved licences;
 * - parameters: the weights, under OSD-conformant terms (here: what the MOF counts as open).
 *
 * Training datasets themselves are not required by the OSAID (it asks for information about
 * them), so `datasets` is not judged. The mapping to MOF components follows the OSAID 1.0
 * checklist, which lists the same components under the same three headings.
 */
import type { MofComponentKey } from './mof-data.js';
import type {
  MofComponentReport,
  OpennessMode,
  OsaidReason,
  OsaidRequirement,
  OsaidVerdict,
} from './types.js';

type Judgement = 'ok' | 'bad' | 'unknown';

interface Check {
  readonly key: MofComponentKey;
  /** Judged only when present (supporting libraries: needed only if there are any). */
  readonly ifPresent?: boolean;
}

interface Requirement {
  readonly id: OsaidRequirement;
  readonly title: string;
  /** Every group must be satisfied; within a group, any one component suffices. */
  readonly groups: readonly (readonly Check[])[];
  readonly osiOnly: boolean;
}

const REQUIREMENTS: readonly Requirement[] = [
  {
    id: 'data-information',
    title: 'Data information',
    groups: [[{ key: 'data-card' }], [{ key: 'technical-report' }, { key: 'research-paper' }]],
    osiOnly: false,
  },
  {
    id: 'code',
    title: 'Code',
    groups: [
      [{ key: 'data-preprocessing-code' }],
      [{ key: 'training-code' }],
      [{ key: 'inference-code' }],
      [{ key: 'model-architecture' }],
      [{ key: 'supporting-libraries', ifPresent: true }],
    ],
    osiOnly: true,
  },
  {
    id: 'parameters',
    title: 'Parameters',
    groups: [[{ key: 'model-parameters-final' }]],
    osiOnly: false,
  },
];

/**
 * The OSAID 1.0 verdict for an evaluated model. In `declaration` mode a component not
 * declared, or declared without a licence, is not released under open terms (not met); in
 * `evidence` mode it is merely not seen (unknown), so the verdict can be
 * `insufficient-evidence`. Anything present under terms that are not open is never met.
 */
export function osaidVerdict(
  evaluation: { readonly components: readonly MofComponentReport[] },
  mode: OpennessMode = 'declaration',
): OsaidVerdict {
  const byKey = new Map(evaluation.components.map((c) => [c.key, c]));
  const reasons: OsaidReason[] = REQUIREMENTS.map((req) => judge(req, byKey, mode));
  const verdict = reasons.some((r) => r.status === 'not-met')
    ? 'not-open-source-ai'
    : reasons.some((r) => r.status === 'unknown')
      ? 'insufficient-evidence'
      : 'open-source-ai';
  return { verdict, reasons };
}

function judge(
  req: Requirement,
  byKey: ReadonlyMap<MofComponentKey, MofComponentReport>,
  mode: OpennessMode,
): OsaidReason {
  const problems: string[] = [];
  const judgements: Judgement[] = [];
  const keys: MofComponentKey[] = [];
  for (const group of req.groups) {
    const results = group.map((check) => {
      keys.push(check.key);
      return judgeOne(check, byKey.get(check.key), req.osiOnly, mode);
    });
    const relevant = results.filter((r) => r !== undefined);
    if (relevant.length === 0) continue;
    let outcome: Judgement;
    if (relevant.some((r) => r.judgement === 'ok')) outcome = 'ok';
    else if (relevant.every((r) => r.judgement === 'bad')) outcome = 'bad';
    else outcome = 'unknown';
    judgements.push(outcome);
    if (outcome !== 'ok') problems.push(relevant.map((r) => r.why).join(', and '));
  }
  const status = judgements.includes('bad')
    ? 'not-met'
    : judgements.includes('unknown')
      ? mode === 'declaration'
        ? 'not-met'
        : 'unknown'
      : 'met';
  const terms = req.osiOnly ? 'OSI-approved licences' : 'open (OSD-conformant) terms';
  const message =
    status === 'met'
      ? `${req.title}: available under ${terms}`
      : `${req.title}: ${problems.join('; ')}`;
  return { requirement: req.id, status, message, components: keys };
}

function judgeOne(
  check: Check,
  component: MofComponentReport | undefined,
  osiOnly: boolean,
  mode: OpennessMode,
): { judgement: Judgement; why: string } | undefined {
  const name = component?.name ?? check.key;
  if (component === undefined || !component.present) {
    if (check.ifPresent === true) return undefined;
    return {
      judgement: mode === 'declaration' ? 'bad' : 'unknown',
      why: mode === 'declaration' ? `${name} is not released` : `${name} was not found`,
    };
  }
  if (component.license === null)
    return {
      judgement: mode === 'declaration' ? 'bad' : 'unknown',
      why:
        mode === 'declaration'
          ? `${name} is released without a licence (no rights granted)`
          : `${name} has no known licence`,
    };
  const open = osiOnly ? component.openBasis.includes('osi-approved') : component.licenseOpen;
  if (open) return { judgement: 'ok', why: `${name} under ${component.license}` };
  return {
    judgement: 'bad',
    why: `${name} is under ${component.license}, not ${osiOnly ? 'an OSI-approved licence' : 'open terms'}`,
  };
}
