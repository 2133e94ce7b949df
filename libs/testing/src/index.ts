// Test and local-run harness: real nats-server, redis-server and postgres, test databases.
export { waitFor } from './wait-for';
export type { WaitForOptions } from './wait-for';

export { ensureServerBinaries, locateServerBinaries, INSTALL_COMMAND } from './servers/binaries';
export type { ServerBinaries } from './servers/binaries';
export { DEFAULT_STARTUP_TIMEOUT_MS } from './servers/server-handle';
export type { ServerHandle, ServerOptions } from './servers/server-handle';
export { StartupError } from './servers/server-process';
export { natsPermissionViolations, startNatsServer } from './servers/nats-server.process';
export { startRedisServer } from './servers/redis-server.process';
export { S3_TEST_CREDENTIALS, startS3Server } from './servers/s3-server.process';
export type { S3ServerHandle, S3ServerOptions } from './servers/s3-server.process';
export { postgresAdminUrl, startPostgresServer } from './servers/postgres-server.process';
export { startLocalServers } from './servers/local-servers';
export {
  CREDENTIALS_FILE,
  loadOrCreateCredentials,
  natsOperatorUrl,
  newSecret,
  withoutUserInfo,
  withUserInfo,
} from './servers/credentials';
export type { InfraCredentials } from './servers/credentials';
export {
  eventStreamName,
  NATS_OPERATOR_USER,
  NATS_SERVICE_ACCESS,
  natsInboxPrefix,
  natsPermissions,
  OPERATOR_ONLY_SUBJECTS,
  renderNatsAuthorization,
  subjectMatches,
} from './servers/nats-access';
export type { NatsPermissions, NatsServiceAccess, NatsUser } from './servers/nats-access';
export type { LocalServerName, LocalServers, LocalServersOptions } from './servers/local-servers';
export { findFreePort, findFreePortRange, isPortFree } from './servers/free-port';

export {
  exportTestServerUrls,
  hasTestServerUrls,
  TEST_CREDENTIALS_ENV,
  TEST_SERVER_ENV,
  testServerUrls,
} from './jest/test-server-urls';
export type { TestServerUrls } from './jest/test-server-urls';

export { createTestDatabase } from './database/test-database';
export type { CreateTestDatabaseOptions, TestDatabase } from './database/test-database';
export {
  assertTestDatabaseName,
  templateDatabaseName,
  testDatabaseName,
} from './database/test-database-names';
export { findRepoRoot } from './database/repo-root';
export { firstDirNotEnterableBy, isRoot } from './servers/os-user';

export { startServiceProcess } from './platform/service-process';
export type { ServiceProcess, ServiceProcessOptions } from './platform/service-process';
export {
  databaseUrl,
  entryPath,
  instanceCount,
  instanceName,
  DEFAULT_MEDIA_PORT,
  PLATFORM_SERVICES,
  serviceEnv,
  serviceSpec,
  testCredentials,
} from './platform/platform-services';
export type {
  InfraUrls,
  PlatformServiceSpec,
  ServiceInstance,
  ServicePorts,
} from './platform/platform-services';
export { FIRST_SERVICES, startPlatform, startStages } from './platform/platform-runner';
export type { RunningPlatform, StartPlatformOptions } from './platform/platform-runner';
export { PlatformApps } from './platform/platform-apps';
/** A temp dir the postgres OS user can enter, removed by a later run if this one is killed. */
export { createTempBaseDir as createTempDir } from './jest/temp-base-dir';
export { readEnvFile } from './env-file';
export { EventRecorder } from './nats/event-recorder';
export type { RecordedEvent } from './nats/event-recorder';
export { startNatsCluster } from './servers/nats-cluster';
export type { NatsCluster, NatsClusterOptions } from './servers/nats-cluster';
export { startRedisSentinelGroup } from './servers/redis-sentinel';
export type { RedisSentinelGroup, RedisSentinelOptions } from './servers/redis-sentinel';
export { startPostgresReplicaPair } from './servers/postgres-replica';
export type { PostgresReplicaOptions, PostgresReplicaPair } from './servers/postgres-replica';
export { startClusterServers } from './servers/cluster-servers';
export type { ClusterServers, ClusterServersOptions } from './servers/cluster-servers';
export { classShape } from './fuzz/class-shape';
export type { ClassShape, FieldShape } from './fuzz/class-shape';
export {
  describeFuzzValue,
  HOSTILE_VALUES,
  raw,
  Rng,
  serializeFuzzed,
  validObject,
} from './fuzz/fuzz-values';
export type { ValidFill, ValidIds } from './fuzz/fuzz-values';
export { FUZZ_ADMIN, startFuzzPlatform } from './fuzz/fuzz-platform';
export type { FuzzPlatform } from './fuzz/fuzz-platform';
export { PayloadSampler, seededRandom } from './validation/payload-sampler';
export { rulesOf } from './validation/class-rules';
