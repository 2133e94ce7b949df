// @ts-check
// `nx g @im/workspace-plugin:service <name> --opsPort <port>`: a new NATS service under apps/,
// laid out like apps/account (handler → service → repository, config from the platform's
// serviceConfig with its .env.example, the platform's outbox migrations named in
// migrations/platform.json, ops endpoints), and wired into contracts (subjects, event stream),
// the build (tsconfig.build.json), the launcher catalogue and docker-compose.yml. Plain CommonJS so Nx runs it without a TypeScript loader.
const path = require('node:path');

const { formatFiles, generateFiles, names, updateJson } = require('@nx/devkit');

/** Inserts `text` right before the first `marker` after `anchor` in a file. */
function insertBefore(tree, file, anchor, marker, text) {
  const source = tree.read(file, 'utf-8');
  if (source === null) throw new Error(`${file} is missing`);
  const from = source.indexOf(anchor);
  if (from < 0) throw new Error(`${file}: "${anchor}" not found`);
  const at = source.indexOf(marker, from);
  if (at < 0) throw new Error(`${file}: "${marker}" not found after "${anchor}"`);
  tree.write(file, source.slice(0, at) + text + source.slice(at));
}

/** Imports the owner's maps into libs/contracts/src/subject-map.ts and extends the two maps. */
function addToSubjectMap(tree, s) {
  const file = 'libs/contracts/src/subject-map.ts';
  let source = tree.read(file, 'utf-8') ?? '';
  const importLine = `import type { ${s.className}EventMap, ${s.className}RpcMap } from './${s.name}';\n`;
  const lastImport = source.lastIndexOf('\nimport ');
  const endOfImports = source.indexOf('\n', lastImport + 1) + 1;
  source = source.slice(0, endOfImports) + importLine + source.slice(endOfImports);
  for (const [map, part] of [
    ['RpcSubjectMap', `${s.className}RpcMap`],
    ['EventSubjectMap', `${s.className}EventMap`],
  ]) {
    const pattern = new RegExp(`(export interface ${map}\\s+extends\\s[^{]*?)\\s*\\{\\}`);
    if (!pattern.test(source))
      throw new Error(`${file}: "export interface ${map} extends ... {}" not found`);
    source = source.replace(pattern, `$1, ${part} {}`);
  }
  tree.write(file, source);
}

function composeBlock(s) {
  return `
  ${s.name}:
    <<: *service
    build: { context: ., dockerfile: deploy/docker/Dockerfile, args: { APP: ${s.name} } }
    image: im-platform/${s.name}:latest
    volumes:
      - type: volume
        source: secrets
        target: /run/im-secrets
        read_only: true
        volume: { subpath: ${s.name} }
    environment:
      <<: *node-env
      NATS_URL: nats://${s.name}@nats:4222
      ${s.constantName}_OPS_HOST: 0.0.0.0
      ${s.constantName}_OPS_PORT: '${s.opsPort}'
      ${s.constantName}_DATABASE_URL: postgres://im_${s.snake}@postgres:5432/im_${s.snake}
      ${s.constantName}_DATABASE_PASSWORD_FILE: /run/im-secrets/database-password
      ${s.constantName}_DATABASE_POOL_MAX: '10'
      ${s.constantName}_MIGRATE_ON_START: 'true'
    healthcheck:
      test: ['CMD', 'node', '-e', "fetch('http://127.0.0.1:${s.opsPort}/ready').then(r=>process.exit(r.ok?0:1),()=>process.exit(1))"]
      interval: 5s
      retries: 12
`;
}

function catalogueEntry(s) {
  return `  {
    name: '${s.name}',
    defaultOpsPort: ${s.opsPort},
    entry: 'apps/${s.name}/dist/main.js',
    database: { envVar: '${s.constantName}_DATABASE_URL', name: 'im_${s.snake}' },
    env: (ports, name) => ({ ${s.constantName}_OPS_PORT: String(ports.ops[name]) }),
  },
`;
}

/** @param {import('@nx/devkit').Tree} tree @param {{ name: string; opsPort: number }} options */
async function serviceGenerator(tree, options) {
  const n = names(options.name);
  const s = {
    name: n.fileName,
    className: n.className,
    propertyName: n.propertyName,
    constantName: n.constantName,
    snake: n.constantName.toLowerCase(),
    opsPort: options.opsPort,
    tmpl: '',
  };
  if (tree.exists(`apps/${s.name}`)) throw new Error(`apps/${s.name} already exists`);

  generateFiles(tree, path.join(__dirname, 'files', 'app'), `apps/${s.name}`, s);
  generateFiles(
    tree,
    path.join(__dirname, 'files', 'contracts'),
    `libs/contracts/src/${s.name}`,
    s,
  );

  insertBefore(
    tree,
    'libs/contracts/src/index.ts',
    "export * from './subject-map';",
    "export * from './subject-map';",
    `export * from './${s.name}';\n`,
  );
  addToSubjectMap(tree, s);
  insertBefore(
    tree,
    'libs/contracts/src/subject-map.ts',
    'export const EventStreams = {',
    '} as const;',
    `  ${s.propertyName}: { name: '${s.constantName}_EVENTS', subjects: ['${s.name}.evt.>'] },\n`,
  );
  updateJson(tree, 'tsconfig.build.json', (json) => {
    const refs = json.references ?? [];
    const at = refs.findIndex((r) => r.path === 'deploy/tsconfig.build.json');
    refs.splice(at < 0 ? refs.length : at, 0, { path: `apps/${s.name}/tsconfig.build.json` });
    return { ...json, references: refs };
  });
  insertBefore(
    tree,
    'libs/testing/src/platform/platform-services.ts',
    'export const PLATFORM_SERVICES',
    "  {\n    name: 'api-gateway',",
    catalogueEntry(s),
  );
  insertBefore(tree, 'docker-compose.yml', '\nservices:', '\nvolumes:', composeBlock(s));

  await formatFiles(tree);
  return () => {
    console.log(
      `\napps/${s.name} is ready. Next: subjects and payload classes in libs/contracts/src/${s.name}/,\n` +
        `their rows in libs/contracts/src/subject-map.ts, handlers in apps/${s.name}/src/${s.name}.handler.ts,\n` +
        `and the service's error codes in apps/${s.name}/src/${s.name}.module.ts. Then: npx tsc -b tsconfig.build.json`,
    );
  };
}

module.exports = serviceGenerator;
module.exports.default = serviceGenerator;
