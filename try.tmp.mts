import { runExtractor, tempTree } from './src/testing/extract.ts';
import { readFileSync } from 'node:fs';
const [mod, real, ...files] = process.argv.slice(2);
const { extractor } = await import(`./src/extractors/python/${mod}/index.ts`);
for (const f of files) {
  const root = await tempTree({ [real]: readFileSync(f) });
  try {
    const r = await runExtractor(extractor, root, real);
    console.log('==', f, JSON.stringify(r, (k, v) => k === 'hashes' ? `${v.length} hashes` : v, 1).replace(/\n\s*/g, ' '));
  } catch (e) { console.log('==', f, 'ERROR', e.constructor.name, e.message, e.line); }
}
