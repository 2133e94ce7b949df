import { GroupRpc } from '@im/contracts';
import type { GroupCounterItem } from '@im/contracts';

import { restCommand } from '../../rest/rest-command.model';
import type { RestCommand } from '../../rest/rest-command.model';
import {
  DeleteGroupCounterDto,
  GetGroupCounterDto,
  UpdateGroupCounterDto,
} from './group-counter.dto';

const GROUP = 'group_open_http_svc';

const MODES = { Set: 'set', Increase: 'increase', Decrease: 'decrease' } as const;

const countersOut = (counters: GroupCounterItem[]) =>
  counters.map(({ key, value }) => ({ Key: key, Value: value }));

/**
 * Group counters (docs/rest-api.md, group counter commands): up to 20 integer counters per
 * group; `update_group_counter` answers the written counters' values after the update,
 * `get_group_counter` all or the named ones, both as `GroupCounter`.
 */
export const groupCounterCommands: RestCommand[] = [
  restCommand({
    service: GROUP,
    command: 'update_group_counter',
    dto: UpdateGroupCounterDto,
    subject: GroupRpc.UpdateCounter,
    toRequest: (d) => ({
      groupId: d.GroupId,
      mode: MODES[d.Mode],
      counters: d.GroupCounter.map(({ Key, Value }) => ({ key: Key, value: Value })),
    }),
    toResponse: (r) => ({ GroupCounter: countersOut(r.counters) }),
  }),
  restCommand({
    service: GROUP,
    command: 'get_group_counter',
    dto: GetGroupCounterDto,
    subject: GroupRpc.GetCounter,
    toRequest: (d) => ({ groupId: d.GroupId, keys: d.GroupCounterKeys }),
    toResponse: (r) => ({ GroupCounter: countersOut(r.counters) }),
  }),
  restCommand({
    service: GROUP,
    command: 'delete_group_counter',
    dto: DeleteGroupCounterDto,
    subject: GroupRpc.DeleteCounter,
    toRequest: (d) => ({ groupId: d.GroupId, keys: d.GroupCounterKeys }),
    toResponse: () => ({}),
  }),
];
