import { PushRpc } from '@im/contracts';
import type { PushReport } from '@im/contracts';

import { restCommand } from '../../rest/rest-command.model';
import type { RestCommand } from '../../rest/rest-command.model';
import { ImPushDto } from './im-push.dto';
import {
  GetAttrNameDto,
  PushAccountsDto,
  RemoveAttrDto,
  SetAttrDto,
  SetAttrNameDto,
} from './push-attr.dto';
import { GetPushReportDto } from './push-report.dto';
import { UserTagsDto } from './push-tag.dto';

const PUSH = 'all_member_push';
/** Old docs served im_push and im_get_push_report under `openim` (docs/rest-api.md §1.5). */
const LEGACY = 'openim';

/** `StartTime` of a report: "YYYY-MM-DD hh:mm:ss" (UTC). */
export function reportTime(seconds: number): string {
  return new Date(seconds * 1000).toISOString().slice(0, 19).replace('T', ' ');
}

/** One item of `Reports`: the documented fields, then the counts of AMB-46. */
export function toReportItem(r: PushReport): Record<string, unknown> {
  return {
    TaskId: r.taskId,
    Status: r.status,
    ...(r.status !== 0 && r.startTime !== undefined && { StartTime: reportTime(r.startTime) }),
    Finished: r.finished,
    Total: r.total,
    OnlineDelivered: r.onlineDelivered,
    Stored: r.stored,
    StoredDelivered: r.storedDelivered,
    OfflinePushed: r.offlinePushed,
    OfflinePushFailed: r.offlinePushFailed,
    ...(r.finishTime !== undefined && { FinishTime: reportTime(r.finishTime) }),
  };
}

function imPush(service: string): RestCommand {
  return restCommand({
    service,
    command: 'im_push',
    dto: ImPushDto,
    subject: PushRpc.Push,
    toRequest: (d) => ({
      msgRandom: d.MsgRandom,
      body: d.MsgBody,
      from: d.From_Account,
      lifeTimeSeconds: d.MsgLifeTime,
      offlinePush: d.OfflinePushInfo,
      condition: d.Condition && {
        tagsAnd: d.Condition.TagsAnd,
        tagsOr: d.Condition.TagsOr,
        attrsAnd: d.Condition.AttrsAnd,
        attrsOr: d.Condition.AttrsOr,
      },
    }),
    toResponse: (r) => ({ TaskId: r.taskId }),
  });
}

function getPushReport(service: string): RestCommand {
  return restCommand({
    service,
    command: 'im_get_push_report',
    dto: GetPushReportDto,
    subject: PushRpc.GetReports,
    toRequest: (d) => ({ taskIds: d.TaskIds }),
    toResponse: (r) => ({ Reports: r.reports.map(toReportItem) }),
  });
}

/** The `all_member_push` commands (docs/rest-api.md §8), served by the push service. */
export const pushCommands: RestCommand[] = [
  imPush(PUSH),
  imPush(LEGACY),
  getPushReport(PUSH),
  getPushReport(LEGACY),
  restCommand({
    service: PUSH,
    command: 'im_set_attr_name',
    dto: SetAttrNameDto,
    subject: PushRpc.SetAttrNames,
    toRequest: (d) => ({ attrNames: d.AttrNames }),
    toResponse: () => ({}),
  }),
  restCommand({
    service: PUSH,
    command: 'im_get_attr_name',
    dto: GetAttrNameDto,
    subject: PushRpc.GetAttrNames,
    toRequest: () => ({}),
    toResponse: (r) => ({ AttrNames: r.attrNames }),
  }),
  restCommand({
    service: PUSH,
    command: 'im_get_attr',
    dto: PushAccountsDto,
    subject: PushRpc.GetUserAttrs,
    toRequest: (d) => ({ userIds: d.To_Account }),
    toResponse: (r) => ({
      UserAttrs: r.users.map((u) => ({ To_Account: u.userId, Attrs: u.attrs })),
    }),
  }),
  restCommand({
    service: PUSH,
    command: 'im_set_attr',
    dto: SetAttrDto,
    aliases: { Attrs: 'UserAttrs' },
    subject: PushRpc.SetUserAttrs,
    toRequest: (d) => ({
      users: d.UserAttrs.map((u) => ({ userId: u.To_Account, attrs: u.Attrs })),
    }),
    toResponse: () => ({}),
  }),
  restCommand({
    service: PUSH,
    command: 'im_remove_attr',
    dto: RemoveAttrDto,
    aliases: { Attrs: 'UserAttrs' },
    subject: PushRpc.RemoveUserAttrs,
    toRequest: (d) => ({
      users: d.UserAttrs.map((u) => ({ userId: u.To_Account, attrNames: u.Attrs })),
    }),
    toResponse: () => ({}),
  }),
  restCommand({
    service: PUSH,
    command: 'im_get_tag',
    dto: PushAccountsDto,
    subject: PushRpc.GetUserTags,
    toRequest: (d) => ({ userIds: d.To_Account }),
    toResponse: (r) => ({
      UserTags: r.users.map((u) => ({ To_Account: u.userId, Tags: u.tags })),
    }),
  }),
  restCommand({
    service: PUSH,
    command: 'im_add_tag',
    dto: UserTagsDto,
    aliases: { Tags: 'UserTags' },
    subject: PushRpc.AddUserTags,
    toRequest: (d) => ({ users: d.UserTags.map((u) => ({ userId: u.To_Account, tags: u.Tags })) }),
    toResponse: () => ({}),
  }),
  restCommand({
    service: PUSH,
    command: 'im_remove_tag',
    dto: UserTagsDto,
    aliases: { Tags: 'UserTags' },
    subject: PushRpc.RemoveUserTags,
    toRequest: (d) => ({ users: d.UserTags.map((u) => ({ userId: u.To_Account, tags: u.Tags })) }),
    toResponse: () => ({}),
  }),
  restCommand({
    service: PUSH,
    command: 'im_remove_all_tags',
    dto: PushAccountsDto,
    subject: PushRpc.RemoveAllUserTags,
    toRequest: (d) => ({ userIds: d.To_Account }),
    toResponse: () => ({}),
  }),
];
