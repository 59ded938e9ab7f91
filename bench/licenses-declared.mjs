#!/usr/bin/env node
// `npm run bench -- licenses-declared`: openvet's licence identification on real files in the
// wild, checked against what each package declares. For every package in ./node_modules (after
// `npm install`) with a `license` in its package.json, its LICENSE/LICENCE/COPYING file and its
// README are identified (as `openvet license identify` does) and each file's confident answers
// (`exact`/`high`) are compared with the declared licence:
//   agree     every confident answer is the declared id or one of its alternatives
//             (`MIT OR Apache-2.0` declared: `MIT` agrees; a family answer `GPL-3.0-*` agrees
//             with `GPL-3.0-only` or `-or-later`)
//   differ    a confident answer the declaration does not name (listed)
//   abstain   no confident answer (a README without a licence section, a pointer file)
// Needs `npm run build` first. Options: --list (print every disagreement and abstention).
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const repo = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const module = path.join(repo, 'dist', 'analyzers', 'license', 'identify.js');
if (!existsSync(module)) {
  console.error('bench: dist/ is missing: run `npm run build` first');
  process.exit(1);
}
const { identifyLicenses } = await import(pathToFileURL(module).href);
const list = process.argv.includes('--list');

const root = path.join(repo, 'node_modules');
const packages = [];
for (const name of readdirSync(root)) {
  if (name.startsWith('.')) continue;
  const dir = path.join(root, name);
  if (name.startsWith('@')) for (const sub of readdirSync(dir)) packages.push(path.join(dir, sub));
  else packages.push(dir);
}

/** The ids a declared expression names ("(MIT OR Apache-2.0)" → MIT, Apache-2.0). */
const namedIds = (expression) =>
  expression
    .replace(/[()]/g, ' ')
    .split(/\s+(?:OR|AND|WITH)\s+|\s+/)
    .filter(Boolean);
/** An answer's ids: the expression's, its same-text ids and its family. */
const answerIds = (m) => [
  ...namedIds(m.license),
  ...(m.sameText ?? []),
  ...(m.family ?? []),
  m.license.replace(/-\*$/, '-only'),
  m.license.replace(/-\*$/, '-or-later'),
];

const tally = {
  license: { agree: 0, differ: 0, abstain: 0 },
  readme: { agree: 0, differ: 0, abstain: 0 },
};
const notes = [];
for (const dir of packages) {
  let manifest;
  try {
    manifest = JSON.parse(readFileSync(path.join(dir, 'package.json'), 'utf8'));
  } catch {
    continue;
  }
  const declared = typeof manifest.license === 'string' ? manifest.license : manifest.license?.type;
  if (typeof declared !== 'string' || /^SEE LICEN[CS]E/i.test(declared)) continue;
  const ids = new Set(namedIds(declared));
  const files = readdirSync(dir).filter((f) => statSync(path.join(dir, f)).isFile());
  for (const [kind, pattern] of [
    ['license', /^(?:licen[cs]e|copying)(?:[.-]|$)/i],
    ['readme', /^readme(?:\.|$)/i],
  ]) {
    const file = files.find((f) => pattern.test(f));
    if (!file) continue;
    const text = readFileSync(path.join(dir, file), 'utf8');
    const confident = identifyLicenses(text, { fileName: file }).filter(
      (m) => m.confidence !== 'medium',
    );
    const where = `${path.relative(root, dir)}/${file} (declared ${declared})`;
    if (confident.length === 0) {
      tally[kind].abstain++;
      if (list) notes.push(`abstain  ${where}`);
    } else if (confident.every((m) => answerIds(m).some((id) => ids.has(id)))) {
      tally[kind].agree++;
    } else {
      tally[kind].differ++;
      notes.push(
        `differ   ${where}: ${confident.map((m) => `${m.license} (${m.confidence}, lines ${m.startLine}-${m.endLine})`).join(', ')}`,
      );
    }
  }
}

console.log(
  `\nopenvet licence answers vs package.json "license", ${packages.length} packages in node_modules\n`,
);
console.log('file     agree  differ  abstain');
for (const [kind, t] of Object.entries(tally)) {
  console.log(
    `${kind.padEnd(7)}  ${String(t.agree).padStart(5)}  ${String(t.differ).padStart(6)}  ${String(t.abstain).padStart(7)}`,
  );
}
if (notes.length > 0) console.log(`\n${notes.join('\n')}`);
