import { Injectable } from '@nestjs/common';

import { canonicalGroupType, GroupDefaults } from '@im/contracts';
import type {
  AppSettings,
  GroupCustomFieldDeclaration,
  GroupMemberCustomFieldDeclaration,
  GroupTypeCapabilities,
} from '@im/contracts';
import { AppRegistryCache, AppSettingsView } from '@im/platform';

import { typeTable } from './group-types.rules';
import { declarationsFor } from './group.rules';

/** An app's group settings with defaults applied and its type table resolved. */
export interface GroupSettings {
  avChatRoomEnabled: boolean;
  bChatRoomEnabled: boolean;
  dailyCreateLimit: number;
  bChatRoomLimit: number;
  appGroupLimit: number;
  userGroupLimit: number;
  /** GRP-51 package cap; null = none. */
  memberCap: number | null;
  avChatRoomMemberListMax: number;
  types: Map<string, GroupTypeCapabilities>;
  /** Group custom fields of a type, by key. */
  groupFields(type: string): Map<string, GroupCustomFieldDeclaration>;
  /** Member custom fields of a type, by key. */
  memberFields(type: string): Map<string, GroupMemberCustomFieldDeclaration>;
}

/** Resolves an app's settings into group settings (pure; unit-tested). */
export function resolveGroupSettings(settings: AppSettings = {}): GroupSettings {
  const types = typeTable(settings.customGroupTypes ?? []);
  const canonical = <D extends GroupCustomFieldDeclaration>(list: readonly D[] = []): D[] =>
    list.map((d) => ({ ...d, groupTypes: d.groupTypes.map(canonicalGroupType) }));
  const groupFields = canonical(settings.groupCustomFields);
  const memberFields = canonical(settings.groupMemberCustomFields);
  return {
    avChatRoomEnabled: settings.avChatRoomEnabled ?? false,
    bChatRoomEnabled: settings.bChatRoomEnabled ?? false,
    dailyCreateLimit: settings.groupDailyCreateLimit ?? GroupDefaults.dailyCreateLimit,
    bChatRoomLimit: settings.bChatRoomLimit ?? GroupDefaults.bChatRoomLimit,
    appGroupLimit: settings.appGroupLimit ?? GroupDefaults.appGroupLimit,
    userGroupLimit: settings.userGroupLimit ?? GroupDefaults.userGroupLimit,
    memberCap: settings.groupMemberCap ?? null,
    avChatRoomMemberListMax:
      settings.avChatRoomMemberListMax ?? GroupDefaults.avChatRoomMemberListMax,
    types,
    groupFields: (type) => declarationsFor(groupFields, type),
    memberFields: (type) =>
      types.get(type)?.memberCustomFields ? declarationsFor(memberFields, type) : new Map(),
  };
}

/**
 * Per-app settings from the account service's app registry (cached briefly, dropped on
 * `account.evt.app-changed`). An unknown app gets the defaults.
 */
@Injectable()
export class GroupSettingsReader {
  private readonly settings: AppSettingsView<GroupSettings>;

  constructor(registry: AppRegistryCache) {
    this.settings = new AppSettingsView(registry, (app) => resolveGroupSettings(app?.settings));
  }

  settingsOf(sdkAppId: number): Promise<GroupSettings> {
    return this.settings.of(sdkAppId);
  }
}
