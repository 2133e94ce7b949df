import 'reflect-metadata';

import { AccountRpc } from '@im/contracts';

import { CommandTable } from '../../rest/command-table.model';
import { validateDto } from '../../rest/dto-validation.rules';
import type { RestCommand } from '../../rest/rest-command.model';
import { RestServices } from '../../rest/rest-services.rules';
import { noSpeakingCommands } from './no-speaking.commands';

const table = new CommandTable(noSpeakingCommands);
const INVALID = RestServices.openconfigsvr.invalid;

function row(command: string): RestCommand {
  const found = table.find('openconfigsvr', command);
  if (!found) throw new Error(`no row ${command}`);
  return found;
}

function requestFor(command: string, body: Record<string, unknown>): unknown {
  const r = row(command);
  return r.toRequest(validateDto(r.dto, body, INVALID));
}

function codeFor(command: string, body: Record<string, unknown>): number {
  try {
    requestFor(command, body);
  } catch (err) {
    return (err as { code: number }).code;
  }
  return 0;
}

describe('openconfigsvr global mute commands', () => {
  it('map setnospeaking to the account service, each duration only when given', () => {
    expect(row('setnospeaking').subject).toBe(AccountRpc.SetNoSpeaking);
    expect(
      requestFor('setnospeaking', {
        Set_Account: 'alice',
        C2CmsgNospeakingTime: 4294967295,
        GroupmsgNospeakingTime: 0,
      }),
    ).toEqual({ userId: 'alice', c2cSeconds: 4294967295, groupSeconds: 0 });
    expect(
      requestFor('setnospeaking', { Set_Account: 'alice', GroupmsgNospeakingTime: 60 }),
    ).toEqual({ userId: 'alice', c2cSeconds: undefined, groupSeconds: 60 });
  });

  it('answer getnospeaking with the two documented numbers', () => {
    const r = row('getnospeaking');
    expect(requestFor('getnospeaking', { Get_Account: 'alice' })).toEqual({ userIds: ['alice'] });
    const reply = {
      items: [
        {
          userId: 'alice',
          exists: true,
          c2cMuteUntil: 0,
          groupMuteUntil: 1,
          c2cSeconds: 0,
          groupSeconds: 7196,
        },
      ],
    };
    expect((r.toResponse as (reply: unknown) => unknown)(reply)).toEqual({
      C2CmsgNospeakingTime: 0,
      GroupmsgNospeakingTime: 7196,
    });
  });

  it('answer 130002 for a missing account and 130003 for a bad account or duration', () => {
    expect(codeFor('setnospeaking', { C2CmsgNospeakingTime: 1 })).toBe(130002);
    expect(codeFor('getnospeaking', {})).toBe(130002);
    expect(codeFor('setnospeaking', { Set_Account: 1, C2CmsgNospeakingTime: 1 })).toBe(130003);
    expect(codeFor('getnospeaking', { Get_Account: null })).toBe(130002);
    expect(codeFor('getnospeaking', { Get_Account: 'x'.repeat(33) })).toBe(130003);
    expect(codeFor('setnospeaking', { Set_Account: '', GroupmsgNospeakingTime: 1 })).toBe(130003);
    for (const bad of [-1, 4294967296, 1.5, '60', true])
      expect(codeFor('setnospeaking', { Set_Account: 'a', C2CmsgNospeakingTime: bad })).toBe(
        130003,
      );
  });
});
