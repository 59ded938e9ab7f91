import { parse } from 'smol-toml';
import { describe, expect, it } from 'vitest';
import { readPipfile, readPyproject } from './manifest.js';

describe('readPyproject', () => {
  it.each([
    [
      'PEP 621 with extras and dependency groups',
      `[project]
name = "My_App"
version = "1.0"
dependencies = ["Requests>=2", "attrs; python_version > '3.8'"]
[project.optional-dependencies]
cli = ["click"]
all = ["my-app[cli]"]
[dependency-groups]
dev = ["pytest", { include-group = "lint" }]
lint = ["ruff"]
`,
      { name: 'My_App', version: '1.0', names: ['attrs', 'click', 'pytest', 'requests', 'ruff'] },
    ],
    [
      'Poetry tables',
      `[tool.poetry]
name = "app"
version = "0.1.0"
[tool.poetry.dependencies]
python = "^3.10"
Django = "^5"
[tool.poetry.dev-dependencies]
black = "*"
[tool.poetry.group.test.dependencies]
pytest = "*"
`,
      { name: 'app', version: '0.1.0', names: ['black', 'django', 'pytest'] },
    ],
    [
      'PDM dev-dependencies',
      '[tool.pdm.dev-dependencies]\ntest = ["pytest>=8", "-e file:///${PROJECT_ROOT}/libs/x#egg=x"]\n',
      { names: ['pytest', 'x'] },
    ],
    ['nothing declared', '[build-system]\nrequires = ["hatchling"]\n', { names: [] }],
  ])('%s', (_case, text, expected) => {
    const result = readPyproject(parse(text));
    expect({ ...result, names: [...result.names].sort() }).toEqual(expected);
  });
});

describe('readPipfile', () => {
  it('reads packages, dev-packages and custom categories', () => {
    const doc = parse(`[[source]]
url = "https://pypi.org/simple"
name = "pypi"
[packages]
Requests = "*"
[dev-packages]
pytest = "*"
[docs]
sphinx = "*"
[requires]
python_version = "3.12"
[scripts]
serve = "python -m app"
`);
    expect([...readPipfile(doc).names].sort()).toEqual(['pytest', 'requests', 'sphinx']);
  });
});
