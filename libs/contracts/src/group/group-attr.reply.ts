import type { GroupAttrItem } from './group-attr-item';

/** A group's attributes, in key order. */
export class GroupAttrReply {
  attrs!: GroupAttrItem[];
}
