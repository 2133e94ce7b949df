import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';

import { parse, parseAllDocuments } from 'yaml';

import { readEnvFile } from '@im/testing';

import { databaseOf, deployables, deploymentKeys, prefixOf, repoRoot } from './deployables';

/**
 * deploy/k8s read as kustomize would: the base's kustomization, each service's folder with its
 * manifests and generated ConfigMap, the production overlay's patches, NATS's Helm values and
 * the script that creates the Secrets. (No kustomize binary installs here; the files are
 * parsed and every reference between them is followed.)
 */
const k8s = path.join(repoRoot, 'deploy/k8s');

interface Kustomization {
  namespace?: string;
  resources?: string[];
  configMapGenerator?: { name: string; envs?: string[] }[];
  images?: { name: string; newName?: string; newTag?: string }[];
  patches?: { target: { kind: string; name: string }; patch: string }[];
}

interface K8sObject {
  apiVersion: string;
  kind: string;
  metadata: { name: string };
  spec?: Record<string, unknown>;
}

interface Probe {
  httpGet?: { path: string; port: string | number };
}

interface Container {
  name: string;
  image: string;
  ports?: { name: string; containerPort: number }[];
  envFrom?: { configMapRef?: { name: string } }[];
  env?: unknown[];
  volumeMounts?: { name: string; mountPath: string; readOnly?: boolean }[];
  resources?: { requests?: { cpu?: string; memory?: string }; limits?: { memory?: string } };
  startupProbe?: Probe;
  livenessProbe?: Probe;
  readinessProbe?: Probe;
  lifecycle?: { preStop?: { exec?: { command: string[] } } };
  securityContext?: Record<string, unknown>;
}

interface PodSpec {
  terminationGracePeriodSeconds?: number;
  securityContext?: { runAsNonRoot?: boolean };
  containers: Container[];
  volumes?: { name: string; secret?: { secretName: string }; emptyDir?: object }[];
}

const readYaml = <T>(file: string): T => parse(readFileSync(file, 'utf8')) as T;
const kustomizationOf = (dir: string) =>
  readYaml<Kustomization>(path.join(dir, 'kustomization.yaml'));

/** The objects a kustomization folder lists, following folders it includes. */
function objectsOf(dir: string): K8sObject[] {
  return (kustomizationOf(dir).resources ?? []).flatMap((entry) => {
    const target = path.join(dir, entry);
    if (existsSync(path.join(target, 'kustomization.yaml'))) return objectsOf(target);
    return parseAllDocuments(readFileSync(target, 'utf8')).map((d) => d.toJS() as K8sObject);
  });
}

const base = path.join(k8s, 'base');
const baseObjects = objectsOf(base);
const find = (kind: string, name: string) =>
  baseObjects.find((o) => o.kind === kind && o.metadata.name === name);

function deploymentOf(app: string): { pod: PodSpec; container: Container; replicas: number } {
  const deployment = find('Deployment', app);
  if (!deployment) throw new Error(`no Deployment ${app} in deploy/k8s/base`);
  const spec = deployment.spec as { replicas: number; template: { spec: PodSpec } };
  return {
    pod: spec.template.spec,
    container: spec.template.spec.containers[0],
    replicas: spec.replicas,
  };
}

/** The variables of a service's generated ConfigMap. */
function configOf(app: string): Record<string, string> {
  const generator = kustomizationOf(path.join(base, app)).configMapGenerator ?? [];
  expect(generator).toHaveLength(1);
  expect(generator[0].name).toBe(`${app}-config`);
  return readEnvFile(path.join(base, app, generator[0].envs![0]));
}

const script = readFileSync(path.join(k8s, 'create-secrets.sh'), 'utf8');
const listIn = (name: string) =>
  (script.match(new RegExp(`^${name}="([^"]+)"`, 'm'))?.[1] ?? '').split(' ');
const hasDatabase = (app: string) =>
  deploymentKeys(app).some((key) => key.endsWith('_DATABASE_URL'));

describe('deploy/k8s', () => {
  it('lists every app of apps/ in the base, in the namespace im', () => {
    const kustomization = kustomizationOf(base);

    expect(kustomization.namespace).toBe('im');
    expect(kustomization.resources).toEqual(expect.arrayContaining(deployables));
    expect(find('Namespace', 'im')).toBeDefined();
  });

  it.each(deployables)(
    'runs %s non-root from its image, with probes on its ops port and requests',
    (app) => {
      const { pod, container, replicas } = deploymentOf(app);
      const config = configOf(app);
      const opsPort = Number(config[`${prefixOf(app)}_OPS_PORT`]);

      expect(replicas).toBeGreaterThanOrEqual(2);
      expect(container.image).toBe(`im-platform/${app}:latest`);
      expect(container.ports).toContainEqual({ name: 'ops', containerPort: opsPort });
      expect(container.startupProbe?.httpGet).toEqual({ path: '/health', port: 'ops' });
      expect(container.livenessProbe?.httpGet).toEqual({ path: '/health', port: 'ops' });
      expect(container.readinessProbe?.httpGet).toEqual({ path: '/ready', port: 'ops' });
      expect(container.resources?.requests).toEqual({
        cpu: expect.any(String),
        memory: expect.any(String),
      });
      expect(container.resources?.limits?.memory).toEqual(expect.any(String));
      expect(pod.securityContext?.runAsNonRoot).toBe(true);
      expect(container.securityContext).toMatchObject({
        allowPrivilegeEscalation: false,
        readOnlyRootFilesystem: true,
      });
      // the service stops within 10 s of SIGTERM (libs/platform bootstrap): the grace period
      // covers the preStop wait and that
      const preStop = container.lifecycle?.preStop?.exec?.command.join(' ') ?? '';
      const waitMs = Number(/setTimeout\(\(\) => \{\}, (\d+)\)/.exec(preStop)?.[1] ?? NaN);
      expect(waitMs).toBeGreaterThan(0);
      expect(pod.terminationGracePeriodSeconds).toBeGreaterThanOrEqual(waitMs / 1000 + 10);
    },
  );

  it.each(deployables)(
    'gives %s every deployment variable of its .env.example, pointing at the cluster',
    (app) => {
      const config = configOf(app);
      const { container } = deploymentOf(app);

      expect(container.envFrom).toEqual([{ configMapRef: { name: `${app}-config` } }]);
      expect(Object.keys(config)).toEqual(expect.arrayContaining(deploymentKeys(app)));
      expect(config.NATS_URL).toBe(`nats://${app}@nats:4222`);
      expect(config.NATS_STREAM_REPLICAS).toBe('3');
      expect(config.REDIS_URL).toBe('redis://redis:6379');
      expect(config.NATS_PASSWORD_FILE).toBe('/run/im-secrets/nats-password');
      expect(config.REDIS_PASSWORD_FILE).toBe('/run/im-secrets/redis-password');
      const database = databaseOf(app);
      const withSuffix = (suffix: string) =>
        Object.entries(config).filter(([key]) => key.endsWith(suffix));
      for (const [, url] of withSuffix('_DATABASE_URL'))
        expect(url).toBe(`postgres://${database}@postgres:5432/${database}`);
      for (const [, file] of withSuffix('_DATABASE_PASSWORD_FILE'))
        expect(file).toBe('/run/im-secrets/database-password');
      for (const [, host] of withSuffix('_HOST')) expect(host).toBe('0.0.0.0');
      for (const value of Object.values(config)) expect(value).not.toMatch(/:\/\/[^/@]*:[^/@]*@/);
    },
  );

  it.each(deployables)(
    'mounts only the Secret im-%s, read-only, which create-secrets.sh makes',
    (app) => {
      const { pod, container } = deploymentOf(app);
      const secretVolumes = (pod.volumes ?? []).filter((v) => v.secret);

      expect(secretVolumes).toEqual([
        expect.objectContaining({
          name: 'secrets',
          secret: expect.objectContaining({ secretName: `im-${app}` }),
        }),
      ]);
      expect(container.volumeMounts).toContainEqual({
        name: 'secrets',
        mountPath: '/run/im-secrets',
        readOnly: true,
      });
      expect(listIn('SERVICES')).toContain(app);
      expect(listIn('DATABASE_SERVICES').includes(app)).toBe(hasDatabase(app));
    },
  );

  it.each(deployables)('keeps a pod of %s through disruptions and scales it on CPU', (app) => {
    const pdb = find('PodDisruptionBudget', app);
    const hpa = find('HorizontalPodAutoscaler', app);
    const selector = { matchLabels: { 'app.kubernetes.io/name': app } };

    expect(pdb?.spec).toMatchObject({ minAvailable: 1, selector });
    expect(hpa?.spec).toMatchObject({
      scaleTargetRef: { apiVersion: 'apps/v1', kind: 'Deployment', name: app },
      minReplicas: 2,
      metrics: [{ type: 'Resource', resource: { name: 'cpu' } }],
    });
    expect(find('Service', `${app}-ops`)?.spec).toMatchObject({
      selector: selector.matchLabels,
      ports: [{ name: 'ops', targetPort: 'ops' }],
    });
  });

  it('puts the conn-gateway behind an L4 load balancer that keeps client addresses, scaled down slowly', () => {
    const service = find('Service', 'conn-gateway');
    const config = configOf('conn-gateway');

    expect(service?.spec).toMatchObject({
      type: 'LoadBalancer',
      externalTrafficPolicy: 'Local',
      ports: [{ port: Number(config.CONN_GATEWAY_PORT), targetPort: 'ws' }],
    });
    expect(find('HorizontalPodAutoscaler', 'conn-gateway')?.spec).toMatchObject({
      behavior: { scaleDown: { policies: [{ type: 'Pods', value: 1 }] } },
    });
    expect(find('Service', 'api-gateway')?.spec).toMatchObject({
      type: 'ClusterIP',
      ports: [{ port: Number(configOf('api-gateway').API_GATEWAY_PORT), targetPort: 'http' }],
    });
  });

  it('builds the production overlay on the base, its patches and images naming what exists', () => {
    const overlay = kustomizationOf(path.join(k8s, 'overlays/production'));

    expect(overlay.resources).toEqual(['../../base']);
    expect((overlay.images ?? []).map((i) => i.name).sort()).toEqual(
      deployables.map((app) => `im-platform/${app}`).sort(),
    );
    for (const image of overlay.images ?? []) expect(image.newTag).toMatch(/^\d+\.\d+\.\d+$/);
    for (const { target, patch } of overlay.patches ?? []) {
      const names = target.name.split('|');
      for (const name of names) {
        const exists =
          target.kind === 'ConfigMap'
            ? deployables.some((app) => `${app}-config` === name)
            : find(target.kind, name) !== undefined;
        expect([target.kind, name, exists]).toEqual([target.kind, name, true]);
      }
      const ops = parse(patch) as { op: string; path: string }[];
      expect(ops.map((op) => op.op)).toEqual(ops.map(() => 'replace'));
      // a ConfigMap patch replaces a variable the service's config.env has
      const keys =
        target.kind === 'ConfigMap' ? ops.map((op) => op.path.replace('/data/', '')) : [];
      const configs =
        target.kind === 'ConfigMap' ? names.map((n) => n.replace(/-config$/, '')) : [];
      for (const app of configs)
        expect(Object.keys(configOf(app))).toEqual(expect.arrayContaining(keys));
    }
  });

  it('runs NATS from its Helm chart as three JetStream nodes with the users of auth.conf', () => {
    const values = readYaml<{
      config: {
        cluster: { enabled: boolean; replicas: number };
        jetstream: { enabled: boolean; fileStore: { enabled: boolean } };
        merge: Record<string, string>;
      };
      container: { patch: { value: { name: string; mountPath: string } }[] };
      podTemplate: {
        patch: {
          value: {
            name?: string;
            projected?: { sources: { configMap?: unknown; secret?: unknown }[] };
          };
        }[];
      };
    }>(path.join(k8s, 'nats/values.yaml'));

    expect(values.config.cluster).toMatchObject({ enabled: true, replicas: 3 });
    expect(values.config.jetstream).toMatchObject({ enabled: true, fileStore: { enabled: true } });
    const include = values.config.merge.$include;
    const mount = values.container.patch.map((p) => p.value).find((v) => v.name === 'im-auth');
    expect(include).toBe(`.${mount!.mountPath.replace('/etc/nats-config', '')}/auth.conf`);
    const volume = values.podTemplate.patch.map((p) => p.value).find((v) => v.name === 'im-auth');
    expect(volume?.projected?.sources).toEqual([
      { configMap: { name: 'im-nats-auth', items: [{ key: 'auth.conf', path: 'auth.conf' }] } },
      {
        secret: {
          name: 'im-nats',
          items: [{ key: 'passwords.conf', path: 'secrets/passwords.conf' }],
        },
      },
    ]);
    // auth.conf includes its passwords from beside it, where the projected volume puts them
    const auth = readFileSync(path.join(repoRoot, 'deploy/nats/auth.conf'), 'utf8');
    expect(auth).toMatch(/^include \.\/secrets\/passwords\.conf$/m);
    for (const app of deployables) expect(auth).toContain(`user: "${app}"`);
    expect(script).toContain(
      'create configmap im-nats-auth --from-file=auth.conf=deploy/nats/auth.conf',
    );
  });

  it('creates the Secrets once, keeping existing ones, printing no password', () => {
    expect(script).toMatch(/^umask 077$/m);
    expect(script).toMatch(/exists "im-\$s" && continue/);
    expect(script).not.toMatch(/^\s*echo .*\$(redis|v)\b/m);
  });
});
