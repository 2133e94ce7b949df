import { ConversationIds, ErrorCode, MessageRpc } from '@im/contracts';
import type { ExtensionResult, GetExtensionsReply, MessageExtension } from '@im/contracts';

import { RestFailure } from '../../rest/envelope.mapper';
import { restCommand } from '../../rest/rest-command.model';
import type { RestCommand } from '../../rest/rest-command.model';
import {
  ExtensionItemDto,
  GetKeyValuesDto,
  GroupGetKeyValuesDto,
  GroupSetKeyValuesDto,
  SetKeyValuesDto,
} from './msg-ext.dto';

const MSG_EXT = 'openim_msg_ext_http_svc';
const OPERATIONS = { 1: 'set', 2: 'delete', 3: 'clear' } as const;

const kv = (e: MessageExtension) => ({ Key: e.key, Value: e.value, Seq: e.seq });

function items(list: ExtensionItemDto[] | undefined) {
  return list?.map((i) => ({ key: i.Key, value: i.Value, seq: i.Seq }));
}

function resultList(results: ExtensionResult[]) {
  return {
    ResultList: results.map((r) => ({ ErrorCode: r.code, Extension: kv(r.extension) })),
  };
}

function pulled(r: GetExtensionsReply) {
  return {
    CompleteFlag: r.isComplete ? 1 : 0,
    LatestSeq: r.latestSeq,
    ClearSeq: r.clearSeq,
    ExtensionList: r.extensions.map(kv),
  };
}

/** A C2C message over REST is named by its sender, receiver and MsgKey. */
function c2cConv(d: { From_Account?: string; To_Account: string }): string {
  if (!d.From_Account)
    throw new RestFailure(ErrorCode.FromAccountInvalid, 'From_Account names the message');
  return ConversationIds.c2c(d.From_Account, d.To_Account);
}

/** Message extensions (docs/rest-api.md §4.11): served by the message service. */
export const msgExtCommands: RestCommand[] = [
  restCommand({
    service: MSG_EXT,
    command: 'set_key_values',
    dto: SetKeyValuesDto,
    subject: MessageRpc.SetExtensions,
    toRequest: (d) => ({
      convId: c2cConv(d),
      msgKey: d.MsgKey,
      from: d.From_Account,
      operation: OPERATIONS[d.OperateType],
      items: items(d.ExtensionList),
    }),
    toResponse: (r) => resultList(r.results),
  }),
  restCommand({
    service: MSG_EXT,
    command: 'get_key_values',
    dto: GetKeyValuesDto,
    subject: MessageRpc.GetExtensions,
    toRequest: (d) => ({
      convId: c2cConv(d),
      msgKey: d.MsgKey,
      from: d.From_Account,
      startSeq: d.StartSeq,
    }),
    toResponse: (r) => pulled(r),
  }),
  restCommand({
    service: MSG_EXT,
    command: 'group_set_key_values',
    dto: GroupSetKeyValuesDto,
    subject: MessageRpc.SetExtensions,
    toRequest: (d) => ({
      convId: ConversationIds.group(d.GroupId),
      seq: d.MsgSeq,
      operation: OPERATIONS[d.OperateType],
      items: items(d.ExtensionList),
    }),
    toResponse: (r) => resultList(r.results),
  }),
  restCommand({
    service: MSG_EXT,
    command: 'group_get_key_values',
    dto: GroupGetKeyValuesDto,
    subject: MessageRpc.GetExtensions,
    toRequest: (d) => ({
      convId: ConversationIds.group(d.GroupId),
      seq: d.MsgSeq,
      startSeq: d.StartSeq,
    }),
    toResponse: (r) => pulled(r),
  }),
];
