export class ListAppGroupsReply {
  /** Groups of the app (of the filtered type when filtering). */
  totalCount!: number;
  groupIds!: string[];
  /** 0 = finished. */
  next!: number;
}
