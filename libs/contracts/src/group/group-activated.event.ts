import { GroupEvent } from './group.event';

/** A Private group got its first message and is now visible to its members (T18, GRP-40). */
export class GroupActivatedEvent extends GroupEvent {}
