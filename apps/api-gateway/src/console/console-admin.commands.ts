import type { SchemaObject } from 'openapi3-ts/oas31';

import {
  AccountRpc,
  AfterCallbackCommands,
  AppStatsLimits,
  BuiltinGroupTypes,
  CallbackDispatcherRpc,
  CallbackLimits,
  GroupLimits,
  MessageLimits,
} from '@im/contracts';

import type { AdminAudit } from './console-admin.service';
import type { ConsoleCall, ConsoleRoute } from './console.commands';

// ---- schemas ----

const id = (maxLength = 32): SchemaObject => ({ type: 'string', minLength: 1, maxLength });
const int = (minimum: number, maximum: number, extra: SchemaObject = {}): SchemaObject => ({
  type: 'integer',
  minimum,
  maximum,
  ...extra,
});

const appParams = (more: Record<string, SchemaObject> = {}): SchemaObject => ({
  type: 'object',
  required: ['sdkAppId', ...Object.keys(more)],
  properties: { sdkAppId: int(1, 0xffffffff), ...more },
});

const object = (
  properties: Record<string, SchemaObject>,
  required: string[] = [],
): SchemaObject => ({ type: 'object', additionalProperties: false, required, properties });

/** The answer of a /v4 command without its envelope (field names of docs/rest-api.md). */
const v4Answer = (command: string): SchemaObject => ({
  type: 'object',
  additionalProperties: true,
  description: `the fields /v4/${command} answers (docs/rest-api.md)`,
});

const textBody = object(
  {
    from: { ...id(), description: 'sender; absent = the app admin' },
    text: { type: 'string', minLength: 1, maxLength: 4000 },
  },
  ['text'],
);

const TEXT_ELEM = (text: string) => [{ MsgType: 'TIMTextElem', MsgContent: { Text: text } }];

/** A 32-bit random for MsgRandom / Random (the platform dedupes sends by it). */
const random = () => Math.floor(Math.random() * 0xffffffff);

interface AdminRouteRow {
  method: 'GET' | 'POST' | 'PUT';
  path: string;
  operationId: string;
  summary: string;
  tag: string;
  params: SchemaObject;
  query?: SchemaObject;
  body?: SchemaObject;
  /** `service/command` of the /v4 row that validates, sends and maps the call. */
  command: string;
  toBody: (call: ConsoleCall) => Record<string, unknown>;
  /** Writes only: the audit entry (no message content). */
  audit?: (call: ConsoleCall) => AdminAudit;
  /** Reshape the /v4 answer (paging in the gateway of a list the command answers whole). */
  answer?: (reply: Record<string, unknown>, call: ConsoleCall) => unknown;
  response?: SchemaObject;
}

/** A console route passed on to the platform as the app's admin, through a /v4 command row. */
function adminRoute(row: AdminRouteRow): ConsoleRoute {
  const [service, command] = row.command.split('/');
  return {
    method: row.method,
    path: row.path,
    operationId: row.operationId,
    summary: `${row.summary} (/v4/${row.command})`,
    tag: row.tag,
    auth: row.audit ? 'write' : 'read',
    params: row.params,
    query: row.query,
    body: row.body,
    response: row.response ?? v4Answer(row.command),
    async handle(call) {
      if (!call.session) throw new Error('route without a session');
      const reply = await call.admin.run({
        session: call.session,
        requestId: call.requestId,
        sdkAppId: appOf(call),
        service,
        command,
        body: row.toBody(call),
        audit: row.audit?.(call),
      });
      return { body: row.answer ? row.answer(reply, call) : reply };
    },
  };
}

const appOf = (call: ConsoleCall) => Number(call.params.sdkAppId);
const str = (v: unknown) => v as string;
const target = (call: ConsoleCall, what: string) => `app:${appOf(call)}/${what}`;

const PROFILE_TAGS = [
  'Tag_Profile_IM_Nick',
  'Tag_Profile_IM_Gender',
  'Tag_Profile_IM_BirthDay',
  'Tag_Profile_IM_Location',
  'Tag_Profile_IM_SelfSignature',
  'Tag_Profile_IM_AllowType',
  'Tag_Profile_IM_Language',
  'Tag_Profile_IM_Image',
  'Tag_Profile_IM_MsgSettings',
  'Tag_Profile_IM_Level',
  'Tag_Profile_IM_Role',
];

const userParams = appParams({ userId: id() });
const groupParams = appParams({ groupId: id(48) });
const pageQuery = (max: number): SchemaObject =>
  object({
    offset: int(0, 1_000_000, { default: 0 }),
    limit: int(1, max, { default: 20 }),
  });

// ---- users ----

const USER_ROUTES: ConsoleRoute[] = [
  adminRoute({
    method: 'GET',
    path: '/apps/:sdkAppId/users/:userId/check',
    operationId: 'checkUser',
    summary: 'Whether a user is imported',
    tag: 'users',
    params: userParams,
    command: 'im_open_login_svc/account_check',
    toBody: (c) => ({ CheckItem: [{ UserID: c.params.userId }] }),
  }),
  adminRoute({
    method: 'POST',
    path: '/apps/:sdkAppId/users',
    operationId: 'importUser',
    summary: 'Import a user',
    tag: 'users',
    params: appParams(),
    body: object(
      {
        userId: id(),
        nick: { type: 'string', maxLength: 100 },
        faceUrl: { type: 'string', maxLength: 500 },
      },
      ['userId'],
    ),
    command: 'im_open_login_svc/account_import',
    toBody: (c) => ({
      UserID: c.body.userId,
      ...(c.body.nick ? { Nick: c.body.nick } : {}),
      ...(c.body.faceUrl ? { FaceUrl: c.body.faceUrl } : {}),
    }),
    audit: (c) => ({
      action: 'user.import',
      target: target(c, `user:${str(c.body.userId)}`),
      detail: {},
    }),
  }),
  adminRoute({
    method: 'GET',
    path: '/apps/:sdkAppId/users/:userId/profile',
    operationId: 'getUserProfile',
    summary: "A user's standard profile fields",
    tag: 'users',
    params: userParams,
    command: 'profile/portrait_get',
    toBody: (c) => ({ To_Account: [c.params.userId], TagList: PROFILE_TAGS }),
  }),
  adminRoute({
    method: 'PUT',
    path: '/apps/:sdkAppId/users/:userId/profile',
    operationId: 'setUserProfile',
    summary: "Set a user's profile fields",
    tag: 'users',
    params: userParams,
    body: object(
      {
        items: {
          type: 'array',
          minItems: 1,
          maxItems: 20,
          items: object(
            {
              tag: { type: 'string', minLength: 1, maxLength: 64 },
              value: { anyOf: [{ type: 'string', maxLength: 500 }, { type: 'integer' }] },
            },
            ['tag', 'value'],
          ),
        },
      },
      ['items'],
    ),
    command: 'profile/portrait_set',
    toBody: (c) => ({
      From_Account: c.params.userId,
      ProfileItem: (c.body.items as { tag: string; value: unknown }[]).map((i) => ({
        Tag: i.tag,
        Value: i.value,
      })),
    }),
    audit: (c) => ({
      action: 'user.profile',
      target: target(c, `user:${c.params.userId}`),
      detail: { tags: (c.body.items as { tag: string }[]).map((i) => i.tag) },
    }),
  }),
  adminRoute({
    method: 'GET',
    path: '/apps/:sdkAppId/users/:userId/online',
    operationId: 'getUserOnline',
    summary: "A user's online state per platform",
    tag: 'users',
    params: userParams,
    command: 'openim/query_online_status',
    toBody: (c) => ({ To_Account: [c.params.userId], IsNeedDetail: 1 }),
  }),
  adminRoute({
    method: 'GET',
    path: '/apps/:sdkAppId/users/:userId/friends',
    operationId: 'listUserFriends',
    summary: "A page of a user's friends from StartIndex (the platform's page size)",
    tag: 'users',
    params: userParams,
    query: object({ startIndex: int(0, 1_000_000, { default: 0 }) }),
    command: 'sns/friend_get',
    toBody: (c) => ({ From_Account: c.params.userId, StartIndex: c.query.startIndex ?? 0 }),
  }),
  adminRoute({
    method: 'GET',
    path: '/apps/:sdkAppId/users/:userId/blacklist',
    operationId: 'listUserBlacklist',
    summary: "A page of a user's blacklist",
    tag: 'users',
    params: userParams,
    query: object({
      startIndex: int(0, 1_000_000, { default: 0 }),
      limit: int(1, 100, { default: 20 }),
    }),
    command: 'sns/black_list_get',
    toBody: (c) => ({
      From_Account: c.params.userId,
      StartIndex: c.query.startIndex ?? 0,
      MaxLimited: c.query.limit ?? 20,
      LastSequence: 0,
    }),
  }),
  adminRoute({
    method: 'POST',
    path: '/apps/:sdkAppId/users/:userId/kick',
    operationId: 'kickUser',
    summary: "End a user's sessions; its UserSigs issued before stop working",
    tag: 'users',
    params: userParams,
    command: 'im_open_login_svc/kick',
    toBody: (c) => ({ UserID: c.params.userId }),
    audit: (c) => ({
      action: 'user.kick',
      target: target(c, `user:${c.params.userId}`),
      detail: {},
    }),
  }),
  adminRoute({
    method: 'POST',
    path: '/apps/:sdkAppId/users/:userId/delete',
    operationId: 'deleteUser',
    summary: 'Delete a user',
    tag: 'users',
    params: userParams,
    command: 'im_open_login_svc/account_delete',
    toBody: (c) => ({ DeleteItem: [{ UserID: c.params.userId }] }),
    audit: (c) => ({
      action: 'user.delete',
      target: target(c, `user:${c.params.userId}`),
      detail: {},
    }),
  }),
];

// ---- messages ----

const MESSAGE_ROUTES: ConsoleRoute[] = [
  adminRoute({
    method: 'GET',
    path: '/apps/:sdkAppId/messages/c2c',
    operationId: 'getC2cHistory',
    summary: 'Roaming history of a C2C pair, newest first, paged by LastMsgKey',
    tag: 'messages',
    params: appParams(),
    query: object(
      {
        user: id(),
        peer: id(),
        minTime: int(0, 0xffffffff, { default: 0 }),
        maxTime: int(0, 0xffffffff),
        limit: int(1, 100, { default: 20 }),
        lastMsgKey: { type: 'string', maxLength: 128 },
      },
      ['user', 'peer'],
    ),
    command: 'openim/admin_getroammsg',
    toBody: (c) => ({
      Operator_Account: c.query.user,
      Peer_Account: c.query.peer,
      MaxCnt: c.query.limit ?? 20,
      MinTime: c.query.minTime ?? 0,
      MaxTime: c.query.maxTime ?? Math.floor(Date.now() / 1000) + 60,
      ...(c.query.lastMsgKey ? { LastMsgKey: c.query.lastMsgKey } : {}),
    }),
  }),
  adminRoute({
    method: 'GET',
    path: '/apps/:sdkAppId/groups/:groupId/messages',
    operationId: 'getGroupHistory',
    summary: "A group's history, newest first, from reqMsgSeq down",
    tag: 'messages',
    params: groupParams,
    query: object({
      limit: int(1, MessageLimits.groupHistoryMaxMessages, { default: 20 }),
      reqMsgSeq: int(1, Number.MAX_SAFE_INTEGER),
    }),
    command: 'group_open_http_svc/group_msg_get_simple',
    toBody: (c) => ({
      GroupId: c.params.groupId,
      ReqMsgNumber: c.query.limit ?? 20,
      ...(c.query.reqMsgSeq ? { ReqMsgSeq: c.query.reqMsgSeq } : {}),
      WithRecalledMsg: 1,
    }),
  }),
  adminRoute({
    method: 'POST',
    path: '/apps/:sdkAppId/messages/c2c',
    operationId: 'sendC2cMessage',
    summary: 'Send a text message to a user as the admin (or as `from`)',
    tag: 'messages',
    params: appParams(),
    body: object({ ...(textBody.properties ?? {}), to: id() }, ['to', 'text']),
    command: 'openim/sendmsg',
    toBody: (c) => ({
      ...(c.body.from ? { From_Account: c.body.from } : {}),
      To_Account: c.body.to,
      SyncOtherMachine: 1,
      MsgRandom: random(),
      MsgBody: TEXT_ELEM(str(c.body.text)),
    }),
    audit: (c) => ({
      action: 'message.send',
      target: target(c, `user:${str(c.body.to)}`),
      detail: { from: c.body.from ?? null },
    }),
  }),
  adminRoute({
    method: 'POST',
    path: '/apps/:sdkAppId/groups/:groupId/messages',
    operationId: 'sendGroupMessage',
    summary: 'Send a text message to a group as the admin (or as `from`)',
    tag: 'messages',
    params: groupParams,
    body: textBody,
    command: 'group_open_http_svc/send_group_msg',
    toBody: (c) => ({
      GroupId: c.params.groupId,
      ...(c.body.from ? { From_Account: c.body.from } : {}),
      Random: random(),
      MsgBody: TEXT_ELEM(str(c.body.text)),
    }),
    audit: (c) => ({
      action: 'message.send',
      target: target(c, `group:${c.params.groupId}`),
      detail: { from: c.body.from ?? null },
    }),
  }),
  adminRoute({
    method: 'POST',
    path: '/apps/:sdkAppId/messages/c2c/recall',
    operationId: 'recallC2cMessage',
    summary: 'Recall a C2C message by its MsgKey',
    tag: 'messages',
    params: appParams(),
    body: object(
      { from: id(), to: id(), msgKey: { type: 'string', minLength: 1, maxLength: 128 } },
      ['from', 'to', 'msgKey'],
    ),
    command: 'openim/admin_msgwithdraw',
    toBody: (c) => ({ From_Account: c.body.from, To_Account: c.body.to, MsgKey: c.body.msgKey }),
    audit: (c) => ({
      action: 'message.recall',
      target: target(c, `user:${str(c.body.from)}>${str(c.body.to)}`),
      detail: { msgKey: c.body.msgKey },
    }),
  }),
  adminRoute({
    method: 'POST',
    path: '/apps/:sdkAppId/groups/:groupId/messages/recall',
    operationId: 'recallGroupMessage',
    summary: 'Recall a group message by its MsgSeq',
    tag: 'messages',
    params: groupParams,
    body: object({ msgSeq: int(1, Number.MAX_SAFE_INTEGER) }, ['msgSeq']),
    command: 'group_open_http_svc/group_msg_recall',
    toBody: (c) => ({ GroupId: c.params.groupId, MsgSeqList: [{ MsgSeq: c.body.msgSeq }] }),
    audit: (c) => ({
      action: 'message.recall',
      target: target(c, `group:${c.params.groupId}`),
      detail: { msgSeq: c.body.msgSeq },
    }),
  }),
];

// ---- sensitive words ----

const wordsBody = object(
  {
    words: {
      type: 'array',
      minItems: 1,
      maxItems: MessageLimits.dirtyWordsPerCall,
      items: { type: 'string', minLength: 1, maxLength: MessageLimits.dirtyWordMaxBytes },
    },
  },
  ['words'],
);

const WORD_ROUTES: ConsoleRoute[] = [
  adminRoute({
    method: 'GET',
    path: '/apps/:sdkAppId/sensitive-words',
    operationId: 'listSensitiveWords',
    summary: "A page of the app's sensitive words, in the platform's order",
    tag: 'sensitive-words',
    params: appParams(),
    query: pageQuery(100),
    command: 'openim_dirty_words/get',
    toBody: () => ({}),
    // the command answers the whole list (at most MessageLimits.dirtyWordsMax): paged here
    answer: (r, c) => {
      const words = (r.DirtyWordsList as string[] | undefined) ?? [];
      const offset = (c.query.offset as number | undefined) ?? 0;
      const limit = (c.query.limit as number | undefined) ?? 20;
      return { items: words.slice(offset, offset + limit), total: words.length };
    },
    response: {
      type: 'object',
      required: ['items', 'total'],
      properties: {
        items: { type: 'array', items: { type: 'string' } },
        total: { type: 'integer' },
      },
    },
  }),
  adminRoute({
    method: 'POST',
    path: '/apps/:sdkAppId/sensitive-words',
    operationId: 'addSensitiveWords',
    summary: 'Add sensitive words (a message containing one is refused)',
    tag: 'sensitive-words',
    params: appParams(),
    body: wordsBody,
    command: 'openim_dirty_words/add',
    toBody: (c) => ({ DirtyWordsList: c.body.words }),
    audit: (c) => ({
      action: 'words.add',
      target: target(c, 'sensitive-words'),
      detail: { count: (c.body.words as string[]).length },
    }),
  }),
  adminRoute({
    method: 'POST',
    path: '/apps/:sdkAppId/sensitive-words/delete',
    operationId: 'deleteSensitiveWords',
    summary: 'Delete sensitive words',
    tag: 'sensitive-words',
    params: appParams(),
    body: wordsBody,
    command: 'openim_dirty_words/delete',
    toBody: (c) => ({ DirtyWordsList: c.body.words }),
    audit: (c) => ({
      action: 'words.delete',
      target: target(c, 'sensitive-words'),
      detail: { count: (c.body.words as string[]).length },
    }),
  }),
];

// ---- groups ----

const GROUP_ROUTES: ConsoleRoute[] = [
  adminRoute({
    method: 'GET',
    path: '/apps/:sdkAppId/groups',
    operationId: 'listGroups',
    summary: "A page of the app's groups, continued by `next`",
    tag: 'groups',
    params: appParams(),
    query: object({
      limit: int(1, GroupLimits.appGroupPageMax, { default: 20 }),
      next: int(0, Number.MAX_SAFE_INTEGER, { default: 0 }),
      groupType: { type: 'string', maxLength: 32 },
    }),
    command: 'group_open_http_svc/get_appid_group_list',
    toBody: (c) => ({
      Limit: c.query.limit ?? 20,
      Next: c.query.next ?? 0,
      ...(c.query.groupType ? { GroupType: c.query.groupType } : {}),
    }),
  }),
  adminRoute({
    method: 'POST',
    path: '/apps/:sdkAppId/groups',
    operationId: 'createGroup',
    summary: 'Create a group (AVChatRoom / BChatRoom only where the app switched them on)',
    tag: 'groups',
    params: appParams(),
    body: object(
      {
        type: { type: 'string', enum: [...BuiltinGroupTypes] },
        name: { type: 'string', minLength: 1, maxLength: GroupLimits.nameMaxBytes },
        owner: { ...id(), description: 'absent = the app admin owns it' },
        groupId: { ...id(48), description: 'absent = the platform picks one' },
        members: { type: 'array', maxItems: 100, items: id() },
      },
      ['type', 'name'],
    ),
    command: 'group_open_http_svc/create_group',
    toBody: (c) => ({
      Type: c.body.type,
      Name: c.body.name,
      ...(c.body.owner ? { Owner_Account: c.body.owner } : {}),
      ...(c.body.groupId ? { GroupId: c.body.groupId } : {}),
      ...(Array.isArray(c.body.members) && c.body.members.length > 0
        ? { MemberList: (c.body.members as string[]).map((m) => ({ Member_Account: m })) }
        : {}),
    }),
    audit: (c) => ({
      action: 'group.create',
      target: target(c, 'groups'),
      detail: { type: c.body.type, owner: c.body.owner ?? null },
    }),
  }),
  adminRoute({
    method: 'GET',
    path: '/apps/:sdkAppId/groups/:groupId',
    operationId: 'getGroup',
    summary: "A group's info",
    tag: 'groups',
    params: groupParams,
    command: 'group_open_http_svc/get_group_info',
    toBody: (c) => ({ GroupIdList: [c.params.groupId] }),
  }),
  adminRoute({
    method: 'GET',
    path: '/apps/:sdkAppId/groups/:groupId/members',
    operationId: 'listGroupMembers',
    summary: 'A page of the members with their roles',
    tag: 'groups',
    params: groupParams,
    query: pageQuery(GroupLimits.memberPageMax),
    command: 'group_open_http_svc/get_group_member_info',
    toBody: (c) => ({
      GroupId: c.params.groupId,
      Offset: c.query.offset ?? 0,
      Limit: c.query.limit ?? 20,
    }),
  }),
  adminRoute({
    method: 'POST',
    path: '/apps/:sdkAppId/groups/:groupId/mute',
    operationId: 'muteGroupMembers',
    summary: 'Mute members for some seconds (0 unmutes)',
    tag: 'groups',
    params: groupParams,
    body: object(
      {
        members: { type: 'array', minItems: 1, maxItems: 500, items: id() },
        seconds: int(0, 0xffffffff),
      },
      ['members', 'seconds'],
    ),
    command: 'group_open_http_svc/forbid_send_msg',
    toBody: (c) => ({
      GroupId: c.params.groupId,
      Members_Account: c.body.members,
      MuteTime: c.body.seconds,
    }),
    audit: (c) => ({
      action: 'group.mute',
      target: target(c, `group:${c.params.groupId}`),
      detail: { members: c.body.members, seconds: c.body.seconds },
    }),
  }),
  adminRoute({
    method: 'POST',
    path: '/apps/:sdkAppId/groups/:groupId/owner',
    operationId: 'changeGroupOwner',
    summary: 'Make a member the owner',
    tag: 'groups',
    params: groupParams,
    body: object({ newOwner: id() }, ['newOwner']),
    command: 'group_open_http_svc/change_group_owner',
    toBody: (c) => ({ GroupId: c.params.groupId, NewOwner_Account: c.body.newOwner }),
    audit: (c) => ({
      action: 'group.owner',
      target: target(c, `group:${c.params.groupId}`),
      detail: { newOwner: c.body.newOwner },
    }),
  }),
  adminRoute({
    method: 'POST',
    path: '/apps/:sdkAppId/groups/:groupId/dismiss',
    operationId: 'dismissGroup',
    summary: 'Dismiss the group',
    tag: 'groups',
    params: groupParams,
    command: 'group_open_http_svc/destroy_group',
    toBody: (c) => ({ GroupId: c.params.groupId }),
    audit: (c) => ({
      action: 'group.dismiss',
      target: target(c, `group:${c.params.groupId}`),
      detail: {},
    }),
  }),
];

// ---- push ----

const tagList: SchemaObject = {
  type: 'array',
  minItems: 1,
  maxItems: 10,
  items: { type: 'string', minLength: 1, maxLength: 50 },
};
const attrMap: SchemaObject = {
  type: 'object',
  minProperties: 1,
  maxProperties: 10,
  additionalProperties: { type: 'string', maxLength: 50 },
};

const PUSH_ROUTES: ConsoleRoute[] = [
  adminRoute({
    method: 'POST',
    path: '/apps/:sdkAppId/push',
    operationId: 'pushToAll',
    summary:
      'Push a text message to every user, or to those whose tags or attributes match (one condition)',
    tag: 'push',
    params: appParams(),
    body: object(
      {
        ...(textBody.properties ?? {}),
        lifeTimeSeconds: int(0, 604_800),
        tagsAnd: tagList,
        tagsOr: tagList,
        attrsAnd: attrMap,
        attrsOr: attrMap,
      },
      ['text'],
    ),
    command: 'all_member_push/im_push',
    toBody: (c) => {
      const condition = Object.fromEntries(
        (
          [
            ['tagsAnd', 'TagsAnd'],
            ['tagsOr', 'TagsOr'],
            ['attrsAnd', 'AttrsAnd'],
            ['attrsOr', 'AttrsOr'],
          ] as const
        )
          .filter(([k]) => c.body[k] !== undefined)
          .map(([k, spec]) => [spec, c.body[k]]),
      );
      return {
        ...(c.body.from ? { From_Account: c.body.from } : {}),
        MsgRandom: random(),
        MsgBody: TEXT_ELEM(str(c.body.text)),
        ...(c.body.lifeTimeSeconds !== undefined ? { MsgLifeTime: c.body.lifeTimeSeconds } : {}),
        ...(Object.keys(condition).length ? { Condition: condition } : {}),
      };
    },
    audit: (c) => ({
      action: 'push.send',
      target: target(c, 'push'),
      detail: {
        condition: ['tagsAnd', 'tagsOr', 'attrsAnd', 'attrsOr'].filter(
          (k) => c.body[k] !== undefined,
        ),
      },
    }),
  }),
  adminRoute({
    method: 'GET',
    path: '/apps/:sdkAppId/push/:taskId',
    operationId: 'getPushReport',
    summary: "A push task's report",
    tag: 'push',
    params: appParams({ taskId: id(64) }),
    command: 'all_member_push/im_get_push_report',
    toBody: (c) => ({ TaskIds: [c.params.taskId] }),
  }),
];

// ---- statistics ----

const STATS_ROUTES: ConsoleRoute[] = [
  {
    method: 'GET',
    path: '/apps/:sdkAppId/stats',
    operationId: 'getAppStats',
    summary:
      "The app's per-day statistics for the last `days` UTC days, oldest first (docs/app-stats.md)",
    tag: 'statistics',
    auth: 'read',
    params: appParams(),
    query: object({ days: int(1, AppStatsLimits.maxDays, { default: 7 }) }),
    response: {
      type: 'object',
      required: ['sdkAppId', 'appName', 'days'],
      properties: {
        sdkAppId: { type: 'integer' },
        appName: { type: 'string' },
        days: {
          type: 'array',
          items: {
            type: 'object',
            required: ['date', 'values'],
            properties: {
              date: { type: 'string', pattern: '^\\d{8}$' },
              values: { type: 'object', additionalProperties: { type: 'integer' } },
            },
          },
        },
      },
    },
    async handle(call) {
      if (!call.session) throw new Error('route without a session');
      return {
        body: await call.admin.request(
          call.session,
          call.requestId,
          appOf(call),
          AccountRpc.GetAppStats,
          {
            days: (call.query.days as number | undefined) ?? 7,
          },
        ),
      };
    },
  },
];

// ---- callback deliveries and dead letters ----

const isoTime = { type: 'string', format: 'date-time' } as const;
const callbackCommand: SchemaObject = { type: 'string', enum: [...AfterCallbackCommands] };
const itemsPage = (item: SchemaObject): SchemaObject => ({
  type: 'object',
  required: ['items', 'total'],
  properties: { items: { type: 'array', items: item }, total: { type: 'integer' } },
});
const pageArgs = (call: ConsoleCall) => ({
  offset: (call.query.offset as number | undefined) ?? 0,
  limit: (call.query.limit as number | undefined) ?? 20,
});

function sessionOf(call: ConsoleCall) {
  if (!call.session) throw new Error('route without a session');
  return call.session;
}

const CALLBACK_ROUTES: ConsoleRoute[] = [
  {
    method: 'GET',
    path: '/apps/:sdkAppId/callbacks/deliveries',
    operationId: 'listCallbackDeliveries',
    summary:
      "The app's recent after-callback delivery attempts, newest first: status, error, latency " +
      `(the last ${CallbackLimits.attemptsKeptDays} days, at most ${CallbackLimits.attemptsKeptPerApp})`,
    tag: 'callbacks',
    auth: 'read',
    params: appParams(),
    query: pageQuery(CallbackLimits.appPageMax),
    response: itemsPage({
      type: 'object',
      required: ['id', 'callbackId', 'command', 'attempt', 'outcome', 'latencyMs', 'at'],
      properties: {
        id: { type: 'integer' },
        callbackId: { type: 'string' },
        command: callbackCommand,
        attempt: { type: 'integer' },
        outcome: { type: 'string', enum: ['delivered', 'failed'] },
        httpStatus: { type: 'integer' },
        error: { type: 'string' },
        latencyMs: { type: 'integer' },
        at: isoTime,
      },
    }),
    async handle(call) {
      return {
        body: await call.admin.request(
          sessionOf(call),
          call.requestId,
          appOf(call),
          CallbackDispatcherRpc.ListAppDeliveries,
          pageArgs(call),
        ),
      };
    },
  },
  {
    method: 'GET',
    path: '/apps/:sdkAppId/callbacks/dead-letters',
    operationId: 'listCallbackDeadLetters',
    summary:
      "The app's after-callbacks given up after their last attempt, newest first (no bodies)",
    tag: 'callbacks',
    auth: 'read',
    params: appParams(),
    query: pageQuery(CallbackLimits.appPageMax),
    response: itemsPage({
      type: 'object',
      required: ['id', 'callbackId', 'command', 'attempts', 'lastError', 'queuedAt', 'deadAt'],
      properties: {
        id: { type: 'integer' },
        callbackId: { type: 'string' },
        command: callbackCommand,
        attempts: { type: 'integer' },
        lastError: { type: 'string' },
        queuedAt: isoTime,
        deadAt: isoTime,
      },
    }),
    async handle(call) {
      return {
        body: await call.admin.request(
          sessionOf(call),
          call.requestId,
          appOf(call),
          CallbackDispatcherRpc.ListAppDeadLetters,
          pageArgs(call),
        ),
      };
    },
  },
  {
    method: 'POST',
    path: '/apps/:sdkAppId/callbacks/dead-letters/:deadLetterId/replay',
    operationId: 'replayCallbackDeadLetter',
    summary: 'Queue a dead letter for delivery again (fresh attempts, the same X-IM-Event-Id)',
    tag: 'callbacks',
    auth: 'write',
    params: appParams({ deadLetterId: int(1, Number.MAX_SAFE_INTEGER) }),
    response: {
      type: 'object',
      required: ['replayed'],
      properties: { replayed: { type: 'boolean' } },
    },
    async handle(call) {
      const id = Number(call.params.deadLetterId);
      return {
        body: await call.admin.request(
          sessionOf(call),
          call.requestId,
          appOf(call),
          CallbackDispatcherRpc.ReplayAppDeadLetter,
          { id },
          { action: 'callback.replay', target: target(call, `dead-letter:${id}`), detail: {} },
        ),
      };
    },
  },
];

/** The routes that act on an app's users, groups, messages, words and statistics. */
export const ADMIN_ROUTES: readonly ConsoleRoute[] = [
  ...USER_ROUTES,
  ...MESSAGE_ROUTES,
  ...WORD_ROUTES,
  ...GROUP_ROUTES,
  ...PUSH_ROUTES,
  ...STATS_ROUTES,
  ...CALLBACK_ROUTES,
];
