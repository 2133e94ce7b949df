import { GroupRpc } from '@im/contracts';

import { restCommand } from '../../rest/rest-command.model';
import type { RestCommand } from '../../rest/rest-command.model';
import {
  GroupAttrDeleteDto,
  GroupAttrGroupDto,
  GroupAttrItemDto,
  GroupAttrWriteDto,
} from './group-attr.dto';

const GROUP = 'group_open_http_svc';
/** get_group_attr lives under its own service name at Tencent. */
const GROUP_ATTR = 'group_open_attr_http_svc';

const attrsIn = (items: GroupAttrItemDto[]) => items.map(({ key, value }) => ({ key, value }));

/**
 * Group attributes (docs/rest-api.md, group attribute commands): up to 16 `{key, value}` per
 * group of types Private (Work), Public, ChatRoom (Meeting) and AVChatRoom; BChatRoom 10007.
 * `get_group_attr` answers them as `GroupAttrAry`.
 */
export const groupAttrCommands: RestCommand[] = [
  restCommand({
    service: GROUP_ATTR,
    command: 'get_group_attr',
    dto: GroupAttrGroupDto,
    subject: GroupRpc.GetAttr,
    toRequest: (d) => ({ groupId: d.GroupId }),
    toResponse: (r) => ({ GroupAttrAry: r.attrs.map(({ key, value }) => ({ key, value })) }),
  }),
  restCommand({
    service: GROUP,
    command: 'set_group_attr',
    dto: GroupAttrWriteDto,
    subject: GroupRpc.WriteAttr,
    toRequest: (d) => ({ groupId: d.GroupId, op: 'set', attrs: attrsIn(d.GroupAttr) }),
    toResponse: () => ({}),
  }),
  restCommand({
    service: GROUP,
    command: 'modify_group_attr',
    dto: GroupAttrWriteDto,
    subject: GroupRpc.WriteAttr,
    toRequest: (d) => ({ groupId: d.GroupId, op: 'modify', attrs: attrsIn(d.GroupAttr) }),
    toResponse: () => ({}),
  }),
  restCommand({
    service: GROUP,
    command: 'clear_group_attr',
    dto: GroupAttrGroupDto,
    subject: GroupRpc.WriteAttr,
    toRequest: (d) => ({ groupId: d.GroupId, op: 'clear' }),
    toResponse: () => ({}),
  }),
  restCommand({
    service: GROUP,
    command: 'delete_group_attr',
    dto: GroupAttrDeleteDto,
    subject: GroupRpc.WriteAttr,
    toRequest: (d) => ({ groupId: d.GroupId, op: 'delete', keys: d.GroupAttr.map((a) => a.key) }),
    toResponse: () => ({}),
  }),
];
