import type { RestCommand } from '../../rest/rest-command';

/**
 * Message commands (rest-api.md §4, the message commands of §7, recentcontact, §9.1 dirty
 * words): served by the message service.
 */
export const messageCommands: RestCommand[] = [];
