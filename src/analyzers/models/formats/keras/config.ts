/**
 * The Keras model config check, shared by `.keras` archives (`config.json`) and legacy HDF5
 * files (the `model_config` root attribute). Deserialising a config runs code in three ways:
 * a `Lambda` layer carries marshalled Python bytecode (Keras 2: `function` = [base64, …] with
 * `function_type: "lambda"`; Keras 3: `{"class_name": "__lambda__", "config": {"code": …}}`),
 * any object may name a `module` Keras imports and a class or function it looks up there
 * (CVE-2025-1550, before Keras 3.9 any module), and custom objects run whatever code their
 * package registered. The config is JSON: it is walked (bounded), never deserialised.
 *
 * Limits: a Keras 2 config names custom classes without a module; they cannot be told from
 * built-in ones without Keras's class list, so only Lambda layers and op layers are judged there.
 */

import type { ModelFinding } from '../../types.js';

/** Deepest nesting walked (real configs stay under 20). */
const MAX_DEPTH = 100;
/** Most JSON values walked. */
const MAX_NODES = 2_000_000;
/** Most findings of one rule kept. */
const MAX_PER_RULE = 20;

/** Modules whose names in a config can only mean code execution or host access. */
const DANGEROUS_MODULES = new Set([
  'os',
  'posix',
  'nt',
  'subprocess',
  'sys',
  'builtins',
  '__builtin__',
  'importlib',
  'runpy',
  'shutil',
  'socket',
  'pty',
  'pickle',
  '_pickle',
  'marshal',
  'code',
  'codeop',
  'ctypes',
  'webbrowser',
  'multiprocessing',
  'pathlib',
  'io',
  'tempfile',
  'urllib',
  'http',
  'requests',
  'types',
  'functools',
  'operator',
]);

/** Module prefixes of Keras and its first-party libraries (KerasHub, KerasNLP, KerasCV …). */
const KERAS_MODULE = /^(keras|tf_keras|keras_[a-z0-9_]+|tensorflow(\.python)?\.keras)(\.|$)/;
/** Registered-name packages of the same libraries (`keras_hub>GemmaBackbone`). */
const KERAS_PACKAGE = /^(keras|keras_[a-z0-9_]+)$/i;

/**
 * `TFOpLambda` (Keras 2 functional models) calls the TensorFlow API symbol its `function`
 * names; these are the ones that reach files or Python.
 */
const DANGEROUS_TF_SYMBOL =
  /^(tf\.)?(io\.(read_file|write_file|matching_files|gfile)|compat\.v1\.(io|gfile|py_func|read_file|write_file)|gfile|py_function|numpy_function|py_func|raw_ops\.(ReadFile|WriteFile|MatchingFiles|PyFunc|PyFuncStateless|EagerPyFunc))/;

/** What the check found, plus facts for the report. */
export interface KerasConfigCheck {
  readonly findings: ModelFinding[];
  /** The top-level class (`Functional`, `Sequential` …). */
  readonly modelClass?: string;
  /** Number of objects with a `class_name` (layers, initializers, …). */
  readonly objectCount: number;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function nameOf(obj: Record<string, unknown>): string {
  const config = obj.config;
  const name = isRecord(config) ? config.name : obj.name;
  return typeof name === 'string' ? name.slice(0, 200) : '(unnamed)';
}

/** True when a Lambda's `function` holds bytecode rather than the name of a function. */
function hasBytecode(config: Record<string, unknown>): boolean {
  const fn = config.function;
  if (config.function_type === 'lambda') return true;
  if (Array.isArray(fn) && typeof fn[0] === 'string') return true;
  if (isRecord(fn) && fn.class_name === '__lambda__') return true;
  return typeof fn === 'string' && fn.length > 40 && /^[A-Za-z0-9+/=\s]+$/.test(fn);
}

/**
 * Walks a parsed Keras config. `where` names its origin for the findings (`config.json`,
 * `model_config`).
 */
export function checkKerasConfig(config: unknown, where: string): KerasConfigCheck {
  const findings: ModelFinding[] = [];
  const perRule = new Map<string, number>();
  const add = (f: ModelFinding): void => {
    const n = (perRule.get(f.rule) ?? 0) + 1;
    perRule.set(f.rule, n);
    if (n <= MAX_PER_RULE) findings.push(f);
  };
  let nodes = 0;
  let objectCount = 0;
  let tooDeep = false;

  const stack: { value: unknown; depth: number; path: string }[] = [
    { value: config, depth: 0, path: '' },
  ];
  while (stack.length > 0) {
    const { value, depth, path } = stack.pop()!;
    if (++nodes > MAX_NODES) {
      add({
        rule: 'keras.config-too-large',
        severity: 'error',
        message: `The config has more than ${MAX_NODES} values; the rest was not analysed.`,
        detail: where,
      });
      break;
    }
    if (depth > MAX_DEPTH) {
      tooDeep = true;
      continue;
    }
    if (Array.isArray(value)) {
      for (let i = value.length - 1; i >= 0; i--) {
        stack.push({ value: value[i], depth: depth + 1, path });
      }
      continue;
    }
    if (!isRecord(value)) continue;
    const className = typeof value.class_name === 'string' ? value.class_name : undefined;
    let here = path;
    if (className !== undefined) {
      objectCount++;
      here = `${path}/${className.slice(0, 100)}:${nameOf(value)}`;
      checkObject(value, className, `${where} ${here}`, add);
    } else if (value.function_type === 'lambda' && !/\/Lambda:[^/]*$/.test(path)) {
      // (a Lambda layer's own config: the layer finding already says it)
      add({
        rule: 'keras.lambda-function',
        severity: 'unsafe',
        message:
          'The config carries a marshalled Python function (function_type "lambda"), run on load.',
        detail: `${where} ${path}`,
      });
    }
    const entries = Object.values(value);
    for (let i = entries.length - 1; i >= 0; i--) {
      stack.push({ value: entries[i], depth: depth + 1, path: here });
    }
  }
  if (tooDeep) {
    add({
      rule: 'keras.config-too-deep',
      severity: 'error',
      message: `The config nests deeper than ${MAX_DEPTH} levels; the deeper part was not analysed.`,
      detail: where,
    });
  }
  for (const [rule, n] of perRule) {
    if (n > MAX_PER_RULE) {
      const first = findings.find((f) => f.rule === rule);
      findings.push({
        rule,
        severity: first?.severity ?? 'error',
        message: `${n - MAX_PER_RULE} more ${rule} findings not listed.`,
      });
    }
  }
  const modelClass =
    isRecord(config) && typeof config.class_name === 'string' ? config.class_name : undefined;
  return { findings, modelClass, objectCount };
}

function checkObject(
  obj: Record<string, unknown>,
  className: string,
  detail: string,
  add: (f: ModelFinding) => void,
): void {
  const config = isRecord(obj.config) ? obj.config : {};
  if (className === 'Lambda') {
    if (hasBytecode(config)) {
      add({
        rule: 'keras.lambda-layer',
        severity: 'unsafe',
        message:
          'A Lambda layer carries marshalled Python bytecode, which runs when the model is loaded or called.',
        detail,
      });
    } else {
      add({
        rule: 'keras.lambda-layer',
        severity: 'suspicious',
        message:
          'A Lambda layer calls a Python function by name; the loader resolves it from its own code.',
        detail,
      });
    }
  } else if (className === '__lambda__' && !detail.includes('/Lambda:')) {
    // (inside a Lambda layer the layer finding already says it)
    add({
      rule: 'keras.lambda-function',
      severity: 'unsafe',
      message: 'The config carries a marshalled Python function (__lambda__), run on load.',
      detail,
    });
  } else if (className === 'TFOpLambda' || className === 'SlicingOpLambda') {
    const fn = typeof config.function === 'string' ? config.function : '';
    if (DANGEROUS_TF_SYMBOL.test(fn)) {
      add({
        rule: 'keras.tf-op-layer',
        severity: 'unsafe',
        message: `An op layer calls tf.${fn.replace(/^tf\./, '')}, which reaches files or Python.`,
        detail,
      });
    }
  }

  const module = typeof obj.module === 'string' ? obj.module : undefined;
  if (module !== undefined && !KERAS_MODULE.test(module)) {
    const top = module.split('.')[0] ?? module;
    const dangerous = DANGEROUS_MODULES.has(top);
    add({
      rule: dangerous ? 'keras.dangerous-module' : 'keras.custom-object',
      severity: dangerous ? 'unsafe' : 'suspicious',
      message: dangerous
        ? `The config makes Keras import ${module}.${className}, which reaches the host or runs code.`
        : `The config needs code from module "${module.slice(0, 200)}", outside Keras.`,
      detail: `${detail} (module ${module.slice(0, 200)})`,
    });
    return;
  }
  const registered = typeof obj.registered_name === 'string' ? obj.registered_name : undefined;
  if (registered?.includes('>')) {
    const pkg = registered.slice(0, registered.indexOf('>'));
    if (!KERAS_PACKAGE.test(pkg)) {
      add({
        rule: 'keras.custom-object',
        severity: 'suspicious',
        message: `The config needs the custom object "${registered.slice(0, 200)}", registered by package "${pkg.slice(0, 100)}" outside Keras.`,
        detail,
      });
    }
  }
}
