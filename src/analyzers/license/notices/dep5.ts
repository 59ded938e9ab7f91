/**
 * Debian machine-readable copyright files (DEP-5,
 * https://www.debian.org/doc/packaging-manuals/copyright-format/1.0/): a `License:` field names
 * the licence of a group of files by a short name ("GPL-2+", "Expat", a name of the file's own
 * such as "Less"); a field whose first line is followed by indented lines gives that name's text.
 * Written by hand: no maintained npm library parses the format.
 */

/** The first line of a DEP-5 file. */
export const DEP5 =
  /^\s*format:\s*https?:\/\/(?:www\.)?debian\.org\/doc\/packaging-manuals\/copyright-format\//im;

/** Whether `text` is a DEP-5 file (its Format line near the top). */
export function isDep5(text: string): boolean {
  return DEP5.test(text.slice(0, 2_000));
}

/** A `License:` field with its text: the name, and the lines (1-based) of the text. */
export interface Dep5LicenceText {
  readonly name: string;
  readonly startLine: number;
  readonly endLine: number;
}

/** The licence texts of a DEP-5 file: the `License:` fields continued by indented lines. */
export function dep5LicenceTexts(text: string): Dep5LicenceText[] {
  if (!isDep5(text)) return [];
  const lines = text.split(/\r\n?|\n/);
  const out: Dep5LicenceText[] = [];
  for (let i = 0; i < lines.length; i++) {
    const field = /^License:[ \t]*(.*)$/i.exec(lines[i] as string);
    if (!field) continue;
    let end = i;
    while (end + 1 < lines.length && /^[ \t]/.test(lines[end + 1] as string)) end++;
    if (end > i) out.push({ name: field[1] as string, startLine: i + 2, endLine: end + 1 });
    i = end;
  }
  return out;
}

/** The short names a DEP-5 file gives a text of, compared as dep5Name. */
export function dep5DefinedNames(text: string): Set<string> {
  return new Set(dep5LicenceTexts(text).map((t) => dep5Name(t.name)));
}

/** A short name as compared: lower case, spaces collapsed. */
export function dep5Name(name: string): string {
  return name.trim().toLowerCase().replace(/\s+/g, ' ');
}
