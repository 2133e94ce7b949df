import type { RestCommand } from '../../rest/rest-command';

/** The `all_member_push` commands (rest-api.md §8), served by the push service. */
export const pushCommands: RestCommand[] = [];
