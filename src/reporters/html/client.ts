/**
 * The script of the HTML report (inlined; its hash is in the report's CSP). Vanilla JavaScript,
 * kept as a string because it runs in the browser, not in Node. It reads the embedded JSON and
 * builds the page with DOM APIs only (`textContent`, never `innerHTML`), so no value from the
 * scan is ever parsed as HTML. It tolerates evidence kinds and fields it does not know: they
 * are shown as generic fields.
 */
export const CLIENT_SCRIPT = String.raw`
(function () {
  'use strict';
  var data = JSON.parse(document.getElementById('openvet-data').textContent);
  var result = data.result;
  var rules = data.rules || {};
  var SEVERITIES = ['critical', 'high', 'medium', 'low', 'info'];
  var components = result.components || [];
  var evidence = result.evidence || [];
  var findings = result.findings || [];

  function el(tag, props, children) {
    var node = document.createElement(tag);
    if (props) {
      Object.keys(props).forEach(function (key) {
        var value = props[key];
        if (value === undefined || value === null) return;
        if (key === 'text') node.textContent = String(value);
        else if (key === 'className') node.className = value;
        else if (key === 'hidden') node.hidden = Boolean(value);
        else node.setAttribute(key, String(value));
      });
    }
    (children || []).forEach(function (child) {
      if (child === undefined || child === null || child === false) return;
      node.appendChild(typeof child === 'string' ? document.createTextNode(child) : child);
    });
    return node;
  }

  function label(c) {
    if (!c) return '';
    if (c.version) return c.name + '@' + shortVersion(c);
    if (c.source && c.source.commit) return c.name + '#' + String(c.source.commit).slice(0, 12);
    return c.name;
  }

  /** Commit hashes used as versions (hub models) are cut to 12 characters; the details keep them whole. */
  function shortVersion(c) {
    if (c.version) return /^[0-9a-f]{40,64}$/.test(c.version) ? c.version.slice(0, 12) + '…' : c.version;
    return c.source && c.source.commit ? '#' + String(c.source.commit).slice(0, 12) : '';
  }

  function where(loc) {
    if (!loc || !loc.path) return '';
    if (loc.line === undefined) return loc.path;
    if (loc.endLine !== undefined && loc.endLine !== loc.line) return loc.path + ':' + loc.line + '-' + loc.endLine;
    return loc.path + ':' + loc.line;
  }

  function rank(severity) {
    var i = SEVERITIES.indexOf(severity);
    return i < 0 ? SEVERITIES.length : i;
  }

  function group(list, keyOf) {
    var map = new Map();
    list.forEach(function (item) {
      var key = keyOf(item);
      if (!map.has(key)) map.set(key, []);
      map.get(key).push(item);
    });
    return map;
  }

  var byId = new Map(components.map(function (c) { return [c.id, c]; }));
  var byName = new Map(components.map(function (c) { return [c.name, c]; }));
  var evidenceOf = group(evidence, function (e) { return e.componentId; });
  var findingsOf = group(findings, function (f) { return f.componentId; });
  var dependents = new Map();
  components.forEach(function (c) {
    (c.dependsOn || []).forEach(function (d) {
      if (!dependents.has(d)) dependents.set(d, []);
      dependents.get(d).push(c.id);
    });
  });

  function healthOf(c) {
    var scores = (evidenceOf.get(c.id) || [])
      .filter(function (e) { return e.kind === 'health' && typeof e.score === 'number'; })
      .map(function (e) { return e.score; });
    return scores.length ? Math.min.apply(null, scores) : undefined;
  }

  function licenseOf(c) {
    if (c.license && c.license.concluded) return c.license.concluded;
    if (c.license && c.license.status === 'mismatch') return 'mismatch';
    if (c.license && c.license.declared) return c.license.declared;
    return c.declaredLicense || '';
  }

  function categoryOf(c) {
    return (c.license && c.license.category) || 'unknown';
  }

  var rows = components.map(function (c) {
    var own = findingsOf.get(c.id) || [];
    var worst = own.reduce(function (w, f) { return Math.min(w, rank(f.severity)); }, SEVERITIES.length);
    return {
      id: c.id,
      component: c,
      name: c.name,
      version: shortVersion(c),
      ecosystem: c.ecosystem,
      kind: c.kind,
      scope: c.scope,
      license: licenseOf(c),
      category: categoryOf(c),
      findings: own.length,
      worst: worst,
      health: healthOf(c),
      search: [c.name, c.version, c.id, c.purl, licenseOf(c), categoryOf(c)].join(' ').toLowerCase()
    };
  });

  // ---- charts -------------------------------------------------------------------------------
  var PALETTE = ['#1a7f37', '#0969da', '#bf8700', '#cf222e', '#8250df', '#8b0000', '#1b7c83', '#953800', '#59636e', '#bc4c00'];
  var SEVERITY_COLOURS = { critical: '#8b0000', high: '#cf222e', medium: '#bf8700', low: '#0969da', info: '#59636e' };

  function chart(id, type, labels, values, colours) {
    var canvas = document.getElementById(id);
    if (!canvas) return;
    if (typeof window.Chart !== 'function') {
      canvas.replaceWith(el('p', { className: 'hint', text: 'Charts unavailable.' }));
      return;
    }
    canvas.setAttribute('data-values', JSON.stringify(values));
    new window.Chart(canvas, {
      type: type,
      data: { labels: labels, datasets: [{ data: values, backgroundColor: colours }] },
      options: {
        animation: false,
        responsive: true,
        maintainAspectRatio: false,
        plugins: { legend: { display: type === 'doughnut', position: 'right' } },
        scales: type === 'bar' ? { y: { beginAtZero: true, ticks: { precision: 0 } } } : {}
      }
    });
  }

  function drawCharts() {
    var categories = group(rows, function (r) { return r.category; });
    var names = Array.from(categories.keys()).sort();
    chart('chart-licenses', 'doughnut', names,
      names.map(function (n) { return categories.get(n).length; }),
      names.map(function (n, i) { return n === 'unknown' ? '#afb8c1' : PALETTE[i % PALETTE.length]; }));
    chart('chart-severities', 'bar', SEVERITIES,
      SEVERITIES.map(function (s) { return findings.filter(function (f) { return f.severity === s; }).length; }),
      SEVERITIES.map(function (s) { return SEVERITY_COLOURS[s]; }));
    var bands = [['0-2.9', 0, 3], ['3-4.9', 3, 5], ['5-6.9', 5, 7], ['7-10', 7, 10.01]];
    var health = bands.map(function (b) {
      return rows.filter(function (r) { return r.health !== undefined && r.health >= b[1] && r.health < b[2]; }).length;
    });
    health.push(rows.filter(function (r) { return r.health === undefined; }).length);
    chart('chart-health', 'bar', bands.map(function (b) { return b[0]; }).concat(['no data']), health,
      ['#cf222e', '#bf8700', '#0969da', '#1a7f37', '#afb8c1']);
  }

  // ---- findings -----------------------------------------------------------------------------
  var findingSeverity = document.getElementById('finding-severity');
  SEVERITIES.forEach(function (s) { findingSeverity.appendChild(el('option', { value: s, text: s })); });

  function sevCell(severity) {
    return el('td', {}, [el('span', { className: 'sev sev-' + severity, text: severity })]);
  }

  function componentButton(id) {
    var c = byId.get(id);
    if (!c) return id ? document.createTextNode(id) : document.createTextNode(result.target.name);
    var b = el('button', { className: 'link', type: 'button', 'data-id': id, text: label(c) });
    b.addEventListener('click', function () { showDetails(id); });
    return b;
  }

  function ruleCell(ruleId) {
    var help = rules[ruleId];
    return el('td', { title: help ? help.short : '' }, [el('code', { text: ruleId })]);
  }

  function renderFindings() {
    var wanted = findingSeverity.value;
    var list = findings
      .filter(function (f) { return !wanted || f.severity === wanted; })
      .slice()
      .sort(function (a, b) { return rank(a.severity) - rank(b.severity) || (a.ruleId < b.ruleId ? -1 : a.ruleId > b.ruleId ? 1 : 0); });
    var tbody = document.querySelector('#findings tbody');
    tbody.replaceChildren.apply(tbody, list.map(function (f) {
      var c = byId.get(f.componentId);
      return el('tr', { 'data-severity': f.severity }, [
        sevCell(f.severity),
        ruleCell(f.ruleId),
        el('td', {}, [componentButton(f.componentId)]),
        el('td', { text: f.message }),
        el('td', { className: 'mono', text: where(f.location || (c && c.locations[0])) })
      ]);
    }));
    document.querySelector('#findings .empty').hidden = list.length > 0;
  }
  findingSeverity.addEventListener('change', renderFindings);

  // ---- components table -----------------------------------------------------------------------
  var COLUMNS = [
    ['name', 'Name'], ['version', 'Version'], ['ecosystem', 'Ecosystem'], ['kind', 'Kind'],
    ['scope', 'Scope'], ['license', 'Licence'], ['category', 'Category'], ['findings', 'Findings'],
    ['health', 'Health']
  ];
  var sort = { key: 'name', dir: 1 };
  var filter = document.getElementById('filter');
  var ecosystemSelect = document.getElementById('filter-ecosystem');
  var kindSelect = document.getElementById('filter-kind');
  var onlyFindings = document.getElementById('filter-findings');
  var headRow = document.querySelector('#components thead tr');
  var tbody = document.querySelector('#components tbody');
  var selected = null;

  Array.from(new Set(rows.map(function (r) { return r.ecosystem; }))).sort().forEach(function (v) {
    ecosystemSelect.appendChild(el('option', { value: v, text: v }));
  });
  Array.from(new Set(rows.map(function (r) { return r.kind; }))).sort().forEach(function (v) {
    kindSelect.appendChild(el('option', { value: v, text: v }));
  });

  COLUMNS.forEach(function (col) {
    var button = el('button', { type: 'button', 'data-key': col[0], text: col[1] });
    button.addEventListener('click', function () {
      sort = { key: col[0], dir: sort.key === col[0] ? -sort.dir : 1 };
      renderComponents();
    });
    headRow.appendChild(el('th', { 'data-key': col[0], 'aria-sort': 'none' }, [button]));
  });

  function value(row, key) {
    if (key === 'findings') return row.findings === 0 ? -1 : (SEVERITIES.length - row.worst) * 100000 + row.findings;
    return row[key];
  }

  function compareRows(a, b) {
    var x = value(a, sort.key);
    var y = value(b, sort.key);
    var cmp;
    if (x === undefined && y === undefined) cmp = 0;
    else if (x === undefined) return 1;
    else if (y === undefined) return -1;
    else if (typeof x === 'number' && typeof y === 'number') cmp = x - y;
    else cmp = String(x).localeCompare(String(y), 'en', { numeric: true });
    return cmp * sort.dir || a.name.localeCompare(b.name, 'en') || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
  }

  function renderComponents() {
    var text = filter.value.trim().toLowerCase();
    var eco = ecosystemSelect.value;
    var kind = kindSelect.value;
    var list = rows.filter(function (r) {
      return (!text || r.search.indexOf(text) >= 0) && (!eco || r.ecosystem === eco) &&
        (!kind || r.kind === kind) && (!onlyFindings.checked || r.findings > 0);
    }).sort(compareRows);
    Array.from(headRow.children).forEach(function (th) {
      th.setAttribute('aria-sort', th.getAttribute('data-key') === sort.key ? (sort.dir > 0 ? 'ascending' : 'descending') : 'none');
    });
    tbody.replaceChildren.apply(tbody, list.map(function (r) {
      var name = el('button', { className: 'link', type: 'button', text: r.name });
      name.addEventListener('click', function () { showDetails(r.id); });
      var worst = r.findings > 0 ? SEVERITIES[r.worst] : undefined;
      return el('tr', { 'data-id': r.id, className: r.id === selected ? 'selected' : '' }, [
        el('td', {}, [name]),
        el('td', { className: 'mono', text: r.version }),
        el('td', { text: r.ecosystem }),
        el('td', { text: r.kind }),
        el('td', { text: r.scope }),
        el('td', { text: r.license }),
        el('td', { text: r.category }),
        worst ? el('td', {}, [el('span', { className: 'sev sev-' + worst, text: r.findings + ' ' + worst })]) : el('td', { text: '0' }),
        el('td', { text: r.health === undefined ? '' : String(r.health) })
      ]);
    }));
    document.getElementById('shown').textContent = list.length + ' of ' + rows.length + ' components';
  }
  // The text box re-renders on 'input' only: a 'change' when it loses focus would rebuild the
  // rows between the mousedown and the mouseup of a click on one of them, and lose the click.
  filter.addEventListener('input', renderComponents);
  [ecosystemSelect, kindSelect, onlyFindings].forEach(function (input) {
    input.addEventListener('change', renderComponents);
  });

  // ---- details --------------------------------------------------------------------------------
  function show(v) {
    if (v === undefined || v === null) return '';
    if (Array.isArray(v)) return v.map(show).join(', ');
    if (typeof v === 'object') {
      if (v.path !== undefined) return where(v);
      return JSON.stringify(v);
    }
    return String(v);
  }

  function fields(pairs) {
    var dl = el('dl', { className: 'fields' });
    pairs.forEach(function (p) {
      var v = p[1];
      if (v === undefined || v === null || v === '' || (Array.isArray(v) && v.length === 0)) return;
      dl.appendChild(el('dt', { text: p[0] }));
      dl.appendChild(el('dd', {}, [typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean' ? String(v) : (v.nodeType ? v : show(v))]));
    });
    return dl;
  }

  var SKIP = { id: 1, kind: 1, componentId: 1 };
  function evidenceBox(e) {
    var pairs = Object.keys(e).filter(function (k) { return !SKIP[k]; }).sort().map(function (k) { return [k, e[k]]; });
    return el('div', { className: 'evidence', 'data-kind': e.kind }, [
      el('h4', { text: e.kind + ' (' + e.id + ')' }),
      fields(pairs)
    ]);
  }

  function linkList(ids) {
    var span = el('span');
    ids.forEach(function (id, i) {
      if (i > 0) span.appendChild(document.createTextNode(', '));
      span.appendChild(componentButton(id));
    });
    return span;
  }

  /** A model or dataset reference as evidence may hold it: a name, or an object naming it. */
  function refName(ref) {
    if (typeof ref === 'string') return ref;
    if (ref && typeof ref === 'object') {
      var name = ref.name || ref.id || ref.model || ref.repo;
      return typeof name === 'string' ? name : undefined;
    }
    return undefined;
  }

  /** Names listed under any of 'keys' in the component's evidence, unique, in order. */
  function refsOf(c, keys) {
    var names = [];
    (evidenceOf.get(c.id) || []).forEach(function (e) {
      keys.forEach(function (key) {
        var list = e[key];
        if (list === undefined || list === null) return;
        if (!Array.isArray(list)) list = [list];
        list.forEach(function (ref) {
          var name = refName(ref);
          if (name && names.indexOf(name) < 0) names.push(name);
        });
      });
    });
    return names;
  }

  function baseModelsOf(c) {
    return refsOf(c, ['baseModels', 'baseModel', 'base_model']);
  }

  function datasetsOf(c) {
    return refsOf(c, ['datasets', 'trainingData']);
  }

  /** The chain of base models, following components found in this scan (bounded depth). */
  function lineage(c) {
    var box = el('div', { className: 'lineage' });
    function walk(name, depth, seen) {
      var node = el('div', { text: '\u2190 '.repeat(depth > 0 ? 1 : 0) + name });
      node.setAttribute('data-depth', String(depth));
      node.className = 'lineage-step';
      box.appendChild(node);
      var known = byName.get(name);
      if (!known || depth >= 8 || seen.indexOf(name) >= 0) return;
      baseModelsOf(known).forEach(function (b) { walk(b, depth + 1, seen.concat([name])); });
    }
    var bases = baseModelsOf(c);
    var data = datasetsOf(c);
    if (bases.length === 0 && data.length === 0) return undefined;
    walk(c.name, 0, []);
    if (data.length) box.appendChild(el('div', { className: 'lineage-data', text: 'trained on: ' + data.join(', ') }));
    return box;
  }

  function modelCard(c) {
    var cards = (evidenceOf.get(c.id) || []).filter(function (e) { return e.kind === 'model-card'; });
    if (cards.length === 0) return undefined;
    return el('div', { className: 'card' }, cards.map(evidenceBox));
  }

  function showDetails(id) {
    var c = byId.get(id);
    if (!c) return;
    selected = id;
    Array.from(tbody.children).forEach(function (tr) { tr.classList.toggle('selected', tr.getAttribute('data-id') === id); });
    var section = document.getElementById('details');
    var lic = c.license || {};
    var own = (findingsOf.get(id) || []).slice().sort(function (a, b) { return rank(a.severity) - rank(b.severity); });
    var props = c.properties ? Object.keys(c.properties).sort().map(function (k) { return k + ' = ' + c.properties[k]; }) : [];
    var children = [
      el('h2', { text: 'Component details' }),
      el('h3', { text: c.version ? c.name + '@' + c.version : label(c) }),
      fields([
        ['id', c.id], ['purl', c.purl], ['ecosystem', c.ecosystem], ['kind', c.kind], ['scope', c.scope],
        ['groups', c.groups], ['source', c.source ? [c.source.type, c.source.url, c.source.commit].filter(Boolean).join(' ') : ''],
        ['declared in', (c.locations || []).map(where)], ['found by', c.foundBy],
        ['declared licence', c.declaredLicense], ['concluded licence', lic.concluded],
        ['licence status', lic.status], ['licence category', lic.category], ['licence reason', lic.reason],
        ['hashes', (c.hashes || []).map(function (h) { return h.alg + ':' + h.value; })],
        ['properties', props],
        ['depends on', (c.dependsOn || []).length ? linkList(c.dependsOn) : ''],
        ['used by', (dependents.get(id) || []).length ? linkList(dependents.get(id)) : '']
      ])
    ];
    if (own.length) {
      children.push(el('h3', { text: 'Findings (' + own.length + ')' }));
      children.push(el('ul', {}, own.map(function (f) {
        return el('li', {}, [el('span', { className: 'sev sev-' + f.severity, text: f.severity }), ' ', el('code', { text: f.ruleId }), ' ', f.message]);
      })));
    }
    var card = modelCard(c);
    if (card) { children.push(el('h3', { text: 'Model card' })); children.push(card); }
    var chain = lineage(c);
    if (chain) { children.push(el('h3', { text: 'Lineage' })); children.push(chain); }
    var ev = evidenceOf.get(id) || [];
    children.push(el('h3', { text: 'Evidence (' + ev.length + ')' }));
    ev.forEach(function (e) { children.push(evidenceBox(e)); });
    section.replaceChildren.apply(section, children);
    if (typeof section.scrollIntoView === 'function') section.scrollIntoView({ block: 'start' });
  }

  // ---- models, problems -----------------------------------------------------------------------
  function renderModels() {
    var section = document.getElementById('models');
    var models = components.filter(function (c) { return c.kind !== 'package'; })
      .sort(function (a, b) { return a.name.localeCompare(b.name, 'en'); });
    if (models.length === 0) { section.appendChild(el('p', { className: 'hint', text: 'No models or datasets.' })); return; }
    models.forEach(function (c) {
      var box = el('div', { className: 'card', 'data-id': c.id }, [
        el('h3', {}, [componentButton(c.id), ' (' + c.kind + ')']),
        fields([['licence', licenseOf(c)], ['category', categoryOf(c)],
          ['task', c.properties && (c.properties['model:task'] || c.properties['model:pipeline_tag'])],
          ['format', c.properties && c.properties['model:format']],
          ['base models', baseModelsOf(c)], ['datasets', datasetsOf(c)]])
      ]);
      var card = modelCard(c);
      if (card) box.appendChild(card);
      section.appendChild(box);
    });
  }

  function renderProblems() {
    var section = document.getElementById('problems');
    var errors = result.errors || [];
    if (errors.length === 0) { section.hidden = true; return; }
    section.appendChild(el('ul', {}, errors.map(function (e) {
      return el('li', {}, [el('span', { className: 'mono', text: where(e) }), ': ' + e.message + ' [' + e.plugin + ']']);
    })));
  }

  drawCharts();
  renderFindings();
  renderComponents();
  renderModels();
  renderProblems();
  document.body.setAttribute('data-ready', 'true');
})();
`;
