export class CreateGroupReply {
  groupId!: string;
  type!: string;
}
