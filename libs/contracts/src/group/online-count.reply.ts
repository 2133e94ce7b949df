/** get_online_member_num: members with a live session (presence of conn-gateway). */
export class OnlineCountReply {
  onlineMemberNum!: number;
}
