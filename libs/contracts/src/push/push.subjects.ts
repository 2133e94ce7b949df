/** Request/reply subjects served by the push service (queue group `push`). */
export const PushRpc = {
  /** `im_push` (admin). */
  Push: 'push.rpc.push',
  /** `im_get_push_report` (admin). */
  GetReports: 'push.rpc.get-reports',
  /** `im_set_attr_name` / `im_get_attr_name` (admin). */
  SetAttrNames: 'push.rpc.set-attr-names',
  GetAttrNames: 'push.rpc.get-attr-names',
  /** `im_set_attr` / `im_remove_attr` / `im_get_attr` (admin). */
  SetUserAttrs: 'push.rpc.set-user-attrs',
  RemoveUserAttrs: 'push.rpc.remove-user-attrs',
  GetUserAttrs: 'push.rpc.get-user-attrs',
  /** `im_add_tag` / `im_remove_tag` / `im_remove_all_tags` / `im_get_tag` (admin). */
  AddUserTags: 'push.rpc.add-user-tags',
  RemoveUserTags: 'push.rpc.remove-user-tags',
  RemoveAllUserTags: 'push.rpc.remove-all-user-tags',
  GetUserTags: 'push.rpc.get-user-tags',
  /** A client's offline-push device token (role `user`, client command `push.register-device`). */
  RegisterDevice: 'push.rpc.register-device',
  /** Client command `push.unregister-device`. */
  UnregisterDevice: 'push.rpc.unregister-device',
  /** Which users have a device token (services only: account's PushOnline). */
  FindDevices: 'push.rpc.find-devices',
} as const;

/** Facts the push service publishes (JetStream stream `PUSH_EVENTS`). */
export const PushEvt = {
  TaskFinished: 'push.evt.task-finished',
} as const;
