import 'reflect-metadata';

import { GroupRpc } from '@im/contracts';

import { CommandTable } from '../../rest/command-table.model';
import { validateDto } from '../../rest/dto-validation.rules';
import type { RestCommand } from '../../rest/rest-command.model';
import { RestServices } from '../../rest/rest-services.rules';
import { groupAttrCommands } from './group-attr.commands';

const table = new CommandTable(groupAttrCommands);

function row(service: string, command: string): RestCommand {
  const found = table.find(service, command);
  if (!found) throw new Error(`no row ${service}/${command}`);
  return found;
}

function requestFor(
  command: string,
  body: Record<string, unknown>,
  service = 'group_open_http_svc',
) {
  const r = row(service, command);
  return r.toRequest(validateDto(r.dto, body, RestServices[service].invalid));
}

function codeFor(command: string, body: Record<string, unknown>): number {
  try {
    requestFor(command, body);
  } catch (err) {
    return (err as { code: number }).code;
  }
  return 0;
}

describe('group attribute commands', () => {
  const attrs = [
    { key: 'a', value: '1' },
    { key: 'b', value: '' },
  ];

  it('map the documented bodies to one write subject with the operation', () => {
    expect(row('group_open_http_svc', 'set_group_attr').subject).toBe(GroupRpc.WriteAttr);
    expect(requestFor('set_group_attr', { GroupId: 'g', GroupAttr: attrs })).toEqual({
      groupId: 'g',
      op: 'set',
      attrs,
    });
    expect(requestFor('modify_group_attr', { GroupId: 'g', GroupAttr: attrs })).toMatchObject({
      op: 'modify',
      attrs,
    });
    expect(requestFor('clear_group_attr', { GroupId: 'g' })).toEqual({ groupId: 'g', op: 'clear' });
    expect(
      requestFor('delete_group_attr', { GroupId: 'g', GroupAttr: [{ key: 'a' }, { key: 'b' }] }),
    ).toEqual({ groupId: 'g', op: 'delete', keys: ['a', 'b'] });
  });

  it('serve get_group_attr under group_open_attr_http_svc and answer GroupAttrAry', () => {
    const r = row('group_open_attr_http_svc', 'get_group_attr');
    expect(r.subject).toBe(GroupRpc.GetAttr);
    expect(requestFor('get_group_attr', { GroupId: 'g' }, 'group_open_attr_http_svc')).toEqual({
      groupId: 'g',
    });
    expect((r.toResponse as (reply: unknown) => unknown)({ attrs })).toEqual({
      GroupAttrAry: attrs,
    });
    expect(table.find('group_open_http_svc', 'get_group_attr')).toBeUndefined();
  });

  it('refuse a missing or mistyped GroupId or GroupAttr with 10004', () => {
    expect(codeFor('set_group_attr', { GroupAttr: attrs })).toBe(10004);
    expect(codeFor('set_group_attr', { GroupId: 'g' })).toBe(10004);
    expect(codeFor('set_group_attr', { GroupId: 'g', GroupAttr: 'a=1' })).toBe(10004);
    expect(codeFor('modify_group_attr', { GroupId: 'g', GroupAttr: [{ key: 'a' }] })).toBe(10004);
    expect(codeFor('delete_group_attr', { GroupId: 'g', GroupAttr: [{ key: 3 }] })).toBe(10004);
    expect(codeFor('clear_group_attr', { GroupId: 7 })).toBe(10004);
    const many = Array.from({ length: 101 }, (_, i) => ({ key: `k${i}`, value: '' }));
    expect(codeFor('set_group_attr', { GroupId: 'g', GroupAttr: many })).toBe(10004);
  });
});
