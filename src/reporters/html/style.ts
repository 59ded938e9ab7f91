/** The stylesheet of the HTML report (inlined; its hash is in the report's CSP). */
export const STYLE = `
:root { --fg: #1f2328; --muted: #59636e; --line: #d1d9e0; --bg: #fff; --panel: #f6f8fa;
  --critical: #8b0000; --high: #cf222e; --medium: #bf8700; --low: #0969da; --info: #59636e;
  --pass: #1a7f37; --review: #9a6700; --fail: #cf222e; }
* { box-sizing: border-box; }
body { margin: 0; font: 14px/1.45 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; color: var(--fg); background: var(--bg); }
header, main { max-width: 1280px; margin: 0 auto; padding: 0 20px; }
header h1 { font-size: 22px; margin: 20px 0 4px; word-break: break-word; }
.meta, .hint, .inventory { color: var(--muted); }
h2 { font-size: 18px; margin: 28px 0 10px; border-bottom: 1px solid var(--line); padding-bottom: 4px; }
h3 { font-size: 15px; margin: 18px 0 6px; }
.verdict { border: 1px solid var(--line); border-left: 6px solid var(--muted); border-radius: 6px; padding: 12px 16px; background: var(--panel); }
.verdict-pass { border-left-color: var(--pass); } .verdict-review { border-left-color: var(--review); } .verdict-fail { border-left-color: var(--fail); }
.verdict .status { font-size: 18px; margin: 0 0 4px; }
.verdict-fail .status strong { color: var(--fail); } .verdict-review .status strong { color: var(--review); } .verdict-pass .status strong { color: var(--pass); }
.verdict .summary { margin: 0 0 8px; }
.counts { display: flex; gap: 10px; flex-wrap: wrap; }
.count { border: 1px solid var(--line); border-radius: 6px; padding: 4px 10px; background: var(--bg); }
.count .n { font-weight: 700; font-size: 16px; }
#charts { display: grid; grid-template-columns: repeat(auto-fit, minmax(280px, 1fr)); gap: 16px; margin-top: 20px; }
figure { margin: 0; border: 1px solid var(--line); border-radius: 6px; padding: 10px; }
figcaption { font-weight: 600; margin-bottom: 6px; }
.chart { position: relative; height: 220px; }
.controls { display: flex; gap: 14px; flex-wrap: wrap; align-items: center; margin-bottom: 8px; }
input[type=search] { width: 260px; padding: 4px 6px; }
table.data { border-collapse: collapse; width: 100%; }
table.data th, table.data td { border-bottom: 1px solid var(--line); padding: 4px 8px; text-align: left; vertical-align: top; overflow-wrap: break-word; }
table.data th { background: var(--panel); position: sticky; top: 0; }
th button { all: unset; cursor: pointer; font-weight: 600; }
th button:focus-visible, button.link:focus-visible { outline: 2px solid var(--low); }
th[aria-sort=ascending] button::after { content: " \\25B2"; } th[aria-sort=descending] button::after { content: " \\25BC"; }
tbody tr:hover { background: var(--panel); }
tr.selected { background: #ddf4ff !important; }
button.link { all: unset; cursor: pointer; color: var(--low); text-decoration: underline; overflow-wrap: anywhere; }
.sev { white-space: nowrap; font-weight: 600; text-transform: uppercase; font-size: 12px; }
.sev-critical .sev, .sev.sev-critical { color: var(--critical); } .sev.sev-high { color: var(--high); } .sev.sev-medium { color: var(--medium); } .sev.sev-low { color: var(--low); } .sev.sev-info { color: var(--info); }
.count.sev-critical .n { color: var(--critical); } .count.sev-high .n { color: var(--high); } .count.sev-medium .n { color: var(--medium); } .count.sev-low .n { color: var(--low); }
dl.fields { display: grid; grid-template-columns: max-content 1fr; gap: 2px 12px; margin: 4px 0 10px; }
dl.fields dt { color: var(--muted); } dl.fields dd { margin: 0; word-break: break-word; }
.evidence { border: 1px solid var(--line); border-radius: 6px; padding: 6px 10px; margin: 6px 0; }
.evidence h4 { margin: 0 0 4px; font-size: 13px; }
.card { border: 1px solid var(--line); border-radius: 6px; padding: 8px 12px; margin: 8px 0; }
.lineage { font-family: ui-monospace, SFMono-Regular, Menlo, monospace; }
code, .mono { font-family: ui-monospace, SFMono-Regular, Menlo, monospace; font-size: 12px; }
`;
