import type { RestCommand } from '../../rest/rest-command';

/** The `group_open_http_svc` service's commands (rest-api.md §7), except message sending. */
export const groupCommands: RestCommand[] = [];
