import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';

/**
 * Keeps the repository self-contained: what its comments, READMEs, docs and generator templates
 * refer to is in the repository. A clone has no team spec folder, so a reference to one, to a
 * document that is not under docs/, to a section a document does not have, to a requirement ID
 * docs/requirements.md does not list, an error code docs/error-codes.md does not list or a REST
 * command docs/rest-api.md does not name fails here.
 */
const repoRoot = path.resolve(__dirname, '../../../..');

const ROOTS = ['README.md', 'apps', 'libs', 'tools', 'docs', 'scripts', 'bench', 'deploy'];
const SKIP_DIRS = new Set(['node_modules', 'dist', 'coverage', '.nx', 'tmp', '.git']);
const TEXT_FILE = /\.(ts|js|mjs|cjs|md|sql|json|ya?ml|sh|txt)$|__tmpl__$/;
const THIS_FILE = path.relative(repoRoot, __filename);

/** The documents the code cites by bare name; each must be docs/<name>.md. */
const DOC_NAMES = [
  'rest-api',
  'error-codes',
  'usersig',
  'callbacks',
  'requirements',
  'protocol',
  'house-style',
  'product',
  'decisions',
];

const REQUIREMENT_ID = /\b(PLT|ACC|PRF|REL|GRP|MSG|GW|PSH|CB|CON|NFR|AMB)-(\d+)(?!\d)/g;

interface TextFile {
  file: string;
  text: string;
}

function walk(relative: string): string[] {
  const full = path.join(repoRoot, relative);
  if (!existsSync(full)) return [];
  if (!statSync(full).isDirectory()) return TEXT_FILE.test(relative) ? [relative] : [];
  return readdirSync(full, { withFileTypes: true })
    .filter((entry) => !(entry.isDirectory() && SKIP_DIRS.has(entry.name)))
    .flatMap((entry) => walk(path.join(relative, entry.name)));
}

function repositoryTexts(): TextFile[] {
  return ROOTS.flatMap(walk)
    .filter((file) => file !== THIS_FILE)
    .map((file) => ({ file, text: readFileSync(path.join(repoRoot, file), 'utf8') }));
}

/** `file:line: excerpt` of every match, for readable failures. */
function hits(texts: TextFile[], pattern: RegExp, keep = (_m: RegExpMatchArray) => true): string[] {
  return texts.flatMap(({ file, text }) =>
    [...text.matchAll(pattern)]
      .filter(keep)
      .map((m) => `${file}:${text.slice(0, m.index).split('\n').length}: ${m[0]}`),
  );
}

/** Section numbers of a document: `## 7. Groups` → 7, `### 7.3 …` → 7.3. */
function sectionsOf(doc: string): Set<string> {
  const text = readFileSync(path.join(repoRoot, 'docs', `${doc}.md`), 'utf8');
  return new Set([...text.matchAll(/^#{2,4} (\d+(?:\.\d+)*)\.? /gm)].map((m) => m[1]));
}

describe('references inside the repository', () => {
  const texts = repositoryTexts();

  it('reads the repository', () => {
    expect(texts.length).toBeGreaterThan(500);
    expect(texts.map((t) => t.file)).toContain('docs/requirements.md');
  });

  it('never points outside the repository to the team spec folder', () => {
    expect(hits(texts, /(\.\.\/)+shared\/|\/work\/shared|shared\/spec/g)).toEqual([]);
  });

  it('finds every spec/….md path it names', () => {
    const missing = hits(
      texts,
      /\bspec\/[\w-]+\.md/g,
      (m) => !existsSync(path.join(repoRoot, m[0])),
    );
    expect(missing).toEqual([]);
  });

  it('names documents that are under docs/', () => {
    const names = new RegExp(`(?<![\\w-])(?:docs/)?(${DOC_NAMES.join('|')})\\.md`, 'g');
    const missing = hits(
      texts,
      names,
      (m) => !existsSync(path.join(repoRoot, 'docs', `${m[1]}.md`)),
    );
    expect(missing).toEqual([]);
  });

  it('names them by their path docs/<name>.md outside docs/', () => {
    const bare = new RegExp(`(?<![\\w/-])(${DOC_NAMES.join('|')})\\.md`, 'g');
    expect(
      hits(
        texts.filter((t) => !t.file.startsWith('docs/')),
        bare,
      ),
    ).toEqual([]);
  });

  it('cites only sections the documents have', () => {
    const sections = new Map<string, Set<string>>();
    const cited = new RegExp(
      `(?<![\\w-])(?:docs/)?(${DOC_NAMES.join('|')})\\.md,? §\\s?\\d+(?:\\.\\d+)*(?:\\s*(?:,|and|…|–|/)\\s*§?\\s?\\d+(?:\\.\\d+)*)*`,
      'g',
    );
    const broken = hits(texts, cited, (m) => {
      const doc = m[1];
      if (!existsSync(path.join(repoRoot, 'docs', `${doc}.md`))) return false; // the test above
      if (!sections.has(doc)) sections.set(doc, sectionsOf(doc));
      const numbers = m[0].slice(m[0].indexOf('§')).match(/\d+(?:\.\d+)*/g) ?? [];
      return numbers.some((n) => !sections.get(doc)?.has(n));
    });
    expect(broken).toEqual([]);
  });

  it('lists every requirement ID it cites in docs/requirements.md', () => {
    const register = readFileSync(path.join(repoRoot, 'docs/requirements.md'), 'utf8');
    const listed = new Set([...register.matchAll(/^\|\s*([A-Z]+-\d+)\s*\|/gm)].map((m) => m[1]));
    expect(listed.size).toBeGreaterThan(250);
    const unlisted = hits(
      texts.filter((t) => t.file !== 'docs/requirements.md'),
      REQUIREMENT_ID,
      (m) => !listed.has(`${m[1]}-${m[2]}`),
    );
    expect(unlisted).toEqual([]);
  });

  it('documents every REST command the gateway serves in docs/rest-api.md', () => {
    const tables = walk('apps/api-gateway/src/commands').filter((f) => f.endsWith('.commands.ts'));
    const commands = tables.flatMap((file) => [
      ...readFileSync(path.join(repoRoot, file), 'utf8').matchAll(/command: '([^']+)'/g),
    ]);
    expect(commands.length).toBeGreaterThan(70);
    const doc = readFileSync(path.join(repoRoot, 'docs/rest-api.md'), 'utf8');
    expect(commands.map((m) => m[1]).filter((name) => !doc.includes(`\`${name}\``))).toEqual([]);
  });

  it('lists every code of ErrorCode in docs/error-codes.md', () => {
    const source = readFileSync(
      path.join(repoRoot, 'libs/contracts/src/errors/error-code.ts'),
      'utf8',
    );
    const codes = [...source.matchAll(/^\s+\w+: (\d+),$/gm)].map((m) => m[1]);
    expect(codes.length).toBeGreaterThan(150);
    const doc = readFileSync(path.join(repoRoot, 'docs/error-codes.md'), 'utf8');
    const listed = new Set([...doc.matchAll(/^\|\s*(\d+)\s*\|/gm)].map((m) => m[1]));
    expect(codes.filter((code) => !listed.has(code))).toEqual([]);
  });
});
