import { AccountRpc, ErrorCode, RemoteError } from '@im/contracts';
import type { AppCredentialsReply } from '@im/contracts';
import { AppRegistryCache, createLogger } from '@im/platform';
import type { NatsBus } from '@im/platform';

import type { MaintenanceRepository } from './maintenance.repository';
import { MessageSettingsReader } from './message-settings.reader';

const app = (sdkAppId: number, roamingDays?: number): AppCredentialsReply => ({
  sdkAppId,
  status: 'active',
  secretKey: 'k',
  keyVersion: 1,
  adminIdentifiers: ['administrator'],
  settings: roamingDays === undefined ? {} : { message: { roamingDays } },
});

/** Answers get-app-credentials from a map (unknown app: the account service's error). */
class FakeBus {
  readonly apps = new Map<number, AppCredentialsReply>();

  request(subject: string, req: { sdkAppId: number }): Promise<AppCredentialsReply> {
    if (subject !== AccountRpc.GetAppCredentials) throw new Error(`unexpected ${subject}`);
    const found = this.apps.get(req.sdkAppId);
    if (!found) return Promise.reject(new RemoteError(ErrorCode.SdkAppIdNotFound, 'no', 'x'));
    return Promise.resolve(found);
  }
}

/** The retention rows the reader writes. */
class FakeMaintenance {
  readonly recorded: [number, number][] = [];

  recordRetention(sdkAppId: number, days: number): Promise<void> {
    this.recorded.push([sdkAppId, days]);
    return Promise.resolve();
  }
}

describe(MessageSettingsReader.name, () => {
  const logger = createLogger('t', 't', 'silent');
  let bus: FakeBus;
  let registry: AppRegistryCache;
  let maintenance: FakeMaintenance;
  let sut: MessageSettingsReader;

  beforeEach(() => {
    bus = new FakeBus();
    registry = new AppRegistryCache(bus as unknown as NatsBus, logger, {
      ttlMs: 60_000,
      negativeTtlMs: 60_000,
      maxEntries: 10,
      callerId: 'message',
    });
    maintenance = new FakeMaintenance();
    sut = new MessageSettingsReader(
      registry,
      maintenance as unknown as MaintenanceRepository,
      logger,
    );
  });

  it('fills in the defaults, for a known app and an unknown one', async () => {
    bus.apps.set(1, app(1, 30));

    expect(await sut.settingsOf(1)).toMatchObject({ roamingDays: 30, roamingDaysSet: true });
    expect(await sut.settingsOf(2)).toMatchObject({ roamingDays: 7, roamingDaysSet: false });
  });

  it('records the roaming window of each known app once, when the registry fetches it', async () => {
    bus.apps.set(1, app(1, 30));
    bus.apps.set(3, app(3));

    await sut.settingsOf(1);
    await sut.settingsOf(1);
    registry.invalidate(1);
    await sut.settingsOf(1);
    await registry.get(3);
    await sut.settingsOf(2);

    expect(maintenance.recorded).toEqual([
      [1, 30],
      [3, 7],
    ]);
  });

  it('records a longer window of a custom group type on top', async () => {
    bus.apps.set(1, app(1, 7));
    await sut.settingsOf(1);

    sut.noteRetention(1, 30);
    sut.noteRetention(1, 14);

    expect(maintenance.recorded).toEqual([
      [1, 7],
      [1, 30],
    ]);
  });
});
