/** `joined` (FreeAccess) or `pending` (NeedPermission: owner and admins decide). */
export class ApplyJoinReply {
  outcome!: 'joined' | 'pending';
}
