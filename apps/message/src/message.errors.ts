import { DomainError, ErrorCode } from '@im/contracts';
import type { ConversationType } from '@im/contracts';

/** Errors of the message service: `new MessageError(ErrorCode.X, 'short message')`. */
export class MessageError extends DomainError {
  /** A body whose elements break their type's layout: 90010 (C2C) / 10004 (group). */
  static layout(kind: ConversationType, message: string): MessageError {
    return new MessageError(
      kind === 'C2C' ? ErrorCode.MessageFormatInvalid : ErrorCode.GroupInvalidParameter,
      message,
    );
  }

  /** A body over 12 KB: 93000 (C2C) / 80002 (group). */
  static tooLarge(kind: ConversationType, message: string): MessageError {
    return new MessageError(
      kind === 'C2C' ? ErrorCode.C2cPacketTooLarge : ErrorCode.MessageBodyTooLong,
      message,
    );
  }

  static dirtyWords(): MessageError {
    return new MessageError(ErrorCode.DirtyWords, 'the text contains a sensitive word');
  }

  /** A request that does not make sense (C2C family 20001, group family 10004). */
  static invalid(kind: ConversationType, message: string): MessageError {
    return new MessageError(
      kind === 'C2C' ? ErrorCode.C2cInvalidPacket : ErrorCode.GroupInvalidParameter,
      message,
    );
  }

  /** The caller may not do this: C2C 90009 (App admin required) / group 10007. */
  static forbidden(kind: ConversationType, message: string): MessageError {
    return new MessageError(
      kind === 'C2C' ? ErrorCode.OpenimAdminRequired : ErrorCode.GroupPermissionDenied,
      message,
    );
  }

  static recallWindow(kind: ConversationType, seconds: number): MessageError {
    return new MessageError(
      kind === 'C2C' ? ErrorCode.C2cRecallWindowExceeded : ErrorCode.GroupRecallWindowExceeded,
      `messages can be recalled within ${seconds} s`,
    );
  }

  static notFound(kind: ConversationType, message = 'no such message'): MessageError {
    return new MessageError(
      kind === 'C2C' ? ErrorCode.C2cInvalidPacket : ErrorCode.GroupMessageToRecallNotFound,
      message,
    );
  }
}
