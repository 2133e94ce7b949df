import type { GroupCounterItem } from './group-counter-item';

/** Group counters: those asked for (get) or those written, with their values after (update). */
export class GroupCounterReply {
  counters!: GroupCounterItem[];
}
