// Writes the prebuilt licence reference index next to the compiled matcher, so that
// `openvet` does not normalise ~700 licence texts at every start (see match.ts getIndex).
// Run by `npm run build` after tsc.
import { writeFileSync } from 'node:fs';

const match = new URL('../dist/analyzers/license/match.js', import.meta.url);
const { serializeIndex } = await import(match.href);
const data = serializeIndex();
writeFileSync(new URL('license-index.bin', match), data);
console.log(`license index: ${(data.byteLength / 1024).toFixed(0)} KiB`);
