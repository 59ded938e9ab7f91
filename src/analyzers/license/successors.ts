/**
 * Deprecated SPDX ids whose licence lives on under another id (from the SPDX list's deprecation
 * notes), written by the team: a text or identifier naming the deprecated id is that licence.
 * The GNU `-only`/`-or-later` renames are handled where GNU ids are read.
 */
const SUCCESSORS: Readonly<Record<string, string>> = {
  'BSD-2-Clause-NetBSD': 'BSD-2-Clause',
  'BSD-2-Clause-FreeBSD': 'BSD-2-Clause-Views',
  'bzip2-1.0.5': 'bzip2-1.0.6',
  Nunit: 'zlib-acknowledgement',
  'StandardML-NJ': 'SMLNJ',
  'eCos-2.0': 'GPL-2.0-or-later WITH eCos-exception-2.0',
  wxWindows: 'GPL-2.0-or-later WITH WxWindows-exception-3.1',
  // An exception: deprecated when Qt-LGPL-exception-1.1 took its text, whatever company (Nokia,
  // Digia's later 1.1 aside, The Qt Company) the title names.
  'Nokia-Qt-exception-1.1': 'Qt-LGPL-exception-1.1',
};

/** The id SPDX now lists a deprecated licence id as, or undefined. */
export function successorOf(id: string): string | undefined {
  return SUCCESSORS[id];
}

/** Replaces deprecated ids with their successors inside an SPDX expression. */
export function withSuccessors(expression: string): string {
  return expression.replace(/[A-Za-z0-9.+-]+/g, (id) => {
    const next = SUCCESSORS[id];
    return next === undefined ? id : next.includes(' ') ? `(${next})` : next;
  });
}
