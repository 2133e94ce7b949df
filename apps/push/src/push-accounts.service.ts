import { Injectable } from '@nestjs/common';

import { PushUserRepository } from './push-user.repository';

/**
 * The mirror of the apps' accounts that "every user" pushes select from, kept from
 * `account.evt.imported` / `account.evt.deleted`.
 */
@Injectable()
export class PushAccountsService {
  constructor(private readonly users: PushUserRepository) {}

  async addAccounts(sdkAppId: number, userIds: string[]): Promise<void> {
    await this.users.upsertUsers(sdkAppId, userIds);
  }

  /** Deleted accounts leave, with their tags, attributes, devices and stored pushes. */
  async removeAccounts(sdkAppId: number, userIds: string[]): Promise<void> {
    await this.users.transaction((tx) => this.users.deleteUsers(sdkAppId, userIds, tx));
  }
}
