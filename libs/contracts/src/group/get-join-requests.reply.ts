import type { JoinRequestView } from './join-request-view';

/** Pending applications of a group, oldest first (owner, admins, App admin). */
export class GetJoinRequestsReply {
  requests!: JoinRequestView[];
}
