#!/usr/bin/env node
// Size figures of the production source: the largest files and the longest functions.
// `npm run metrics` (`-- --top 20`, `-- --max-file 400 --max-function 60` to list what is over).
// Production source is every tracked .ts file under apps/*/src and libs/*/src except tests,
// fakes and the test harness (libs/testing), which is what the house style's size limits are about.
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import ts from 'typescript';

const args = process.argv.slice(2);
const option = (name, fallback) => {
  const at = args.indexOf(`--${name}`);
  return at >= 0 && args[at + 1] !== undefined ? Number(args[at + 1]) : fallback;
};
const top = option('top', 10);
const maxFile = option('max-file', 400);
const maxFunction = option('max-function', 60);

const isProduction = (file) =>
  /^(apps|libs)\/[^/]+\/src\/.*\.ts$/.test(file) &&
  !/\.(spec|int-spec|e2e-spec)\.ts$/.test(file) &&
  !/\.fake\.ts$/.test(file) &&
  !file.startsWith('libs/testing/') &&
  !file.startsWith('apps/e2e/');

const files = execFileSync('git', ['ls-files', 'apps', 'libs'], { encoding: 'utf8' })
  .split('\n')
  .filter(isProduction);

const lineCount = (text) => text.split('\n').length - (text.endsWith('\n') ? 1 : 0);

/** The name a reader would look for: `Class.method`, `function`, `const name = () =>`. */
function nameOf(node, source) {
  const own = node.name ? node.name.getText(source) : undefined;
  const parent = node.parent;
  if (ts.isMethodDeclaration(node) || ts.isConstructorDeclaration(node)) {
    const cls = parent && ts.isClassLike(parent) && parent.name ? parent.name.text : '(class)';
    return `${cls}.${own ?? 'constructor'}`;
  }
  if (own) return own;
  if (parent && ts.isVariableDeclaration(parent)) return parent.name.getText(source);
  if (parent && ts.isPropertyAssignment(parent)) return parent.name.getText(source);
  return undefined; // callbacks passed inline are part of the function that holds them
}

const sizes = [];
const functions = [];
for (const file of files) {
  const text = readFileSync(file, 'utf8');
  sizes.push({ file, lines: lineCount(text) });
  const source = ts.createSourceFile(file, text, ts.ScriptTarget.ES2022, true);
  const visit = (node) => {
    if (ts.isFunctionLike(node) && 'body' in node && node.body) {
      const name = nameOf(node, source);
      if (name) {
        const start = source.getLineAndCharacterOfPosition(node.getStart(source)).line;
        const end = source.getLineAndCharacterOfPosition(node.getEnd()).line;
        functions.push({ name, file, line: start + 1, lines: end - start + 1 });
      }
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
}

sizes.sort((a, b) => b.lines - a.lines);
functions.sort((a, b) => b.lines - a.lines);
const total = sizes.reduce((sum, s) => sum + s.lines, 0);

console.log(`production source: ${files.length} files, ${total} lines`);
console.log(`\nlargest files (top ${top}):`);
for (const s of sizes.slice(0, top)) console.log(`  ${String(s.lines).padStart(5)}  ${s.file}`);
console.log(`\nlongest functions (top ${top}):`);
for (const f of functions.slice(0, top)) {
  console.log(`  ${String(f.lines).padStart(5)}  ${f.name}  ${f.file}:${f.line}`);
}
const overFile = sizes.filter((s) => s.lines > maxFile);
const overFunction = functions.filter((f) => f.lines > maxFunction);
console.log(`\nfiles over ${maxFile} lines: ${overFile.length}`);
for (const s of overFile) console.log(`  ${s.lines}  ${s.file}`);
console.log(`functions over ${maxFunction} lines: ${overFunction.length}`);
for (const f of overFunction) console.log(`  ${f.lines}  ${f.name}  ${f.file}:${f.line}`);
