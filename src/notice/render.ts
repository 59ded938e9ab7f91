/**
 * A notice document as plain text (the `THIRD_PARTY_NOTICES.txt` distributors ship) or
 * Markdown. Pure: the same document gives the same bytes.
 */
import type { NoticeComponent, NoticeDocument } from './collect.js';

/** Output formats of `openvet notice`. */
export const NOTICE_FORMATS = ['text', 'markdown'] as const;
export type NoticeFormat = (typeof NOTICE_FORMATS)[number];

const RULE = '='.repeat(78);
const THIN = '-'.repeat(78);

function label(c: NoticeComponent): string {
  return c.version === undefined ? c.name : `${c.name} ${c.version}`;
}

/** A fence longer than any backtick run in `text`, so a licence text cannot close it. */
function fence(text: string): string {
  const longest = Math.max(2, ...[...text.matchAll(/`+/g)].map((m) => m[0].length));
  return '`'.repeat(longest + 1);
}

function escapeMarkdown(text: string): string {
  return text.replace(/([\\`*_[\]<>#|])/g, '\\$1');
}

function renderText(doc: NoticeDocument): string {
  const out: string[] = [
    `THIRD-PARTY SOFTWARE NOTICES AND INFORMATION`,
    `${doc.project} uses the third-party components below, under the licences named.`,
    '',
  ];
  for (const group of doc.groups) {
    out.push(RULE, `${group.license}${group.name !== undefined ? ` (${group.name})` : ''}`, RULE);
    for (const c of group.components) {
      out.push('', `* ${label(c)}`);
      for (const line of c.copyrights) out.push(`  ${line}`);
      for (const notice of c.notices) out.push(`  Notice: ${notice}`);
      for (const file of c.files) {
        out.push('', `  ${THIN.slice(2)}`, `  ${file.path}:`, '', file.text.trimEnd(), '');
      }
    }
    for (const ref of group.references) {
      out.push('', THIN, `${ref.name} (${ref.id})`, THIN, '');
      if (ref.text !== undefined) out.push(ref.text.trimEnd());
      else out.push(`The text of this licence is at ${ref.url ?? '(no address known)'}.`);
    }
    out.push('');
  }
  if (doc.unknown.length > 0) {
    out.push(RULE, 'LICENCE NOT DETERMINED (review before distributing)', RULE);
    for (const c of doc.unknown) {
      out.push(`* ${label(c)}`);
      for (const line of c.copyrights) out.push(`  ${line}`);
    }
    out.push('');
  }
  return `${out.join('\n').trimEnd()}\n`;
}

function renderMarkdown(doc: NoticeDocument): string {
  const out: string[] = [
    '# Third-party notices',
    '',
    `${escapeMarkdown(doc.project)} uses the third-party components below, under the licences named.`,
    '',
  ];
  for (const group of doc.groups) {
    out.push(
      `## ${escapeMarkdown(group.license)}${group.name !== undefined ? ` (${escapeMarkdown(group.name)})` : ''}`,
      '',
    );
    for (const c of group.components) {
      out.push(`### ${escapeMarkdown(label(c))}`, '');
      for (const line of c.copyrights) out.push(`- ${escapeMarkdown(line)}`);
      for (const notice of c.notices) out.push(`- **Notice:** ${escapeMarkdown(notice)}`);
      if (c.copyrights.length + c.notices.length > 0) out.push('');
      for (const file of c.files) {
        const f = fence(file.text);
        out.push(
          '<details>',
          `<summary>${escapeMarkdown(file.path)}</summary>`,
          '',
          f,
          file.text.trimEnd(),
          f,
          '',
          '</details>',
          '',
        );
      }
    }
    for (const ref of group.references) {
      out.push(`### Licence text: ${escapeMarkdown(ref.name)}`, '');
      if (ref.text !== undefined) {
        const f = fence(ref.text);
        out.push(f, ref.text.trimEnd(), f, '');
      } else {
        out.push(`The text of this licence is at <${ref.url ?? 'no address known'}>.`, '');
      }
    }
  }
  if (doc.unknown.length > 0) {
    out.push('## Licence not determined', '', 'Review these before distributing:', '');
    for (const c of doc.unknown) out.push(`- ${escapeMarkdown(label(c))}`);
    out.push('');
  }
  return `${out.join('\n').trimEnd()}\n`;
}

/** Render `doc` in `format`. */
export function renderNotice(doc: NoticeDocument, format: NoticeFormat): string {
  return format === 'markdown' ? renderMarkdown(doc) : renderText(doc);
}
