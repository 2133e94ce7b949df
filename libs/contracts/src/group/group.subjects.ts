/** Request/reply subjects served by the group service (queue group `group`). */
export const GroupRpc = {
  // group_open_http_svc commands (docs/rest-api.md §7) and their client-protocol twins
  Create: 'group.rpc.create',
  Import: 'group.rpc.import',
  GetInfo: 'group.rpc.get-info',
  ModifyInfo: 'group.rpc.modify-info',
  Destroy: 'group.rpc.destroy',
  ChangeOwner: 'group.rpc.change-owner',
  ListAppGroups: 'group.rpc.list-app-groups',
  Search: 'group.rpc.search',
  GetMembers: 'group.rpc.get-members',
  AddMembers: 'group.rpc.add-members',
  ImportMembers: 'group.rpc.import-members',
  RemoveMembers: 'group.rpc.remove-members',
  ModifyMember: 'group.rpc.modify-member',
  MuteMembers: 'group.rpc.mute-members',
  GetMuted: 'group.rpc.get-muted',
  GetRoles: 'group.rpc.get-roles',
  GetJoined: 'group.rpc.get-joined',
  GetOnlineCount: 'group.rpc.get-online-count',
  GetAttr: 'group.rpc.get-attr',
  WriteAttr: 'group.rpc.write-attr',
  // client protocol only (no REST command exists)
  Quit: 'group.rpc.quit',
  ApplyJoin: 'group.rpc.apply-join',
  HandleJoinRequest: 'group.rpc.handle-join-request',
  GetJoinRequests: 'group.rpc.get-join-requests',
  // for the messaging service
  GetSendContext: 'group.rpc.get-send-context',
  GetDeliveryMembers: 'group.rpc.get-delivery-members',
  GetTypeCapabilities: 'group.rpc.get-type-capabilities',
  AllocateMsgSeq: 'group.rpc.allocate-msg-seq',
  SetReadSeq: 'group.rpc.set-read-seq',
} as const;

/** Facts the group service publishes (JetStream stream `GROUP_EVENTS`). */
export const GroupEvt = {
  Created: 'group.evt.created',
  InfoChanged: 'group.evt.info-changed',
  MemberJoined: 'group.evt.member-joined',
  MemberLeft: 'group.evt.member-left',
  MemberKicked: 'group.evt.member-kicked',
  RoleChanged: 'group.evt.role-changed',
  MemberMuted: 'group.evt.member-muted',
  MemberInfoChanged: 'group.evt.member-info-changed',
  OwnerChanged: 'group.evt.owner-changed',
  Destroyed: 'group.evt.destroyed',
  JoinRequested: 'group.evt.join-requested',
  JoinRequestHandled: 'group.evt.join-request-handled',
  Activated: 'group.evt.activated',
  AttrChanged: 'group.evt.attr-changed',
} as const;
