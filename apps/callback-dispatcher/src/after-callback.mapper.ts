import type { EventOf } from '@im/contracts';

import { GROUP_MAPPERS } from './after-callback-group.mapper';
import { MESSAGE_MAPPERS } from './after-callback-message.mapper';
import { RELATION_MAPPERS } from './after-callback-relation.mapper';
import { STATE_MAPPERS } from './after-callback-state.mapper';
import type { AfterCallback, EventOrigin, Mapper, MapperTable } from './after-callback-body.mapper';
import type { DirectlyMappedSubject } from './after-callback-subjects.rules';

export { eventTimeMs, optPlatformOf, platformOf } from './after-callback-body.mapper';
export type { AfterCallback, EventOrigin } from './after-callback-body.mapper';
export { portraitSetCallback } from './after-callback-relation.mapper';
export { AFTER_CALLBACKS_BY_SUBJECT, isReportedSubject } from './after-callback-subjects.rules';
export type { DirectlyMappedSubject, ReportedSubject } from './after-callback-subjects.rules';

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
