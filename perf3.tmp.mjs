import { parseAllDocuments, Parser, Lexer } from 'yaml';
const n = Number(process.argv[2] ?? 2500);
let s = "lockfileVersion: '9.0'\n\npackages:\n\n";
for (let i = 0; i < n; i++) s += `  '@scope/pkg-${i}@1.0.${i}':\n    resolution: {integrity: sha512-Y9rRfJG5jcKOE0CLisYbojUjIrIEE7AGMzA/Sm4BslANhbS+cDMpgBdcPT91oJ7OuJ9hYJBx59RjbhxVnrF8Xg==}\n    engines: {node: '>=0.4.0'}\n    hasBin: true\n\n`;
console.log('bytes', s.length);
for (let k = 0; k < 3; k++) {
let t = performance.now(); let c = 0; for (const tok of new Lexer().lex(s)) c++; console.log('lex', c, (performance.now() - t).toFixed(0));
t = performance.now(); c = 0; for (const tok of new Parser().parse(s)) c++; console.log('cst', (performance.now() - t).toFixed(0));
t = performance.now(); parseAllDocuments(s, { schema: 'failsafe', uniqueKeys: false }); console.log('doc', (performance.now() - t).toFixed(0));
}
