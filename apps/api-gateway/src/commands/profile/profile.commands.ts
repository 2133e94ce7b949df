import type { RestCommand } from '../../rest/rest-command';

/** The `profile` service's commands (rest-api.md §5). */
export const profileCommands: RestCommand[] = [];
