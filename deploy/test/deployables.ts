import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';

import { readEnvFile } from '@im/testing';

/** What the deployment specs check the manifests against: the apps and their .env.example. */
export const repoRoot = path.resolve(__dirname, '../..');

/** Every deployable under apps/: a folder with src/main.ts. */
export const deployables = readdirSync(path.join(repoRoot, 'apps')).filter((name) =>
  existsSync(path.join(repoRoot, 'apps', name, 'src', 'main.ts')),
);

/** The line of `.env.example` after which come the tuning variables (defaults that suit every deployment). */
const TUNING_LINE = /^# Tuning\b/;

/**
 * The variables a deployment must give a service: those its .env.example lists before the
 * tuning line. A tuning variable has a default that suits every deployment, so a deployment
 * need not set it (a variable without a default never goes there).
 */
export function deploymentKeys(app: string): string[] {
  const text = readFileSync(path.join(repoRoot, 'apps', app, '.env.example'), 'utf8');
  const lines = text.split('\n');
  const tuningAt = lines.findIndex((line) => TUNING_LINE.test(line));
  const deployment = tuningAt < 0 ? lines : lines.slice(0, tuningAt);
  return deployment
    .map((line) => line.trim())
    .filter((line) => line !== '' && !line.startsWith('#'))
    .map((line) => line.slice(0, line.indexOf('=')));
}

/** The tuning variables of a service's .env.example, with their defaults. */
export function tuningEntries(app: string): [string, string][] {
  const all = readEnvFile(path.join(repoRoot, 'apps', app, '.env.example'));
  const deployment = new Set(deploymentKeys(app));
  return Object.entries(all).filter(([key]) => !deployment.has(key));
}

/** The database a service owns, and the login role owning it. */
export const databaseOf = (app: string) => `im_${app.replace(/-/g, '_')}`;

/** A service's env prefix: `conn-gateway` → `CONN_GATEWAY`. */
export const prefixOf = (app: string) => app.toUpperCase().replace(/-/g, '_');
