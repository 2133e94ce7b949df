import type { GroupRole, MsgFlag } from './group.enums';

export class DeliveryMember {
  userId!: string;
  role!: GroupRole;
  msgFlag!: MsgFlag;
}
