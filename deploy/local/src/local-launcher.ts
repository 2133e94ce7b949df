import { spawn, ChildProcess } from 'node:child_process';
import { appendFileSync, chmodSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import path from 'node:path';

import { AppFeatures, appFeaturesPatch, enabledAppFeatures } from '@im/contracts';
import type { AppFeature } from '@im/contracts';
import { ensureServiceDatabase, runMigrations } from '@im/platform';
import {
  ClusterServers,
  databaseUrl,
  entryPath,
  firstDirNotEnterableBy,
  InfraCredentials,
  InfraUrls,
  instanceCount,
  instanceName,
  isRoot,
  LocalServers,
  locateServerBinaries,
  DEFAULT_MEDIA_PORT,
  PLATFORM_SERVICES,
  PlatformApps,
  PlatformServiceSpec,
  serviceEnv,
  ServicePorts,
  serviceSpec,
  ServiceProcess,
  startClusterServers,
  startLocalServers,
  startServiceProcess,
  startStages,
  withoutUserInfo,
  withUserInfo,
} from '@im/testing';
import { signUserSig } from '@im/usersig';

import { renderBanner } from './banner';
import { Endpoints, readEndpoints, writeEndpoints } from './endpoints-file';
import { InfraSupervisor, SupervisionEvent } from './infra-supervisor';
import { opsPortOf } from './launcher.config';
import type { LauncherConfig } from './launcher.config';

const ADMIN = 'administrator';
/** The console's first operator, created on an empty data dir. */
const FIRST_OPERATOR = 'admin';
const USER_SIG_DAYS = 7;
/** A crashing service is restarted at most this often per minute before the launcher gives up. */
const MAX_RESTARTS_PER_MINUTE = 5;
/** How long one service may take to become ready when it starts alone. */
const READY_TIMEOUT_MS = 30_000;

const cpus = () => Math.max(1, availableParallelism());

type Say = (line: string) => void;

/**
 * `npm start`: nats-server, redis-server and postgres with their data under `.data/`, every
 * database migrated, every service as its own process (restarted if it crashes, and so are the
 * three servers: infra-supervisor.ts), a demo app, and a banner with what a newcomer needs.
 * `stop()` stops the services first, then the servers.
 */
export class LocalLauncher {
  private servers?: LocalServers;
  private cluster?: ClusterServers;
  private credentials?: InfraCredentials;
  private credentialsFile?: string;
  private supervisor?: InfraSupervisor;
  private readonly services = new Map<string, ServiceProcess>();
  private readonly restarts = new Map<string, number[]>();
  private tail?: ChildProcess;
  private stopping = false;
  private readonly logDir: string;
  private ports!: ServicePorts;
  /** Variables every service gets beyond its catalogue ones (cluster: R3 streams). */
  private extraEnv?: Record<string, string>;
  private infra!: InfraUrls;

  constructor(
    private readonly config: LauncherConfig,
    private readonly say: Say,
    private readonly onFatal: (err: Error) => void,
  ) {
    this.logDir = path.join(config.dataDir, 'logs');
  }

  async start(): Promise<void> {
    const { config } = this;
    mkdirSync(this.logDir, { recursive: true, mode: 0o700 });
    chmodSync(this.logDir, 0o700);
    const started = Date.now();

    const databases = PLATFORM_SERVICES.flatMap((s) => (s.database ? [s.database.name] : []));
    if (config.cluster) await this.startCluster(databases);
    else await this.startOneOfEach(databases);
    const credentials = this.credentials!;

    for (const spec of PLATFORM_SERVICES) {
      if (!spec.database) continue;
      const { name } = spec.database;
      const password = credentials.postgres.roles[name];
      await ensureServiceDatabase(this.infra.postgresUrl, name, password);
      // migrated as the service's role, so it owns its tables
      const url = withUserInfo(databaseUrl(this.infra.postgresUrl, name), name, password);
      const result = await runMigrations({
        databaseUrl: url,
        migrationsDir: path.join(config.repoRoot, 'apps', spec.name, 'migrations'),
      });
      this.say(
        `database ${spec.database.name}: ${result.applied.length} migration(s) applied, ${result.alreadyApplied} already`,
      );
    }

    // Instance i of a service takes the public ports after the first one's.
    this.ports = {
      rest: config.ports.rest,
      ws: config.ports.ws,
      media: config.ports.media,
      ops: Object.fromEntries(
        PLATFORM_SERVICES.flatMap((s) =>
          Array.from({ length: this.instancesOf(s) }, (_, i) => [
            instanceName(s.name, i),
            opsPortOf(config.ports.opsBase, s, i),
          ]),
        ),
      ),
    };
    // account first (the others ask it about apps while starting), then all the others at once
    for (const stage of startStages(this.processes())) {
      // processes starting together share the cores: each may take the time of all of them
      const readyTimeoutMs = READY_TIMEOUT_MS * Math.max(1, Math.ceil(stage.length / cpus()));
      const results = await Promise.allSettled(
        stage.map(async (p) => {
          await this.startService(p.spec, p.instance, readyTimeoutMs);
          this.say(`${p.name} ready`);
        }),
      );
      const failed = results.find((r): r is PromiseRejectedResult => r.status === 'rejected');
      if (failed) throw failed.reason;
    }

    const { endpoints, features, operator } = await this.ensureDemoApp();
    this.say(`up in ${((Date.now() - started) / 1000).toFixed(1)} s`);
    const adminUserSig = signUserSig({
      sdkAppId: endpoints.sdkAppId,
      secretKey: endpoints.secretKey,
      identifier: endpoints.adminIdentifier,
      expireSeconds: USER_SIG_DAYS * 86_400,
    });
    process.stdout.write(
      renderBanner({
        ...endpoints,
        wsUrls: this.wsUrls(),
        adminUserSig,
        userSigDays: USER_SIG_DAYS,
        features,
        console: { url: `${endpoints.restUrl}/console/`, ...operator },
        opsUrls: Object.fromEntries([...this.services].map(([name, s]) => [name, s.opsUrl])),
        dataDir: config.dataDir,
        logDir: this.logDir,
        natsUrl: this.infra.natsUrl
          .split(',')
          .map((u) => (u.includes('@') ? withoutUserInfo(u) : u))
          .join(','),
        operatorPasswordFile: this.writeOperatorPassword(),
        credentialsFile: this.credentialsFile!,
        supervisionLog: this.supervisionLog,
        cluster: config.cluster,
      }),
    );
    if (config.streamLogs) this.streamLogs();
  }

  async stop(): Promise<void> {
    if (this.stopping) return;
    this.stopping = true;
    this.tail?.kill('SIGTERM');
    // reverse catalogue order, whatever order the processes became ready in
    for (const { name } of this.processes().reverse()) {
      const proc = this.services.get(name);
      if (!proc) continue;
      await proc.stop();
      this.say(`${name} stopped`);
    }
    // a restart under way finishes first, so the server it starts is the one stopped
    await this.supervisor?.stop();
    await this.servers?.stop();
    await this.cluster?.stop();
    this.say(
      this.cluster
        ? "the cluster's servers stopped"
        : 'nats-server, redis-server and postgres stopped',
    );
  }

  /** One nats-server, redis-server and postgres with their data kept, each supervised. */
  private async startOneOfEach(databases: string[]): Promise<void> {
    const { config } = this;
    this.say('starting nats-server, redis-server and postgres');
    this.servers = await startLocalServers({
      baseDir: config.dataDir,
      persistent: true,
      ports: {
        nats: config.ports.nats,
        redis: config.ports.redis,
        postgres: config.ports.postgres,
      },
      postgresDir: this.serverDir('postgres', 'postgres'),
      redisDir: this.serverDir('redis', 'redis'),
      databases,
    });
    // from here on a server that dies is started again (same port, data and password)
    this.supervisor = new InfraSupervisor(
      this.servers,
      (event) => this.reportSupervision(event),
      this.onFatal,
    );
    this.supervisor.start();
    this.credentials = this.servers.credentials;
    this.credentialsFile = this.servers.credentialsFile;
    this.infra = {
      natsUrl: this.servers.nats.url,
      redisUrl: this.servers.redis.url,
      postgresUrl: this.servers.postgres.url,
      // each service as its own NATS user and its own database role
      credentials: this.credentials,
      databaseRoles: true,
      // the media service's local storage (MEDIA_STORAGE=local)
      mediaDir: path.join(config.dataDir, 'media'),
    };
  }

  /**
   * `--cluster`: a 3-node NATS cluster (streams at R3), Redis primary + replica + 3 Sentinels,
   * PostgreSQL primary + streaming replica, started empty under `<dataDir>/cluster` each time
   * (a way to try and test the topology on one machine; a real cluster is deploy/k8s). Nothing
   * restarts a server here: the cluster keeps serving through the loss of one node.
   */
  private async startCluster(databases: string[]): Promise<void> {
    const { config } = this;
    const baseDir = this.serverDir('cluster', 'postgres') ?? path.join(config.dataDir, 'cluster');
    rmSync(baseDir, { recursive: true, force: true });
    mkdirSync(baseDir, { recursive: true, mode: 0o755 });
    chmodSync(baseDir, 0o755); // the redis and postgres OS users enter it
    this.say(
      'starting the cluster: 3 nats-server nodes, redis primary + replica + 3 sentinels, postgres primary + streaming replica',
    );
    this.cluster = await startClusterServers({ baseDir, persistent: true, databases });
    this.credentials = this.cluster.credentials;
    this.credentialsFile = this.cluster.credentialsFile;
    this.infra = {
      natsUrl: this.cluster.natsUrl,
      redisUrl: this.cluster.redisUrl,
      redisSentinels: this.cluster.redis.sentinelAddresses,
      redisSentinelName: this.cluster.redis.name,
      postgresUrl: this.cluster.postgresUrl,
      credentials: this.credentials,
      databaseRoles: true,
      // both media processes share the one disk of this machine
      mediaDir: path.join(config.dataDir, 'cluster-media'),
    };
    // R3 streams: every service creates its stream on all three nodes
    this.extraEnv = { NATS_STREAM_REPLICAS: '3' };
  }

  /** `<logDir>/launcher.log`: the supervisor's JSON lines (owner-only, like the service logs). */
  private get supervisionLog(): string {
    return path.join(this.logDir, 'launcher.log');
  }

  /** One JSON line in launcher.log, and a readable one on the terminal. */
  private reportSupervision(event: SupervisionEvent): void {
    const level = event.event === 'server-restarted' ? 'info' : 'warn';
    const line = JSON.stringify({ time: new Date().toISOString(), level, ...event });
    appendFileSync(this.supervisionLog, `${line}\n`, { mode: 0o600 });
    const { event: what, server, ...fields } = event;
    const details = Object.entries(fields)
      .map(([k, v]) => `${k}=${String(v)}`)
      .join(' ');
    this.say(`${server} ${what.replace('server-', '')} (${details})`);
  }

  /** `<dataDir>/nats-operator.password` (owner-only) for the admin CLI's NATS_PASSWORD_FILE. */
  private writeOperatorPassword(): string {
    const file = path.join(this.config.dataDir, 'nats-operator.password');
    writeFileSync(file, `${this.credentials!.nats.operator}\n`, { mode: 0o600 });
    chmodSync(file, 0o600);
    return file;
  }

  /**
   * PostgreSQL and Redis do not run as root: as root, their data must sit where their OS user
   * (`postgres`, `redis`) can enter.
   */
  private serverDir(server: string, osUser: string): string | undefined {
    if (!isRoot()) return undefined;
    const setpriv = locateServerBinaries().found.setpriv;
    if (!setpriv) return undefined;
    const wanted = path.join(this.config.dataDir, server);
    const blocked = firstDirNotEnterableBy(this.config.dataDir, osUser, setpriv);
    if (!blocked) return wanted;
    const fallback = path.join(
      '/var/lib/im-platform',
      Buffer.from(this.config.dataDir).toString('base64url'),
      server,
    );
    this.say(`${blocked} is closed to the ${osUser} user; keeping ${server} data in ${fallback}`);
    return fallback;
  }

  private instancesOf(spec: PlatformServiceSpec): number {
    return instanceCount(spec, this.config.instances);
  }

  /** Every process of the platform in catalogue order (dependencies first). */
  private processes(): {
    name: string;
    service: string;
    spec: PlatformServiceSpec;
    instance: number;
  }[] {
    return PLATFORM_SERVICES.flatMap((spec) =>
      Array.from({ length: this.instancesOf(spec) }, (_, instance) => ({
        name: instanceName(spec.name, instance),
        service: spec.name,
        spec,
        instance,
      })),
    );
  }

  private wsUrls(): string[] {
    const count = this.instancesOf(serviceSpec('conn-gateway'));
    return Array.from({ length: count }, (_, i) => `ws://127.0.0.1:${this.ports.ws + i}/ws`);
  }

  private async startService(
    spec: PlatformServiceSpec,
    instance: number,
    readyTimeoutMs?: number,
  ): Promise<void> {
    const name = instanceName(spec.name, instance);
    const env = serviceEnv(spec, this.infra, this.ports, {
      logLevel: this.config.logLevel,
      instance: { instance, instances: this.instancesOf(spec) },
      extra: this.extraEnv,
    });
    const proc = await startServiceProcess({
      name,
      entry: entryPath(spec),
      env,
      opsPort: this.ports.ops[name],
      logFile: path.join(this.logDir, `${name}.log`),
      readyTimeoutMs,
    });
    this.services.set(name, proc);
    void proc.exited.then((code) => this.onExit(spec, instance, proc, code));
  }

  private onExit(
    spec: PlatformServiceSpec,
    instance: number,
    proc: ServiceProcess,
    code: number | null,
  ): void {
    const name = instanceName(spec.name, instance);
    if (this.stopping || this.services.get(name) !== proc) return;
    const now = Date.now();
    const recent = (this.restarts.get(name) ?? []).filter((t) => now - t < 60_000);
    this.say(`${name} exited with code ${code}; last log lines:\n${proc.logTail(10)}`);
    if (recent.length >= MAX_RESTARTS_PER_MINUTE) {
      this.onFatal(new Error(`${name} keeps crashing; see ${proc.logFile}`));
      return;
    }
    this.restarts.set(name, [...recent, now]);
    this.say(`restarting ${name}`);
    this.startService(spec, instance).catch((err: Error) => this.onFatal(err));
  }

  /** The demo app of endpoints.json, created on first start and reused afterwards. */
  private async ensureDemoApp(): Promise<{
    endpoints: Endpoints;
    features: AppFeature[];
    operator: { username: string; password?: string };
  }> {
    const file = path.join(this.config.dataDir, 'endpoints.json');
    const previous = readEndpoints(file);
    const apps = await PlatformApps.connect(this.infra.natsUrl);
    try {
      let app = previous?.sdkAppId ? await apps.find(previous.sdkAppId) : undefined;
      if (!app) {
        // every switchable feature on, so a newcomer can try all of it (the banner says how to
        // switch them off)
        app = await apps.create({
          name: 'demo',
          sdkAppId: previous?.sdkAppId,
          adminIdentifiers: [ADMIN],
          settings: appFeaturesPatch({}, Object.fromEntries(AppFeatures.map((f) => [f, true]))),
        });
        this.say(`demo app ${app.sdkAppId} created`);
      }
      const endpoints: Endpoints = {
        restUrl: `http://127.0.0.1:${this.ports.rest}`,
        wsUrl: `ws://127.0.0.1:${this.ports.ws}/ws`,
        mediaUrl: `http://127.0.0.1:${this.ports.media ?? DEFAULT_MEDIA_PORT}/media/v1`,
        sdkAppId: app.sdkAppId,
        adminIdentifier: app.adminIdentifiers[0] ?? ADMIN,
        secretKey: app.secretKey,
      };
      writeEndpoints(file, endpoints);
      // the console's first operator: its one-time password is printed once, stored as a hash
      const operator = await apps.ensureFirstOperator(FIRST_OPERATOR);
      if (operator.created) this.say(`console operator ${operator.username} created`);
      return {
        endpoints,
        features: enabledAppFeatures(app.settings),
        operator: { username: operator.username, password: operator.password },
      };
    } finally {
      await apps.close();
    }
  }

  private streamLogs(): void {
    const files = [...this.services.values()].map((s) => s.logFile);
    this.tail = spawn('tail', ['-n', '0', '-F', ...files], {
      stdio: ['ignore', 'inherit', 'ignore'],
    });
  }
}
