import 'reflect-metadata';

import { createHash } from 'node:crypto';

import { ErrorCode } from '@im/contracts';
import type { AppCredentialsReply, MessageArchiveReply } from '@im/contracts';

import { verifyArchiveToken } from '../../rest/archive-link.rules';
import { CommandTable } from '../../rest/command-table.model';
import { validateDto } from '../../rest/dto-validation.rules';
import type { ResponseContext, RestCommand } from '../../rest/rest-command.model';
import { RestServices } from '../../rest/rest-services.rules';
import { messageCommands } from './message.commands';

const table = new CommandTable(messageCommands);

function row(service: string, command: string): RestCommand {
  const found = table.find(service, command);
  if (!found) throw new Error(`no row ${service}/${command}`);
  return found;
}

function codeOf(service: string, command: string, body: Record<string, unknown>): number {
  const r = row(service, command);
  try {
    r.toRequest(validateDto(r.dto, body, RestServices[service].invalid));
  } catch (err) {
    return (err as { code: number }).code;
  }
  return 0;
}

const text = [{ MsgType: 'TIMTextElem', MsgContent: { Text: 'x' } }];

describe('openim/modify_group_msg', () => {
  const base = { GroupId: 'g1', MsgSeq: 3 };

  it('maps the request', () => {
    const r = row('openim', 'modify_group_msg');
    const dto = validateDto(r.dto, { ...base, MsgBody: text, CloudCustomData: 'c' }, 20001);
    expect(r.toRequest(dto)).toEqual({ groupId: 'g1', seq: 3, body: text, cloudCustomData: 'c' });
  });

  it('edits in the topic line a TopicId names', () => {
    const r = row('openim', 'modify_group_msg');
    const dto = validateDto(
      r.dto,
      { ...base, TopicId: 'g1@TOPIC#_news', CloudCustomData: 'c' },
      20001,
    );
    expect(r.toRequest(dto)).toEqual({
      groupId: 'g1@TOPIC#_news',
      seq: 3,
      body: undefined,
      cloudCustomData: 'c',
    });
  });

  it('refuses a TopicId of another group, a bad seq and a body that is not an array', () => {
    expect(codeOf('openim', 'modify_group_msg', { ...base, TopicId: 'g2@TOPIC#_news' })).toBe(
      ErrorCode.C2cInvalidPacket,
    );
    expect(codeOf('openim', 'modify_group_msg', { ...base, MsgSeq: 0 })).toBe(
      ErrorCode.C2cInvalidPacket,
    );
    expect(codeOf('openim', 'modify_group_msg', { ...base, MsgBody: 'x' })).toBe(
      ErrorCode.MsgBodyNotArray,
    );
  });
});

describe('openim/delete_c2c_msg_ramble', () => {
  const base = { Operator_Account: 'a', Peer_Account: 'b' };

  it('takes up to 30 MsgKeys and answers InvalidMsgKeyList', () => {
    const keys = Array.from({ length: 30 }, (_, i) => `1_${i}_2`);
    expect(codeOf('openim', 'delete_c2c_msg_ramble', { ...base, MsgKeyList: keys })).toBe(0);
    expect(codeOf('openim', 'delete_c2c_msg_ramble', { ...base, MsgKeyList: [...keys, 'k'] })).toBe(
      ErrorCode.C2cInvalidPacket,
    );
    const r = row('openim', 'delete_c2c_msg_ramble');
    const dto = validateDto(r.dto, { ...base, MsgKeyList: ['k'] }, 20001);
    expect(r.toResponse({ invalidMsgKeys: ['k'] }, dto, {} as ResponseContext)).toEqual({
      InvalidMsgKeyList: ['k'],
    });
  });
});

describe('open_msg_svc/get_history', () => {
  const app = { sdkAppId: 1400000001, secretKey: 'key' } as AppCredentialsReply;
  const ctx: ResponseContext = {
    baseUrl: 'http://im.test:8080',
    app,
    identifier: 'admin',
    nowSeconds: 1_000,
  };

  it('refuses a ChatType or MsgTime of the wrong form', () => {
    for (const body of [
      { ChatType: 'Room', MsgTime: '2026120700' },
      { ChatType: 'C2C', MsgTime: '2026-12-07' },
      { ChatType: 'C2C', MsgTime: 2026120700 },
    ])
      expect(codeOf('open_msg_svc', 'get_history', body)).toBe(ErrorCode.C2cInvalidPacket);
  });

  it('answers each file with a signed link of this app, expiring in an hour', () => {
    const r = row('open_msg_svc', 'get_history');
    const dto = validateDto(r.dto, { ChatType: 'Group', MsgTime: '2026120700' }, 20001);
    const md5 = createHash('md5').update('x').digest('hex');
    const reply: MessageArchiveReply = {
      hour: Date.UTC(2026, 11, 7, 0) / 1000,
      generation: 5,
      files: [{ part: 0, fileSize: 10, fileMd5: md5, gzipSize: 8, gzipMd5: md5 }],
    };
    const { File } = r.toResponse(reply, dto, ctx) as { File: Record<string, unknown>[] };
    expect(File).toEqual([
      {
        URL: expect.stringMatching(
          /^http:\/\/im\.test:8080\/archive\/Group-2026120700-0\.gz\?token=/,
        ),
        ExpireTime: '1970-01-01 01:16:40',
        FileSize: 10,
        FileMD5: md5,
        GzipSize: 8,
        GzipMD5: md5,
      },
    ]);
    const token = new URL(File[0].URL as string).searchParams.get('token')!;
    expect(verifyArchiveToken(token, 'key', 4_600)).toEqual({
      link: {
        sdkAppId: 1400000001,
        chatType: 'Group',
        hour: Date.UTC(2026, 11, 7, 0) / 1000,
        part: 0,
        generation: 5,
        expires: 4_600,
      },
    });
  });
});
