import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { bytesSource, DEFAULT_MODEL_LIMITS, verdictOf, type ModelVerdict } from '../../types.js';
import { pickleReader } from './index.js';

const context = { limits: DEFAULT_MODEL_LIMITS, depth: 0 };
const fixture = (name: string): Uint8Array =>
  new Uint8Array(readFileSync(new URL(`./__fixtures__/${name}`, import.meta.url)));

async function scan(name: string, bytes = fixture(name)) {
  const result = await pickleReader.read(bytesSource(name, bytes), context);
  return { ...result, verdict: verdictOf(result.findings) };
}

const cases: [string, ModelVerdict, string | undefined][] = [
  ['benign-containers.pkl', 'safe', undefined],
  ['benign-containers-p0.pkl', 'safe', undefined],
  ['benign-containers-p5.pkl', 'safe', undefined],
  ['benign-numpy.pkl', 'safe', undefined],
  ['benign-numpy-p5.pkl', 'safe', undefined],
  ['benign.dill', 'safe', undefined],
  ['lambda.dill', 'unsafe', 'dill._dill._create_code'],
  ['os-system-reduce.pkl', 'unsafe', 'posix.system'],
  ['os-system-proto0.pkl', 'unsafe', 'posix.system'],
  ['proto0-inst.pkl', 'unsafe', 'os.system (INST'],
  ['importlib-getattr-static.pkl', 'unsafe', 'importlib.import_module'],
  ['memo-hidden-stack-global.pkl', 'unsafe', 'posix.system (STACK_GLOBAL'],
  ['concat-stack-global.pkl', 'suspicious', 'STACK_GLOBAL at offset 42'],
  ['copyreg-reconstructor.pkl', 'unsafe', 'subprocess.Popen'],
  ['reduce-ex.pkl', 'unsafe', 'posix.system'],
  ['nested-torch-load.pkl', 'unsafe', 'torch.load'],
  ['build-setstate.pkl', 'unsafe', 'BUILD at offset'],
  ['build-on-module.pkl', 'unsafe', 'BUILD at offset'],
  ['second-pickle.pkl', 'unsafe', 'pickle 2 at offset 22'],
  ['dunder-globals.pkl', 'unsafe', '__globals__'],
];

describe('pickleReader on generated fixtures', () => {
  it.each(cases)('%s → %s', async (name, verdict, evidence) => {
    const result = await scan(name);
    expect(result.verdict).toBe(verdict);
    if (evidence) expect(result.findings.map((f) => f.detail).join('\n')).toContain(evidence);
    else expect(result.findings).toEqual([]);
  });

  it('reports dill format, protocol and callables in metadata', async () => {
    const result = await scan('benign-numpy.pkl');
    expect(result.format).toBe('pickle');
    expect(result.metadata).toMatchObject({ pickles: 1, protocol: 4, trailingBytes: 0 });
    expect(result.metadata['callables']).toContain('numpy._core.multiarray._reconstruct');
    expect((await scan('benign.dill')).format).toBe('dill');
  });

  it('reads every pickle of the file, and ignores trailing bytes that are no pickle', async () => {
    const two = await scan('second-pickle.pkl');
    expect(two.metadata['pickles']).toBe(2);
    const base = fixture('benign-containers.pkl');
    const withTail = new Uint8Array([...base, 0xff, 0xfe, 0x00]);
    const result = await scan('tail.pkl', withTail);
    expect(result.verdict).toBe('safe');
    expect(result.metadata['trailingBytes']).toBe(3);
  });

  it('flags a pickle cut short, whatever it called before', async () => {
    const base = fixture('benign-containers.pkl');
    const result = await scan('cut.pkl', base.subarray(0, base.length - 5));
    expect(result.verdict).toBe('error');
  });

  it('throws for an empty file', async () => {
    await expect(scan('empty.pkl', new Uint8Array())).rejects.toThrow(/empty/);
  });
});

describe('pickleReader.matches', () => {
  const enc = (s: string): Uint8Array => Uint8Array.from(s, (c) => c.charCodeAt(0));
  it.each([
    ['model.pkl', 'anything', true],
    ['model.dill', 'anything', true],
    ['model.bin', '\x80\x02}q\x00.', true],
    ['weights', '\x80\x04\x95', true],
    ['model.bin', 'cposix\nsystem\n(', true],
    ['model.pt', "(S'echo'\nios\nsys", true],
    ['model.bin', 'cmod\n\xf8\n', false],
    ['model.bin', '\x80\x01N.', true],
    ['model.safetensors', '\x80\x01\x00\x00\x00\x00\x00\x00{"', false],
    ['bad.pt', '\x89PNG\r\n\x1a\n', false],
    ['README', 'hello world', false],
    ['model.bin', 'hello world', false],
  ])('%s %j → %s', (name, head, expected) => {
    expect(pickleReader.matches(name, enc(head))).toBe(expected);
  });
});
