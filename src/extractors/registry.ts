/**
 * The explicit list of extractors. Adding a format = one folder under `src/extractors/`
 * (named `<ecosystem>/<format>`, exporting `extractor`) + one line here + tests.
 * `registry.test.ts` fails when a folder is not listed or a plugin's name differs from its path.
 */
import type { Extractor } from '../core/extractor.js';
import { extractor as goGoMod } from './go/go-mod/index.js';
import { extractor as modelHfCache } from './model/hf-cache/index.js';
import { extractor as modelHubReferences } from './model/hub-references/index.js';
import { extractor as modelModelDir } from './model/model-dir/index.js';
import { extractor as modelOllamaModelfile } from './model/ollama-modelfile/index.js';
import { extractor as npmBunLock } from './npm/bun-lock/index.js';
import { extractor as npmNodeModules } from './npm/node-modules/index.js';
import { extractor as npmPackageLock } from './npm/package-lock/index.js';
import { extractor as npmPnpmLock } from './npm/pnpm-lock/index.js';
import { extractor as npmYarnLock } from './npm/yarn-lock/index.js';
import { extractor as pythonInstalled } from './python/installed/index.js';
import { extractor as pythonPdmLock } from './python/pdm-lock/index.js';
import { extractor as pythonPipfileLock } from './python/pipfile-lock/index.js';
import { extractor as pythonPoetryLock } from './python/poetry-lock/index.js';
import { extractor as pythonPylock } from './python/pylock/index.js';
import { extractor as pythonRequirements } from './python/requirements/index.js';
import { extractor as pythonUvLock } from './python/uv-lock/index.js';
import { extractor as rustCargoLock } from './rust/cargo-lock/index.js';

export const extractors: readonly Extractor[] = [
  goGoMod,
  modelHfCache,
  modelHubReferences,
  modelModelDir,
  modelOllamaModelfile,
  npmBunLock,
  npmNodeModules,
  npmPackageLock,
  npmPnpmLock,
  npmYarnLock,
  pythonInstalled,
  pythonPdmLock,
  pythonPipfileLock,
  pythonPoetryLock,
  pythonPylock,
  pythonRequirements,
  pythonUvLock,
  rustCargoLock,
];
