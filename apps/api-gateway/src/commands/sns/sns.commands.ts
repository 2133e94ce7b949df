import type { RestCommand } from '../../rest/rest-command';

/** The `sns` service's commands (rest-api.md §6). */
export const snsCommands: RestCommand[] = [];
