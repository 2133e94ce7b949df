import type { ImportGroupMessageResult } from './import-group-message-result';

export class ImportGroupMessagesReply {
  results!: ImportGroupMessageResult[];
}
