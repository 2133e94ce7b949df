import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';

import { parse } from 'yaml';

import { databaseOf, deployables, deploymentKeys, repoRoot, tuningEntries } from './deployables';

interface ComposeVolume {
  type?: string;
  source?: string;
  target?: string;
  read_only?: boolean;
  volume?: { subpath?: string };
}

interface ComposeService {
  image?: string;
  user?: string;
  volumes?: (string | ComposeVolume)[];
  build?: { context?: string; dockerfile?: string; args?: Record<string, string> };
  command?: string[] | string;
  environment?: Record<string, string>;
  depends_on?: Record<string, unknown>;
  healthcheck?: unknown;
  restart?: string;
}

const compose = parse(readFileSync(path.join(repoRoot, 'docker-compose.yml'), 'utf8'), {
  merge: true,
}) as { services: Record<string, ComposeService>; volumes: Record<string, unknown> };

/** The part of the `secrets` volume a service mounts (read-only), by where it mounts it. */
function secretMounts(service: ComposeService): Record<string, string> {
  const mounts = (service.volumes ?? []).filter(
    (v): v is ComposeVolume => typeof v === 'object' && v.source === 'secrets',
  );
  for (const m of mounts) expect(m).toMatchObject({ type: 'volume', read_only: true });
  return Object.fromEntries(mounts.map((m) => [m.target!, m.volume?.subpath ?? '']));
}

const initScript = readFileSync(path.join(repoRoot, 'deploy/secrets/init-secrets.sh'), 'utf8');
const listIn = (name: string) =>
  (initScript.match(new RegExp(`^${name}="([^"]+)"`, 'm'))?.[1] ?? '').split(' ');

describe('docker-compose.yml', () => {
  it('runs nats with JetStream, redis and postgres, each with a volume and a health check', () => {
    const { nats, redis, postgres } = compose.services;

    expect(nats.image).toMatch(/^nats:/);
    expect(String(nats.command)).toMatch(/--jetstream|-js/);
    expect(nats.volumes).toContain('nats-data:/data');
    expect(redis.image).toMatch(/^redis:/);
    expect(postgres.image).toMatch(/^postgres:/);
    for (const infra of [nats, redis, postgres]) expect(infra.healthcheck).toBeDefined();
  });

  it('starts nats, redis, postgres and every service again when it dies (issue 13)', () => {
    const longRunning = Object.entries(compose.services).filter(([name]) => name !== 'secrets');
    for (const [name, service] of longRunning) {
      expect({ name, restart: service.restart }).toEqual({ name, restart: 'unless-stopped' });
    }
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
      // its own NATS user, no password in any URL
      expect(env.NATS_URL).toBe(`nats://${app}@nats:4222`);
      expect(env.REDIS_URL).toBe('redis://redis:6379');
      const withSuffix = (suffix: string) =>
        Object.entries(env)
          .filter(([key]) => key.endsWith(suffix))
          .map(([, value]) => value);
      const database = databaseOf(app);
      for (const url of withSuffix('_DATABASE_URL'))
        expect(url).toBe(`postgres://${database}@postgres:5432/${database}`);
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

  it.each(deployables)(
    'gives %s its own passwords from its own part of the secrets volume, by file',
    (app) => {
      const env = compose.services[app].environment ?? {};
      expect(secretMounts(compose.services[app])).toEqual({ '/run/im-secrets': app });
      expect(env.NATS_PASSWORD_FILE).toBe('/run/im-secrets/nats-password');
      expect(env.REDIS_PASSWORD_FILE).toBe('/run/im-secrets/redis-password');
      const databaseUrls = Object.keys(env).filter((key) => key.endsWith('_DATABASE_URL'));
      for (const key of databaseUrls)
        expect(env[key.replace(/_URL$/, '_PASSWORD_FILE')]).toBe(
          '/run/im-secrets/database-password',
        );
      for (const value of Object.values(env)) expect(value).not.toMatch(/:\/\/[^/@]*:[^/@]*@/);
      // the secrets service writes this service's files
      expect(listIn('SERVICES')).toContain(app);
      expect(listIn('DATABASE_SERVICES').includes(app)).toBe(databaseUrls.length > 0);
      expect(Object.keys(compose.services[app].depends_on ?? {})).toContain('secrets');
    },
  );

  it('generates the secrets at first start in a one-shot service, into a volume', () => {
    const { secrets } = compose.services;
    expect(String(secrets.command)).toMatch(/init-secrets\.sh/);
    expect(secrets.volumes).toContain('secrets:/secrets');
    expect(Object.keys(compose.volumes)).toContain('secrets');
    expect(initScript).toMatch(/if \[ ! -s "\$file" \]/); // kept once generated
    expect(initScript).toMatch(/umask 077/);
  });

  it('runs nats, redis and postgres with authentication from the secrets', () => {
    const { nats, redis, postgres } = compose.services;
    for (const infra of [nats, redis, postgres])
      expect(Object.keys(infra.depends_on ?? {})).toEqual(['secrets']);

    expect(String(nats.command)).toMatch(/-c,\/etc\/nats\/nats\.conf/);
    expect(secretMounts(nats)).toEqual({ '/etc/nats/secrets': 'nats' });
    const natsConf = readFileSync(path.join(repoRoot, 'deploy/nats/nats.conf'), 'utf8');
    expect(natsConf).toMatch(/^include \.\/auth\.conf$/m);
    expect(natsConf).toMatch(/^http: 127\.0\.0\.1:8222$/m);

    expect(redis.command).toEqual(expect.arrayContaining(['/run/im-secrets/redis.conf']));
    expect(secretMounts(redis)).toEqual({ '/run/im-secrets': 'redis' });
    expect(initScript).toMatch(/redis\.conf" "requirepass /);

    expect(postgres.environment).toMatchObject({
      POSTGRES_PASSWORD_FILE: '/run/im-secrets/superuser',
      POSTGRES_INITDB_ARGS: expect.stringContaining('--auth-host=scram-sha-256'),
    });
    expect(postgres.environment?.POSTGRES_PASSWORD).toBeUndefined();
    expect(secretMounts(postgres)).toEqual({ '/run/im-secrets': 'postgres' });
    expect(postgres.volumes).toContain(
      './deploy/postgres/create-service-roles.sh:/docker-entrypoint-initdb.d/10-service-roles.sh:ro',
    );
  });

  it('runs a cluster with authenticated clients and routes', () => {
    const conf = readFileSync(path.join(repoRoot, 'deploy/nats/nats-cluster.conf'), 'utf8');
    expect(conf).toMatch(/^include \.\/auth\.conf$/m);
    expect(conf).toMatch(/cluster \{[^}]*include \.\/secrets\/cluster-routes\.conf/);
  });

  it('publishes the REST API port of api-gateway', () => {
    expect(compose.services['api-gateway']).toMatchObject({ ports: ['8080:8080'] });
  });
});
