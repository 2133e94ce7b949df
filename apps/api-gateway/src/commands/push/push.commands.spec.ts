import { ErrorCode } from '@im/contracts';

import { validateDto } from '../../rest/dto-validation.rules';
import { ImPushDto } from './im-push.dto';
import { pushCommands, reportTime, toReportItem } from './push.commands';

const row = (service: string, command: string) => {
  const found = pushCommands.find((r) => r.service === service && r.command === command);
  if (!found) throw new Error(`${service}/${command} missing`);
  return found;
};

const codeOf = (body: Record<string, unknown>): number | undefined => {
  try {
    validateDto(ImPushDto, body, ErrorCode.OpenimBodyNotJson);
  } catch (err) {
    return (err as { code: number }).code;
  }
  return undefined;
};

describe('push commands', () => {
  it('serves every all_member_push command and the legacy openim paths', () => {
    expect(pushCommands.map((r) => `${r.service}/${r.command}`).sort()).toEqual(
      [
        'all_member_push/im_add_tag',
        'all_member_push/im_get_attr',
        'all_member_push/im_get_attr_name',
        'all_member_push/im_get_push_report',
        'all_member_push/im_get_tag',
        'all_member_push/im_push',
        'all_member_push/im_remove_all_tags',
        'all_member_push/im_remove_attr',
        'all_member_push/im_remove_tag',
        'all_member_push/im_set_attr',
        'all_member_push/im_set_attr_name',
        'openim/im_get_push_report',
        'openim/im_push',
      ].sort(),
    );
  });

  it('maps im_push to the contract request', () => {
    const dto = validateDto(
      ImPushDto,
      {
        MsgRandom: 7,
        MsgBody: [{ MsgType: 'TIMTextElem', MsgContent: { Text: 'hi' } }],
        From_Account: 'shop',
        MsgLifeTime: 60,
        OfflinePushInfo: { Title: 'T' },
        Condition: { TagsAnd: ['a'], TagsOr: ['b'] },
      },
      ErrorCode.OpenimBodyNotJson,
    );

    expect(row('all_member_push', 'im_push').toRequest(dto)).toEqual({
      msgRandom: 7,
      body: [{ MsgType: 'TIMTextElem', MsgContent: { Text: 'hi' } }],
      from: 'shop',
      lifeTimeSeconds: 60,
      offlinePush: { Title: 'T' },
      condition: { tagsAnd: ['a'], tagsOr: ['b'], attrsAnd: undefined, attrsOr: undefined },
    });
  });

  it.each([
    ['no MsgRandom', { MsgBody: [] }, ErrorCode.MsgRandomInvalid],
    ['a MsgRandom over uint32', { MsgRandom: 2 ** 32, MsgBody: [] }, ErrorCode.MsgRandomInvalid],
    ['MsgBody not an array', { MsgRandom: 1, MsgBody: {} }, ErrorCode.MsgBodyNotArray],
    [
      'an element without MsgContent',
      { MsgRandom: 1, MsgBody: [{ MsgType: 'TIMTextElem' }] },
      ErrorCode.MsgBodyFormatInvalid,
    ],
    [
      'MsgLifeTime as a string',
      { MsgRandom: 1, MsgBody: [], MsgLifeTime: '1' },
      ErrorCode.MsgLifeTimeNotInteger,
    ],
    [
      'a negative MsgLifeTime',
      { MsgRandom: 1, MsgBody: [], MsgLifeTime: -1 },
      ErrorCode.MsgLifeTimeInvalid,
    ],
    [
      'TagsOr not an array',
      { MsgRandom: 1, MsgBody: [], Condition: { TagsOr: 'a' } },
      ErrorCode.PushEmptyTag,
    ],
    [
      'AttrsAnd not an object',
      { MsgRandom: 1, MsgBody: [], Condition: { AttrsAnd: 'a' } },
      ErrorCode.PushAttributeInvalid,
    ],
    [
      'a bad From_Account',
      { MsgRandom: 1, MsgBody: [], From_Account: '' },
      ErrorCode.FromAccountInvalid,
    ],
  ])('refuses %s with its code', (_what, body, code) => {
    expect(codeOf(body)).toBe(code);
  });

  it('writes reports with the documented fields and times as "YYYY-MM-DD hh:mm:ss"', () => {
    expect(reportTime(0)).toBe('1970-01-01 00:00:00');
    expect(
      toReportItem({
        taskId: 't',
        status: 0,
        total: 0,
        finished: 0,
        onlineDelivered: 0,
        stored: 0,
        storedDelivered: 0,
        offlinePushed: 0,
        offlinePushFailed: 0,
      }),
    ).not.toHaveProperty('StartTime');
    expect(
      toReportItem({
        taskId: 't',
        status: 2,
        startTime: 1_700_000_000,
        finishTime: 1_700_000_001,
        total: 3,
        finished: 3,
        onlineDelivered: 1,
        stored: 2,
        storedDelivered: 1,
        offlinePushed: 1,
        offlinePushFailed: 0,
      }),
    ).toEqual({
      TaskId: 't',
      Status: 2,
      StartTime: '2023-11-14 22:13:20',
      FinishTime: '2023-11-14 22:13:21',
      Finished: 3,
      Total: 3,
      OnlineDelivered: 1,
      Stored: 2,
      StoredDelivered: 1,
      OfflinePushed: 1,
      OfflinePushFailed: 0,
    });
  });
});
