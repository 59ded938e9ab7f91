/**
 * Copyright lines of a licence or notice file: what a third-party notice must reproduce
 * ("the above copyright notice … shall be included in all copies"). Written by hand: the
 * libraries that extract copyrights (ScanCode's) are Python; this needs only the statements
 * licence files open with, not copyrights buried in code.
 */

/** Most copyright lines kept per file (a NOTICE of a big bundle lists hundreds). */
export const MAX_COPYRIGHT_LINES = 200;
const MAX_LINE = 300;

/** A line that states a copyright: `Copyright (c) 2020 Jane`, `© 2019 Acme`, `(C) 2001 X`. */
const STATEMENT = /^(?:copyright\b|\(c\)\s*\d|©)/i;
/**
 * Template and prose lines that name copyright without stating one: licence boilerplate
 * ("the above copyright notice"), placeholders (`[yyyy] [name of copyright owner]`).
 */
const NOT_A_STATEMENT =
  /copyright (?:notice|holders?\b(?! of)|owners?\b|law|and license|statement)|\[yyyy\]|\[year\]|<year>|\{yyyy\}|\{year\}|<copyright holders?>|\[name of|<name of|copyright \(c\) <|copyright \[/i;

/** Comment and list markers a copyright line may sit behind (`# `, ` * `, `// `, `- `). */
const LEADER = /^[\s#*/;>-]*/;

/** The distinct copyright statements of `text`, in file order, trimmed. */
export function copyrightLines(text: string): string[] {
  const out: string[] = [];
  const seen = new Set<string>();
  for (const raw of text.split(/\r?\n/)) {
    const line = raw.replace(LEADER, '').replace(/\s+/g, ' ').trim();
    if (line.length < 6 || line.length > MAX_LINE) continue;
    if (!STATEMENT.test(line) || NOT_A_STATEMENT.test(line)) continue;
    // "Copyright" alone, or followed only by punctuation, states nothing.
    if (/^copyright\W*$/i.test(line)) continue;
    const key = line.toLowerCase();
    if (seen.has(key)) continue;
    seen.add(key);
    out.push(line);
    if (out.length >= MAX_COPYRIGHT_LINES) break;
  }
  return out;
}
