/**
 * `vuln.severity`: a known vulnerability at or above the policy's thresholds. At or above
 * `vulns.severity` it fails the verdict; at or above `vulns.review` it asks for a review; an
 * advisory with no usable rating asks for a review. An entry of `vulns.ignore` hides the
 * advisory (any of its ids) until its `expires` date, inclusive; after that the advisory is
 * reported again and the message says the acceptance expired.
 */
import picomatch from 'picomatch';
import { ratingOf } from '../../analyzers/vulns/severity/index.js';
import type { AdvisoryEvidence, Component, Severity } from '../../core/types.js';
import { ruleFinding } from '../finding.js';
import type { RuleContext, RuleFinding, VulnIgnore, VulnSeverity } from '../types.js';

const RANK: Readonly<Record<VulnSeverity, number>> = { critical: 4, high: 3, medium: 2, low: 1 };

/** A rating as sources write it (`MODERATE`, `Important`) → one of ours, or undefined. */
function rating(severity: string | undefined): VulnSeverity | 'none' | undefined {
  const s = severity?.trim().toLowerCase();
  if (s === undefined || s === '') return undefined;
  if (s === 'critical') return 'critical';
  if (s === 'high' || s === 'important') return 'high';
  if (s === 'medium' || s === 'moderate') return 'medium';
  if (s === 'low') return 'low';
  if (s === 'none') return 'none';
  return undefined;
}

function matchesComponent(
  entry: VulnIgnore,
  component: Component | undefined,
  id: string,
): boolean {
  if (entry.component === undefined) return true;
  const isMatch = picomatch(entry.component, { nocase: true });
  return isMatch(id) || (component?.purl !== undefined && isMatch(component.purl));
}

function ignoreEntry(
  ev: AdvisoryEvidence,
  entries: readonly VulnIgnore[],
  component: Component | undefined,
): VulnIgnore | undefined {
  const ids = new Set([ev.advisoryId, ...ev.aliases].map((id) => id.toUpperCase()));
  // An entry still in force wins over an expired one for the same advisory.
  const matching = entries.filter(
    (e) => ids.has(e.id.toUpperCase()) && matchesComponent(e, component, ev.componentId),
  );
  return matching.sort((a, b) => (a.expires > b.expires ? -1 : 1))[0];
}

/** One finding per advisory evidence at or above the review threshold, minus ignored ones. */
export function vulnSeverity(context: RuleContext): RuleFinding[] {
  const { severity: failAt, review: reviewAt, ignore } = context.policy.vulns;
  const findings: RuleFinding[] = [];
  for (const ev of context.evidence) {
    if (ev.kind !== 'advisory') continue;
    const component = context.componentById.get(ev.componentId);
    const entry = ignoreEntry(ev, ignore, component);
    if (entry !== undefined && entry.expires >= context.today) continue;
    // A level the rating bands do not know, with a score beside it: the score decides.
    const rated =
      rating(ev.severity) ?? (ev.score !== undefined ? ratingOf(ev.score, 'CVSS_V3') : undefined);
    if (rated === 'none') continue;
    const failing = rated !== undefined && RANK[rated] >= RANK[failAt];
    const reviewing = rated === undefined || RANK[rated] >= Math.min(RANK[reviewAt], RANK[failAt]);
    if (!failing && !reviewing) continue;
    const severity: Severity = rated ?? 'medium';
    const ids = ev.aliases.length > 0 ? ` (${ev.aliases.join(', ')})` : '';
    const score = ev.score !== undefined ? ` ${ev.score.toFixed(1)}` : '';
    const parts = [
      `${ev.advisoryId}${ids}: ${rated ?? `unrated (${ev.severity ?? 'no severity'})`}${score}`,
      ev.summary,
      ev.fixed !== undefined ? `fixed in ${ev.fixedAll ?? ev.fixed}` : 'no fixed version',
      entry !== undefined
        ? `the ignore entry${entry.at !== undefined ? ` at ${entry.at}` : ''} expired on ${entry.expires}`
        : undefined,
    ];
    findings.push(
      ruleFinding(
        {
          ruleId: 'vuln.severity',
          severity,
          componentId: ev.componentId,
          message: parts.filter((p) => p !== undefined && p !== '').join('; '),
          evidenceIds: [ev.id],
          ...(ev.location !== undefined ? { location: ev.location } : {}),
          key: [ev.advisoryId],
          blocking: failing,
        },
        component,
      ),
    );
  }
  return findings;
}
