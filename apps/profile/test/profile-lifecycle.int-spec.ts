/**
 * The profile side of the account lifecycle: `account.evt.imported` and `account.evt.deleted`
 * consumed through the durable consumer `profile-account-events`, with the real account service
 * publishing them — and, to test redeliveries and out-of-order events the account service
 * would not produce on cue, with facts published straight into ACCOUNT_EVENTS. Ends with the
 * answers while the account service is down (it stops the account service: keep it last).
 */
import { randomUUID } from 'node:crypto';

import { AccountEvt, ErrorCode, ProfileEvt, ProfileRpc, ProfileTags } from '@im/contracts';
import type { AccountToImport } from '@im/contracts';
import { waitFor } from '@im/testing';

import { ProfileCacheKeys } from '../src/profile.cache-keys';
import { as, expectRemoteError, ProfileWorld } from './profile.harness';

let world: ProfileWorld;

beforeAll(async () => {
  world = await ProfileWorld.start();
});

afterAll(async () => {
  await world?.stop();
});

const T = ProfileTags;
const MINUTE = 60_000;

/** Publishes an account fact into ACCOUNT_EVENTS as the account service would, at `at`. */
async function publishAccountFact(
  subject: typeof AccountEvt.Imported | typeof AccountEvt.Deleted,
  sdkAppId: number,
  fact: { accounts: AccountToImport[] } | { userIds: string[] },
  at: Date,
): Promise<void> {
  const requestId = randomUUID();
  const event = {
    eventId: randomUUID(),
    sdkAppId,
    occurredAt: at.toISOString(),
    requestId,
    ...fact,
  };
  await world.bus.publishEvent(subject, event, {
    requestId,
    sdkAppId,
    role: 'admin',
    callerId: 'administrator',
  });
}

/**
 * Waits until the consumer handled everything published before: it handles one event at a
 * time in stream order, so once a marker import shows up, all earlier facts are applied
 * (imports of the account service count once they were published: `importAccountsPublished`).
 */
async function consumerCaughtUp(sdkAppId: number): Promise<void> {
  const marker = `marker-${randomUUID().slice(0, 8)}`;
  await publishAccountFact(
    AccountEvt.Imported,
    sdkAppId,
    { accounts: [{ userId: marker }] },
    new Date(),
  );
  await world.waitForRow(sdkAppId, marker, (row) => row !== undefined, 'the marker import');
}

const nickOf = async (sdkAppId: number, userId: string) =>
  (await world.row(sdkAppId, userId))?.nick;

describe('account.evt.imported', () => {
  it("gives the account a profile with Nick and Image from the import's Nick and FaceUrl", async () => {
    const sdkAppId = await world.newApp();

    await world.importAccounts(sdkAppId, {
      userId: 'alice',
      nick: 'Alice',
      faceUrl: 'https://img/a.png',
    });

    await world.waitForRow(sdkAppId, 'alice', (row) => row?.nick === 'Alice');
    expect(await world.itemsOf(sdkAppId, 'alice', [T.Nick, T.Image])).toEqual([
      { tag: T.Nick, value: 'Alice' },
      { tag: T.Image, value: 'https://img/a.png' },
    ]);
  });

  it('publishes profile.evt.changed for the imported fields, without an operator', async () => {
    const sdkAppId = await world.newApp();

    await world.importAccounts(sdkAppId, { userId: 'alice', nick: 'Alice' });

    const event = await world.events.next(ProfileEvt.Changed, sdkAppId);
    expect(event).toMatchObject({ userId: 'alice', changedTags: [T.Nick], standardChanged: true });
    expect(event).not.toHaveProperty('operatorId');
  });

  it('creates an empty profile for an account imported without Nick or FaceUrl, and no event', async () => {
    const sdkAppId = await world.newApp();

    await world.importAccountsPublished(sdkAppId, 'bare');

    expect(await world.waitForRow(sdkAppId, 'bare', (row) => row !== undefined)).toMatchObject({
      nick: null,
      image: null,
    });
    await consumerCaughtUp(sdkAppId);
    expect(world.events.of(ProfileEvt.Changed, sdkAppId)).toEqual([]);
  });

  it('takes the Nick of a later re-import, and keeps it when a re-import gives none', async () => {
    const sdkAppId = await world.newApp();
    await world.importAccounts(sdkAppId, { userId: 'alice', nick: 'First' });
    await world.waitForRow(sdkAppId, 'alice', (row) => row?.nick === 'First');

    await world.importAccounts(sdkAppId, { userId: 'alice', nick: 'Second' });
    await world.waitForRow(sdkAppId, 'alice', (row) => row?.nick === 'Second');
    await world.importAccountsPublished(sdkAppId, { userId: 'alice' });
    await consumerCaughtUp(sdkAppId);

    expect(await nickOf(sdkAppId, 'alice')).toBe('Second');
  });

  it('does not let an import older than a portrait_set overwrite it', async () => {
    const sdkAppId = await world.newApp();
    await world.importAccountsPublished(sdkAppId, 'alice');
    await world.set(sdkAppId, 'alice', [
      { tag: T.Nick, value: 'Mine' },
      { tag: T.Image, value: 'mine.png' },
    ]);

    await publishAccountFact(
      AccountEvt.Imported,
      sdkAppId,
      { accounts: [{ userId: 'alice', nick: 'Stale', faceUrl: 'stale.png' }] },
      new Date(Date.now() - MINUTE),
    );
    await consumerCaughtUp(sdkAppId);

    expect(await world.itemsOf(sdkAppId, 'alice', [T.Nick, T.Image])).toEqual([
      { tag: T.Nick, value: 'Mine' },
      { tag: T.Image, value: 'mine.png' },
    ]);
  });

  it('applies a redelivered import once: no second change, no second event', async () => {
    const sdkAppId = await world.newApp();
    await world.importAccountsPublished(sdkAppId, 'alice');
    const at = new Date(Date.now() + 1000);
    const fact = { accounts: [{ userId: 'alice', nick: 'Once' }] };

    await publishAccountFact(AccountEvt.Imported, sdkAppId, fact, at);
    await publishAccountFact(AccountEvt.Imported, sdkAppId, fact, at);
    await consumerCaughtUp(sdkAppId);

    expect(await nickOf(sdkAppId, 'alice')).toBe('Once');
    expect(world.events.of(ProfileEvt.Changed, sdkAppId).map((e) => e.changedTags)).toEqual([
      [T.Nick],
    ]);
  });

  it('leaves the same user ID of another app alone', async () => {
    const appA = await world.newApp();
    const appB = await world.newApp();
    await world.importAccounts(appB, { userId: 'alice', nick: 'B' });
    await world.waitForRow(appB, 'alice', (row) => row?.nick === 'B');

    await world.importAccounts(appA, { userId: 'alice', nick: 'A' });
    await world.waitForRow(appA, 'alice', (row) => row?.nick === 'A');

    expect(await nickOf(appB, 'alice')).toBe('B');
  });
});

describe('account.evt.deleted', () => {
  it('removes the profile and what is cached about the account; the account reads 40003', async () => {
    const sdkAppId = await world.newApp();
    await world.importAccounts(sdkAppId, 'alice', 'bob');
    await world.set(sdkAppId, 'alice', [{ tag: T.Nick, value: 'Alice' }]);
    await world.bus.request(
      ProfileRpc.GetSettings,
      { userIds: ['alice'] },
      as(sdkAppId, 'service'),
    );
    await world.get(sdkAppId, ['alice'], [T.Nick]);
    const keys = [
      ProfileCacheKeys.settings(sdkAppId, 'alice'),
      ProfileCacheKeys.exists(sdkAppId, 'alice'),
    ];
    expect(await world.redis.exists(...keys)).toBe(2);

    await world.deleteAccounts(sdkAppId, 'alice');

    await world.waitForRow(sdkAppId, 'alice', (row) => row === undefined);
    await waitFor(async () => (await world.redis.exists(...keys)) === 0);
    expect((await world.get(sdkAppId, ['alice', 'bob'], [T.Nick])).failedUserIds).toEqual([
      'alice',
    ]);
    await expectRemoteError(
      world.set(sdkAppId, 'alice', [{ tag: T.Nick, value: 'x' }]),
      ErrorCode.ProfileAccountNotFound,
    );
    const settings = await world.bus.request(
      ProfileRpc.GetSettings,
      { userIds: ['alice'] },
      as(sdkAppId, 'service'),
    );
    expect(settings.settings[0].exists).toBe(false);
  });

  it('starts a re-imported account with a fresh profile', async () => {
    const sdkAppId = await world.newApp();
    await world.importAccounts(sdkAppId, 'alice');
    await world.set(sdkAppId, 'alice', [{ tag: T.SelfSignature, value: 'old life' }]);
    await world.deleteAccounts(sdkAppId, 'alice');
    await world.waitForRow(sdkAppId, 'alice', (row) => row === undefined);

    await world.importAccounts(sdkAppId, { userId: 'alice', nick: 'Reborn' });

    await world.waitForRow(sdkAppId, 'alice', (row) => row?.nick === 'Reborn');
    expect(await world.itemsOf(sdkAppId, 'alice', [T.Nick, T.SelfSignature])).toEqual([
      { tag: T.Nick, value: 'Reborn' },
      { tag: T.SelfSignature, value: '' },
    ]);
  });

  it('records the deletion, so a redelivered older import does not bring the profile back', async () => {
    const sdkAppId = await world.newApp();
    await world.importAccounts(sdkAppId, 'alice');
    await world.deleteAccounts(sdkAppId, 'alice');
    await waitFor(async () => {
      const { rows } = await world.pg.query(
        'SELECT 1 FROM profile_tombstones WHERE sdk_app_id = $1 AND user_id = $2',
        [sdkAppId, 'alice'],
      );
      return rows.length === 1;
    });

    await publishAccountFact(
      AccountEvt.Imported,
      sdkAppId,
      { accounts: [{ userId: 'alice', nick: 'Ghost' }] },
      new Date(Date.now() - MINUTE),
    );
    await consumerCaughtUp(sdkAppId);

    expect(await world.row(sdkAppId, 'alice')).toBeUndefined();
  });

  it('does not trust a cached confirmation older than the deletion, and finds a re-import', async () => {
    const sdkAppId = await world.newApp();
    await world.importAccounts(sdkAppId, 'alice', 'bob');
    await world.deleteAccounts(sdkAppId, 'alice', 'bob');
    await waitFor(async () => {
      const { rows } = await world.pg.query(
        'SELECT 1 FROM profile_tombstones WHERE sdk_app_id = $1',
        [sdkAppId],
      );
      return rows.length === 2;
    });
    await world.importAccounts(sdkAppId, 'alice');
    // What a read racing with the deletion could have written back into the cache.
    const beforeDeletion = String(Date.now() - MINUTE);
    for (const userId of ['alice', 'bob'])
      await world.redis.set(ProfileCacheKeys.exists(sdkAppId, userId), beforeDeletion, 'EX', 60);

    const reply = await world.get(sdkAppId, ['alice', 'bob'], [T.Nick]);

    expect(reply.failedUserIds).toEqual(['bob']);
  });

  it('keeps a profile created after the deletion it is told about late', async () => {
    const sdkAppId = await world.newApp();
    await world.importAccounts(sdkAppId, { userId: 'alice', nick: 'Alive' });
    await world.waitForRow(sdkAppId, 'alice', (row) => row?.nick === 'Alive');

    await publishAccountFact(
      AccountEvt.Deleted,
      sdkAppId,
      { userIds: ['alice'] },
      new Date(Date.now() - MINUTE),
    );
    await consumerCaughtUp(sdkAppId);

    expect(await nickOf(sdkAppId, 'alice')).toBe('Alive');
  });

  it('handles a deletion twice without harm', async () => {
    const sdkAppId = await world.newApp();
    await world.importAccountsPublished(sdkAppId, 'alice');
    await world.waitForRow(sdkAppId, 'alice', (row) => row !== undefined);
    const at = new Date(Date.now() + 1000);

    await publishAccountFact(AccountEvt.Deleted, sdkAppId, { userIds: ['alice'] }, at);
    await publishAccountFact(AccountEvt.Deleted, sdkAppId, { userIds: ['alice'] }, at);
    await consumerCaughtUp(sdkAppId);

    expect(await world.row(sdkAppId, 'alice')).toBeUndefined();
  });

  it('leaves the same user ID of another app alone', async () => {
    const appA = await world.newApp();
    const appB = await world.newApp();
    await world.importAccounts(appA, 'alice');
    await world.importAccounts(appB, { userId: 'alice', nick: 'B' });
    await world.waitForRow(appB, 'alice', (row) => row?.nick === 'B');

    await world.deleteAccounts(appA, 'alice');
    await world.waitForRow(appA, 'alice', (row) => row === undefined);

    expect(await world.itemsOf(appB, 'alice', [T.Nick])).toEqual([{ tag: T.Nick, value: 'B' }]);
  });
});

describe('while the account service is down', () => {
  it('answers 40006 instead of guessing whether an account exists', async () => {
    const sdkAppId = await world.newApp();
    await world.importAccounts(sdkAppId, 'alice');
    await world.platform.services.get('account')!.stop();

    await expectRemoteError(
      world.set(sdkAppId, 'alice', [{ tag: T.Nick, value: 'x' }]),
      ErrorCode.ProfileInternalError,
    );
    await expectRemoteError(world.get(sdkAppId, ['bob'], [T.Nick]), ErrorCode.ProfileInternalError);
  });
});
