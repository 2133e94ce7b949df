import type { EventOf } from '@im/contracts';

import { GROUP_MAPPERS } from './after-callback-group.mapping';
import { MESSAGE_MAPPERS } from './after-callback-message.mapping';
import { RELATION_MAPPERS } from './after-callback-relation.mapping';
import { STATE_MAPPERS } from './after-callback-state.mapping';
import type { AfterCallback, EventOrigin, Mapper, MapperTable } from './after-callback.body';
import type { DirectlyMappedSubject } from './after-callback.subjects';

export { eventTimeMs, optPlatformOf, platformOf } from './after-callback.body';
export type { AfterCallback, EventOrigin } from './after-callback.body';
export { portraitSetCallback } from './after-callback-relation.mapping';
export { AFTER_CALLBACKS_BY_SUBJECT, isReportedSubject } from './after-callback.subjects';
export type { DirectlyMappedSubject, ReportedSubject } from './after-callback.subjects';

/** One mapper per event family; a reported subject without a mapper does not compile. */
const MAPPERS: MapperTable<DirectlyMappedSubject> = {
  ...STATE_MAPPERS,
  ...RELATION_MAPPERS,
  ...GROUP_MAPPERS,
  ...MESSAGE_MAPPERS,
};

/** The after-callbacks an event produces (none when the spec fires none for it). */
export function afterCallbacksOf<S extends DirectlyMappedSubject>(
  subject: S,
  event: EventOf<S>,
  origin: EventOrigin,
): AfterCallback[] {
  return (MAPPERS[subject] as Mapper<S>)(event, origin);
}
