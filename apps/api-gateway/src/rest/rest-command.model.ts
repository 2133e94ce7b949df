import type { AppCredentialsReply, RpcReplyOf, RpcRequestOf, RpcSubject } from '@im/contracts';

/** What a response mapper may need besides the reply: where the edge is reached, the app. */
export interface ResponseContext {
  /** `scheme://host[:port]` clients reach the REST edge at (links in replies). */
  baseUrl: string;
  /** The authenticated app (its key signs download links). */
  app: AppCredentialsReply;
  /** The App admin calling (the sender of a message sent without `From_Account`). */
  identifier: string;
  nowSeconds: number;
}

/**
 * One row of the command table: a `/v4/{service}/{command}` the edge serves, the spec DTO it
 * validates, the NATS subject it calls and the mappers between the spec's field names and the
 * contract's. A new command is a new row, not a new code path.
 */
export interface RestCommand<S extends RpcSubject = RpcSubject, D extends object = object> {
  service: string;
  command: string;
  dto: new () => D;
  /** Old or alternative input field names → current names (docs/rest-api.md §1.5). */
  aliases?: Readonly<Record<string, string>>;
  subject: S;
  toRequest: (dto: D) => RpcRequestOf<S>;
  toResponse: (reply: RpcReplyOf<S>, dto: D, ctx: ResponseContext) => Record<string, unknown>;
}

/** Declares a row with its types checked against the SubjectMap. */
export function restCommand<S extends RpcSubject, D extends object>(
  row: RestCommand<S, D>,
): RestCommand {
  return row as unknown as RestCommand;
}

/** Per-field error code for class-validator options: `@IsString(withCode(ErrorCode.X))`. */
export function withCode(
  errorCode: number,
  each = false,
): { context: { errorCode: number }; each: boolean } {
  return { context: { errorCode }, each };
}
