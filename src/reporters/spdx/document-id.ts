/**
 * Deterministic document identity for the SBOM reporters (CycloneDX `serialNumber`, SPDX
 * `documentNamespace`). Shared by `spdx` and `cyclonedx`.
 *
 * Reporters are pure (same ScanResult → same bytes), so the usual random UUID is out. Instead the
 * identity is derived from what the document says: the tool, the scan time, the target and every
 * component and evidence id, sorted. A re-scan at another time, or of a changed project, gets a
 * new identity (as CycloneDX asks: "every BOM generated SHOULD have a unique serial number"),
 * while rendering the same result again — or a SOURCE_DATE_EPOCH-pinned rebuild — reproduces it.
 */
import { createHash } from 'node:crypto';
import type { ScanResult } from '../../core/types.js';
import { compareCodePoints } from './license-expression.js';

/** RFC 4122 namespace for URL names (Appendix C). */
const URL_NAMESPACE = Buffer.from('6ba7b8119dad11d180b400c04fd430c8', 'hex');

/** SHA-256 (hex) over the parts of the result that determine an SBOM's content. */
export function contentDigest(result: ScanResult): string {
  const target = result.target;
  const canonical = JSON.stringify({
    tool: [result.tool.name, result.tool.version],
    startedAt: result.startedAt,
    target: [
      target.type,
      target.name,
      target.version ?? '',
      target.ecosystem ?? '',
      target.purl ?? '',
      target.declaredLicense ?? '',
    ],
    targetDependsOn: [...target.dependsOn].sort(compareCodePoints),
    components: result.components.map((c) => c.id).sort(compareCodePoints),
    evidence: result.evidence.map((e) => e.id).sort(compareCodePoints),
  });
  return createHash('sha256').update(canonical).digest('hex');
}

/**
 * A name-based UUID (RFC 4122 version 5: SHA-1 over namespace + name) for the result. Version 5
 * rather than a "v4-shaped" hash: it is the RFC's own deterministic form (CycloneDX requires RFC
 * 4122 conformance), and it does not claim a randomness it lacks.
 */
export function documentUuid(result: ScanResult): string {
  const name = `https://openvet.dev/sbom/${contentDigest(result)}`;
  const bytes = createHash('sha1').update(URL_NAMESPACE).update(name).digest().subarray(0, 16);
  bytes[6] = ((bytes[6] ?? 0) & 0x0f) | 0x50;
  bytes[8] = ((bytes[8] ?? 0) & 0x3f) | 0x80;
  const hex = bytes.toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20, 32)}`;
}

/**
 * The scan time as ISO 8601 UTC with second precision (`2024-05-01T12:00:00Z`), as SPDX wants
 * it. An unparsable `startedAt` (a core bug) falls back to the epoch rather than the clock, so
 * the output stays reproducible.
 */
export function isoSeconds(startedAt: string): string {
  const ms = Date.parse(startedAt);
  const date = new Date(Number.isNaN(ms) ? 0 : ms);
  return `${date.toISOString().slice(0, 19)}Z`;
}
