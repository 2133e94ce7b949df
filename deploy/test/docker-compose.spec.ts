import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';

import { parse } from 'yaml';

import { readEnvFile } from '@im/testing';

interface ComposeService {
  image?: string;
  build?: { context?: string; dockerfile?: string; args?: Record<string, string> };
  command?: string[] | string;
  environment?: Record<string, string>;
  depends_on?: Record<string, unknown>;
  healthcheck?: unknown;
}

const repoRoot = path.resolve(__dirname, '../..');
const compose = parse(readFileSync(path.join(repoRoot, 'docker-compose.yml'), 'utf8'), {
  merge: true,
}) as { services: Record<string, ComposeService> };

/** Every deployable under apps/: a folder with src/main.ts. */
const deployables = readdirSync(path.join(repoRoot, 'apps')).filter((name) =>
  existsSync(path.join(repoRoot, 'apps', name, 'src', 'main.ts')),
);

/** The line of `.env.example` after which come the tuning variables (defaults that suit every deployment). */
const TUNING_LINE = /^# Tuning\b/;

/**
 * The variables a deployment must give a service: those its .env.example lists before the
 * tuning line. A tuning variable has a default that suits every deployment, so
 * docker-compose.yml need not set it (a variable without a default never goes there).
 */
function deploymentKeys(app: string): string[] {
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
function tuningEntries(app: string): [string, string][] {
  const all = readEnvFile(path.join(repoRoot, 'apps', app, '.env.example'));
  const deployment = new Set(deploymentKeys(app));
  return Object.entries(all).filter(([key]) => !deployment.has(key));
}

describe('docker-compose.yml', () => {
  it('runs nats with JetStream, redis and postgres, each with a volume and a health check', () => {
    const { nats, redis, postgres } = compose.services;

    expect(nats.image).toMatch(/^nats:/);
    expect(String(nats.command)).toMatch(/--jetstream|-js/);
    expect(redis.image).toMatch(/^redis:/);
    expect(postgres.image).toMatch(/^postgres:/);
    for (const infra of [nats, redis, postgres]) expect(infra.healthcheck).toBeDefined();
  });

  it('names every app of apps/ as a service', () => {
    expect(deployables).toEqual(expect.arrayContaining(['account', 'api-gateway']));
    for (const app of deployables) expect(Object.keys(compose.services)).toContain(app);
  });

  it.each(deployables)('builds %s from the shared Dockerfile with its APP argument', (app) => {
    const service = compose.services[app];

    expect(service.build?.dockerfile).toBe('deploy/docker/Dockerfile');
    expect(service.build?.args?.APP).toBe(app);
    expect(existsSync(path.join(repoRoot, 'deploy/docker/Dockerfile'))).toBe(true);
  });

  it.each(deployables)(
    'gives %s every deployment variable of its .env.example, pointing at the compose servers',
    (app) => {
      const env = compose.services[app].environment ?? {};

      expect(Object.keys(env).sort()).toEqual(expect.arrayContaining(deploymentKeys(app).sort()));
      expect(env.NATS_URL).toBe('nats://nats:4222');
      expect(env.REDIS_URL).toBe('redis://redis:6379');
      const withSuffix = (suffix: string) =>
        Object.entries(env)
          .filter(([key]) => key.endsWith(suffix))
          .map(([, value]) => value);
      for (const url of withSuffix('_DATABASE_URL'))
        expect(url).toMatch(/@postgres:5432\/im_[a-z_]+$/);
      for (const host of withSuffix('_HOST')) expect(host).toBe('0.0.0.0');
    },
  );

  it.each(deployables)(
    'gives each tuning variable of %s a default in .env.example, and none points at a server',
    (app) => {
      for (const [key, value] of tuningEntries(app)) expect([key, value]).not.toEqual([key, '']);
      const tuning = tuningEntries(app).map(([key]) => key);
      for (const key of tuning)
        expect(key).not.toMatch(/^(NATS|REDIS)_|_DATABASE_URL$|_(HOST|PORT)$/);
    },
  );

  it.each(deployables)('starts %s only after what it depends on is healthy', (app) => {
    const dependsOn = Object.keys(compose.services[app].depends_on ?? {});

    expect(dependsOn).toEqual(expect.arrayContaining(['nats', 'redis']));
    expect(compose.services[app].healthcheck).toBeDefined();
  });

  it('publishes the REST API port of api-gateway', () => {
    expect(compose.services['api-gateway']).toMatchObject({ ports: ['8080:8080'] });
  });
});
