import { ErrorCode } from '@im/contracts';

import { bodyLayoutRefusal } from './body-layout.rules';

const text = { MsgType: 'TIMTextElem', MsgContent: { Text: 'hi' } };

describe(bodyLayoutRefusal.name, () => {
  it.each([
    ['no body', undefined, ErrorCode.MsgBodyNotArray],
    ['a body that is not an array', text, ErrorCode.MsgBodyNotArray],
    ['an empty body', [], ErrorCode.MsgBodyFormatInvalid],
    ['an element that is not an object', ['hi'], ErrorCode.MessageFormatInvalid],
    [
      'an unknown MsgType',
      [{ MsgType: 'TIMNope', MsgContent: {} }],
      ErrorCode.MessageFormatInvalid,
    ],
    ['no MsgContent', [{ MsgType: 'TIMTextElem' }], ErrorCode.MessageFormatInvalid],
    [
      'MsgContent an array',
      [{ MsgType: 'TIMTextElem', MsgContent: [] }],
      ErrorCode.MessageFormatInvalid,
    ],
  ])('answers a C2C send with %s as openim/sendmsg does', (_what, body, code) => {
    expect(bodyLayoutRefusal('msg.send-c2c', { to: 'bob', body })?.code).toBe(code);
  });

  it('answers 10004 for any bad layout of a group send, as send_group_msg does', () => {
    for (const body of [undefined, [], [{ MsgType: 'TIMNope', MsgContent: {} }]])
      expect(bodyLayoutRefusal('msg.send-group', { groupId: 'g', body })?.code).toBe(
        ErrorCode.GroupInvalidParameter,
      );
  });

  it('checks an edit by its conversation type and only when it carries a body', () => {
    expect(bodyLayoutRefusal('msg.edit', { convId: 'group:g', body: [] })?.code).toBe(
      ErrorCode.GroupInvalidParameter,
    );
    expect(bodyLayoutRefusal('msg.edit', { convId: 'c2c:1:a:b', body: [] })?.code).toBe(
      ErrorCode.MsgBodyFormatInvalid,
    );
    expect(bodyLayoutRefusal('msg.edit', { convId: 'c2c:1:a:b', cloudCustomData: 'x' })).toBe(
      undefined,
    );
  });

  it('lets a good body and other commands through', () => {
    expect(bodyLayoutRefusal('msg.send-c2c', { to: 'bob', body: [text] })).toBe(undefined);
    expect(bodyLayoutRefusal('msg.sync', { body: 'whatever' })).toBe(undefined);
  });
});
