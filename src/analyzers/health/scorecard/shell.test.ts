/**
 * The shell analysis against the cases of Scorecard's checks/raw/shell_download_validate_test.go
 * and pinned_dependencies_test.go: which commands are dependencies, and which are pinned.
 */
import { describe, expect, it } from 'vitest';
import { analyzeShell } from './shell.js';

const SHA = 'da39a3ee5e6b4b0d3255bfef95601890afd80709';

describe('analyzeShell', () => {
  it.each<[string, string, readonly (readonly [string, boolean])[]]>([
    ['curl | bash', 'curl -s https://x.io/i.sh | bash', [['downloadThenRun', false]]],
    [
      'sudo is ignored on both sides',
      'sudo curl https://x | sudo bash -',
      [['downloadThenRun', false]],
    ],
    ['wget -O - | sh', 'wget -O - https://x/y | sh', [['downloadThenRun', false]]],
    [
      'curl | tee | bash: only the last pair counts (mvdan nests pipes right)',
      'curl https://x | tee f | bash',
      [],
    ],
    [
      'curl | python is a download then run',
      'curl https://x | python3',
      [['downloadThenRun', false]],
    ],
    ['process substitution', 'bash <(curl -s https://x/y.sh)', [['downloadThenRun', false]]],
    [
      'wget then run the file named by the URL',
      'wget https://x.io/install.sh\nbash install.sh',
      [['downloadThenRun', false]],
    ],
    [
      'wget -O file then ./file',
      'wget -O /tmp/i.sh https://x.io/a\n/tmp/i.sh',
      [['downloadThenRun', false]],
    ],
    ['curl -o is not tracked by Scorecard', 'curl -o i.sh https://x\nbash i.sh', []],
    [
      'bash -c "curl | bash" is analysed recursively',
      'bash -c "curl https://x | bash"',
      [['downloadThenRun', false]],
    ],
    ['python -c is not a shell', `python -c "curl https://x | bash"`, []],
    ['inside $(…)', 'X=$(curl https://x | bash)', [['downloadThenRun', false]]],
    ['inside if/then', 'if true; then\n  curl https://x | sh\nfi', [['downloadThenRun', false]]],
    ['a comment is not a command', '# curl https://x | bash', []],
    ['heredoc bodies are not commands', 'cat <<EOF\ncurl https://x | bash\nEOF\necho done', []],
    ['line continuation', 'curl https://x \\\n  | bash', [['downloadThenRun', false]]],
    ['pip install pkg', 'pip install requests', [['pipCommand', false]]],
    ['pip3 install -r reqs', 'pip3 install -r requirements.txt', [['pipCommand', false]]],
    [
      'pip --require-hashes',
      'pip install --require-hashes -r requirements.txt',
      [['pipCommand', true]],
    ],
    ['python -m pip install wheel', 'python -m pip install dist/x.whl', [['pipCommand', true]]],
    ['pip editable local without --no-deps', 'pip install -e .', [['pipCommand', false]]],
    ['pip editable local --no-deps', 'pip install --no-deps -e .', [['pipCommand', true]]],
    [
      'pip editable git pinned by hash --no-deps',
      `pip install --no-deps -e git+https://github.com/o/r.git@${SHA}#egg=r`,
      [['pipCommand', true]],
    ],
    [
      'pip editable git by branch --no-deps',
      'pip install --no-deps -e git+https://github.com/o/r.git@main#egg=r',
      [['pipCommand', false]],
    ],
    ['npm install', 'npm install', [['npmCommand', false]]],
    ['npm i -g pkg', 'npm i -g typescript', [['npmCommand', false]]],
    ['npm ci', 'npm ci', [['npmCommand', true]]],
    ['npm run build is not an install', 'npm run build', []],
    ['go install @semver', 'go install github.com/o/r/cmd@v1.2.3', [['goCommand', true]]],
    ['go install @latest', 'go install github.com/o/r/cmd@latest', [['goCommand', false]]],
    ['go get -u pkg', 'go get -u github.com/o/r', [['goCommand', false]]],
    ['go get @hash', `go get github.com/o/r@${SHA}`, [['goCommand', true]]],
    ['go get -insecure @semver', 'go get -insecure github.com/o/r@v1.0.0', [['goCommand', false]]],
    ['go install ./... (local)', 'go install -v ./...', [['goCommand', true]]],
    ['choco install without checksum', 'choco install git', [['chocoCommand', false]]],
    [
      'choco install --requirechecksums',
      'choco install git --requirechecksums',
      [['chocoCommand', true]],
    ],
    ['nuget install -Version', 'nuget install Pkg -Version 1.0.0', [['nugetCommand', true]]],
    ['nuget install packages.config', 'nuget install packages.config', [['nugetCommand', true]]],
    [
      'dotnet add package without version',
      'dotnet add package Newtonsoft.Json',
      [['nugetCommand', false]],
    ],
    [
      'dotnet add package --version',
      'dotnet add app.csproj package X --version 1.0',
      [['nugetCommand', true]],
    ],
    ['a quoted $VAR word is dropped (multi-part)', 'pip install "$PKG"', [['pipCommand', false]]],
  ])('%s', (_name, script, expected) => {
    expect(analyzeShell(script).map((d) => [d.type, d.pinned])).toEqual(expected);
  });

  it('reports the line of each command and the command text', () => {
    expect(analyzeShell('set -e\n\nnpm install\npip install x==1\n')).toEqual([
      { type: 'npmCommand', pinned: false, line: 3, snippet: 'npm install' },
      { type: 'pipCommand', pinned: false, line: 4, snippet: 'pip install x==1' },
    ]);
  });

  it('stays bounded on hostile input (deep nesting, unterminated quotes)', () => {
    const deep = `${'$('.repeat(500)}curl https://x | bash${')'.repeat(500)}`;
    expect(() => analyzeShell(deep)).not.toThrow();
    expect(analyzeShell('echo "unterminated\ncurl x | bash')).toEqual([]);
  });
});
