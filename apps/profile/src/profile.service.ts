import { Inject, Injectable } from '@nestjs/common';

import { ErrorCode, isValidUserId, ProfileEvt, ProfileTags } from '@im/contracts';
import type {
  AccountsDeletedEvent,
  AccountsImportedEvent,
  CallerContext,
  GetProfileSettingsReply,
  GetProfileSettingsRequest,
  GetProfilesReply,
  GetProfilesRequest,
  ProfileCustomFieldDeclaration,
  ProfileSettings,
  SetProfileReply,
  SetProfileRequest,
  UserProfile,
} from '@im/contracts';
import { AccountsClient, EventOutbox, PLATFORM_LOGGER, SensitiveWordsCache } from '@im/platform';
import type { PlatformLogger } from '@im/platform';

import { CustomFieldsReader } from './custom-fields.reader';
import { standardField, valueProblem } from './profile-fields.rules';
import type { FieldProblem, ProfileField, StandardField } from './profile-fields.rules';
import { partyOf, profileWriteProblem } from './profile-permissions.rules';
import { applyWrites, checkWrites, readableFields, screenedTexts } from './profile.rules';
import type { FieldWrite } from './profile.rules';
import { effectiveValue, itemsOf, rowOfValues, valuesOfRow } from './profile-values.rules';
import type { ProfileValues } from './profile-values.rules';
import { ProfileCache } from './profile.cache';
import type { CachedSettings } from './profile.cache';
import type { ProfileDb, ProfileTx } from './profile.db';
import { ProfileError } from './profile.errors';
import { ProfileRepository } from './profile.repository';
import type { ProfileSaveTimes } from './profile.repository';
import { PROFILE_DB } from './profile.tokens';

/** Tombstones outlive the account event stream (7 days) by a day, then go. */
const TOMBSTONE_KEEP_MS = 8 * 24 * 3600 * 1000;

const NICK = standardField(ProfileTags.Nick)!;
const IMAGE = standardField(ProfileTags.Image)!;
const SELF_SIGNATURE = standardField(ProfileTags.SelfSignature)!;
const ALLOW_TYPE = standardField(ProfileTags.AllowType)!;
const ADMIN_FORBID_TYPE = standardField(ProfileTags.AdminForbidType)!;
const MSG_SETTINGS = standardField(ProfileTags.MsgSettings)!;

/**
 * Profiles: portrait_set / portrait_get with the field rules and permissions, the settings
 * other services decide with, and the profile side of the account lifecycle.
 */
@Injectable()
export class ProfileService {
  constructor(
    private readonly repository: ProfileRepository,
    private readonly accounts: AccountsClient,
    private readonly customFields: CustomFieldsReader,
    private readonly cache: ProfileCache,
    private readonly outbox: EventOutbox,
    private readonly sensitiveWords: SensitiveWordsCache,
    @Inject(PROFILE_DB) private readonly db: ProfileDb,
    @Inject(PLATFORM_LOGGER) private readonly logger: PlatformLogger,
  ) {}

  /** Runs a change and stages its events in one transaction; the outbox publishes after commit. */
  private commit<T>(work: (tx: ProfileTx) => Promise<T>): Promise<T> {
    return this.outbox.commit(this.db, work);
  }

  /** portrait_set: all of the items or none (PRF-24); the first problem decides the code. */
  async setProfile(caller: CallerContext, req: SetProfileRequest): Promise<SetProfileReply> {
    const { sdkAppId } = caller;
    const { userId } = req;
    if (!isValidUserId(userId)) throw ProfileError.invalid('From_Account is not a valid user ID');
    const notOwner = profileWriteProblem(caller, userId);
    if (notOwner) throw ProfileError.of(notOwner);
    const party = partyOf(caller.role);
    const { writes } = await this.withDeclarations<{ writes: FieldWrite[] }>(
      sdkAppId,
      (declarations) => checkWrites(req.items, declarations, party),
    );
    const tag = await this.sensitiveWords.matchedField(sdkAppId, screenedTexts(writes));
    if (tag) throw ProfileError.sensitiveWords(tag);
    // Writes ask the account service every time: a deleted account is not written.
    const confirmedAt = (await this.accounts.confirmed(sdkAppId, [userId], { fresh: true })).get(
      userId,
    );
    if (confirmedAt === undefined) throw ProfileError.accountNotFound(userId);

    const now = new Date();
    const change = await this.commit(async (tx) => {
      await this.repository.lockUsers(sdkAppId, [userId], tx);
      const deletedAt = (await this.repository.findTombstones(sdkAppId, [userId], tx)).get(userId);
      if (deletedAt && deletedAt.getTime() >= confirmedAt)
        throw ProfileError.accountNotFound(userId);
      const row = (await this.repository.findProfiles(sdkAppId, [userId], tx)).get(userId);
      const result = applyWrites(valuesOfRow(row), writes);
      const times = writeTimes(writes, now, new Date(confirmedAt));
      if (result.changed.length || times.nickSetAt || times.imageSetAt) {
        await this.repository.saveProfile(sdkAppId, userId, rowOfValues(result.next), times, tx);
      }
      if (result.changed.length) {
        await this.outbox.stage(tx, ProfileEvt.Changed, {
          sdkAppId,
          userId,
          changedTags: result.changed.map((i) => i.tag),
          standardChanged: result.standardChanged,
          operatorId: caller.callerId,
        });
      }
      return result;
    });
    const changedTags = change.changed.map((i) => i.tag);
    if (changedTags.length) {
      await this.cache.dropSettings(sdkAppId, [userId]);
      this.logger.info({ sdkAppId, userId, changedTags }, 'profile changed');
    }
    return { changedTags };
  }

  /** portrait_get: the readable requested fields of up to 100 users, a code per user. */
  async getProfiles(caller: CallerContext, req: GetProfilesRequest): Promise<GetProfilesReply> {
    const { sdkAppId } = caller;
    const party = partyOf(caller.role);
    const { fields } = await this.withDeclarations<{ fields: ProfileField[] }>(
      sdkAppId,
      (declarations) => readableFields(req.tags, declarations, party),
    );
    const userIds = [...new Set(req.userIds)];
    const found = await this.loadExisting(sdkAppId, userIds.filter(isValidUserId));
    const profiles = userIds.map((userId): UserProfile => {
      if (!isValidUserId(userId))
        return failed(userId, ErrorCode.ProfileInvalidParameters, 'invalid user ID');
      const values = found.get(userId);
      if (!values) return failed(userId, ErrorCode.ProfileAccountNotFound, 'account not found');
      return { userId, items: itemsOf(fields, values), code: ErrorCode.Ok, message: '' };
    });
    return {
      profiles,
      failedUserIds: profiles.filter((p) => p.code !== ErrorCode.Ok).map((p) => p.userId),
    };
  }

  /**
   * AllowType, AdminForbidType and MsgSettings of up to 1000 users for other services, from
   * the Redis cache where it can (an existing account's entry lives 5 minutes and is dropped on
   * every change); an unknown account: `exists: false` with the defaults.
   */
  async getSettings(
    caller: CallerContext,
    req: GetProfileSettingsRequest,
  ): Promise<GetProfileSettingsReply> {
    const { sdkAppId } = caller;
    const userIds = [...new Set(req.userIds)];
    const valid = userIds.filter(isValidUserId);
    const known = await this.cache.getSettings(sdkAppId, valid);
    const misses = valid.filter((u) => !known.has(u));
    if (misses.length) {
      const loaded = new Map<string, CachedSettings>();
      for (const [userId, values] of await this.loadExisting(sdkAppId, misses))
        loaded.set(userId, settingsOf(values));
      await this.cache.putSettings(sdkAppId, loaded);
      for (const [userId, settings] of loaded) known.set(userId, settings);
    }
    return {
      settings: userIds.map((userId): ProfileSettings => {
        const settings = known.get(userId);
        return { userId, exists: settings !== undefined, ...(settings ?? settingsOf(new Map())) };
      }),
    };
  }

  /**
   * `account.evt.imported`: each account gets its profile, with Nick and Image from the import
   * when given (PRF, ACC import). Idempotent and order-tolerant: an import older than the
   * account's deletion, or than the last write of a field, leaves it alone.
   */
  async onAccountsImported(event: AccountsImportedEvent): Promise<void> {
    const { sdkAppId } = event;
    const importedAt = new Date(event.occurredAt);
    const accounts = event.accounts.filter((a) => isValidUserId(a.userId));
    const userIds = accounts.map((a) => a.userId);
    const changed = await this.commit(async (tx) => {
      await this.repository.lockUsers(sdkAppId, userIds, tx);
      const deletions = await this.repository.findTombstones(sdkAppId, userIds, tx);
      const rows = await this.repository.findProfiles(sdkAppId, userIds, tx);
      const changedUsers: string[] = [];
      for (const account of accounts) {
        const deletedAt = deletions.get(account.userId);
        if (deletedAt && deletedAt >= importedAt) continue;
        const row = rows.get(account.userId);
        const writes: FieldWrite[] = [];
        const times: ProfileSaveTimes = { createdAt: importedAt };
        if (this.importable(NICK, account.nick, row?.nickSetAt, importedAt)) {
          writes.push({ field: NICK, value: account.nick });
          times.nickSetAt = importedAt;
        }
        if (this.importable(IMAGE, account.faceUrl, row?.imageSetAt, importedAt)) {
          writes.push({ field: IMAGE, value: account.faceUrl });
          times.imageSetAt = importedAt;
        }
        // create_robot's SelfSignature: no set time is kept for it, so a later portrait_set wins
        // only until the (rare) redelivery of this event.
        if (this.importable(SELF_SIGNATURE, account.selfSignature, undefined, importedAt)) {
          writes.push({ field: SELF_SIGNATURE, value: account.selfSignature });
        }
        const result = applyWrites(valuesOfRow(row), writes);
        if (row && !result.changed.length && !times.nickSetAt && !times.imageSetAt) continue;
        await this.repository.saveProfile(
          sdkAppId,
          account.userId,
          rowOfValues(result.next),
          times,
          tx,
        );
        if (!result.changed.length) continue;
        await this.outbox.stage(tx, ProfileEvt.Changed, {
          sdkAppId,
          userId: account.userId,
          changedTags: result.changed.map((i) => i.tag),
          standardChanged: result.standardChanged,
        });
        changedUsers.push(account.userId);
      }
      return changedUsers;
    });
    this.logger.info(
      { sdkAppId, accounts: accounts.length, changed: changed.length },
      'imported accounts applied',
    );
  }

  /**
   * `account.evt.deleted`: the profiles go, and so does what is cached about the accounts.
   * Idempotent; a profile created after the deletion (the account was imported again) stays.
   */
  async onAccountsDeleted(event: AccountsDeletedEvent): Promise<void> {
    const { sdkAppId } = event;
    const deletedAt = new Date(event.occurredAt);
    const userIds = event.userIds.filter(isValidUserId);
    const removed = await this.commit(async (tx) => {
      await this.repository.lockUsers(sdkAppId, userIds, tx);
      const gone = await this.repository.deleteProfiles(sdkAppId, userIds, deletedAt, tx);
      await this.repository.recordDeletions(sdkAppId, userIds, deletedAt, tx);
      await this.repository.purgeTombstones(
        sdkAppId,
        new Date(deletedAt.getTime() - TOMBSTONE_KEEP_MS),
        tx,
      );
      return gone;
    });
    await this.cache.dropAccounts(sdkAppId, userIds);
    this.logger.info(
      { sdkAppId, accounts: userIds.length, removed: removed.length },
      'deleted accounts applied',
    );
  }

  /** Whether an import's value of Nick / Image is written: given, valid, newer than the field. */
  private importable(
    field: StandardField,
    value: string | undefined | null,
    lastSetAt: Date | null | undefined,
    importedAt: Date,
  ): value is string {
    if (value == null || (lastSetAt && lastSetAt >= importedAt)) return false;
    const problem = valueProblem(field, value);
    if (problem) this.logger.warn({ tag: field.tag, code: problem.code }, 'imported value skipped');
    return !problem;
  }

  /**
   * Runs a check against the app's custom field declarations. When it fails on a tag that
   * is unknown or not permitted, the declarations may just have changed (the change event
   * not here yet): the check runs once more on declarations read afresh (PRF-20).
   */
  private async withDeclarations<T extends object>(
    sdkAppId: number,
    check: (declarations: readonly ProfileCustomFieldDeclaration[]) => T | Problem,
  ): Promise<T> {
    let result = check(await this.customFields.declarations(sdkAppId));
    if ('problem' in result && RECHECKED.has(result.problem.code)) {
      result = check(await this.customFields.declarations(sdkAppId, { fresh: true }));
    }
    if ('problem' in result) throw ProfileError.of(result.problem);
    return result;
  }

  /**
   * The values of the existing accounts among `userIds` (no row: nothing set). An account
   * counts as existing when the account service confirmed it after its last deletion; a cached
   * confirmation older than a deletion is asked again (the account may be back).
   */
  private async loadExisting(
    sdkAppId: number,
    userIds: readonly string[],
  ): Promise<Map<string, ProfileValues>> {
    const confirmed = await this.accounts.confirmed(sdkAppId, userIds);
    const deletions = await this.repository.findTombstones(sdkAppId, [...confirmed.keys()]);
    const outdated = (userId: string) =>
      (deletions.get(userId)?.getTime() ?? -Infinity) >= confirmed.get(userId)!;
    const stale = [...confirmed.keys()].filter(outdated);
    if (stale.length) {
      for (const userId of stale) confirmed.delete(userId);
      const again = await this.accounts.confirmed(sdkAppId, stale, { fresh: true });
      for (const [userId, at] of again) confirmed.set(userId, at);
    }
    const known = [...confirmed.keys()].filter((userId) => !outdated(userId));
    const rows = await this.repository.findProfiles(sdkAppId, known);
    return new Map(known.map((userId) => [userId, valuesOfRow(rows.get(userId))]));
  }
}

const RECHECKED = new Set<number>([
  ErrorCode.ProfileTagNotFound,
  ErrorCode.ProfileNoWritePermission,
]);

type Problem = { problem: FieldProblem };

function failed(userId: string, code: number, message: string): UserProfile {
  return { userId, items: [], code, message };
}

/** The import guard times of a portrait_set: Nick / Image written now. */
function writeTimes(writes: readonly FieldWrite[], now: Date, confirmedAt: Date): ProfileSaveTimes {
  const tags = new Set(writes.map((w) => w.field.tag));
  return {
    createdAt: confirmedAt,
    ...(tags.has(NICK.tag) && { nickSetAt: now }),
    ...(tags.has(IMAGE.tag) && { imageSetAt: now }),
  };
}

function settingsOf(values: ProfileValues): CachedSettings {
  return {
    allowType: effectiveValue(ALLOW_TYPE, values) as CachedSettings['allowType'],
    adminForbidType: effectiveValue(ADMIN_FORBID_TYPE, values) as CachedSettings['adminForbidType'],
    msgSettings: effectiveValue(MSG_SETTINGS, values) as number,
  };
}
