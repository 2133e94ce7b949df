import { ErrorCode, MsgTypes } from '@im/contracts';

/** A refusal the gateway answers itself: the code and why. */
export interface LayoutRefusal {
  code: number;
  message: string;
}

const KNOWN_TYPES: ReadonlySet<string> = new Set(MsgTypes);

/** The codes REST answers for a body of a C2C (`openim/sendmsg`) or group message. */
interface LayoutCodes {
  notArray: number;
  empty: number;
  element: number;
}

const C2C_CODES: LayoutCodes = {
  notArray: ErrorCode.MsgBodyNotArray,
  empty: ErrorCode.MsgBodyFormatInvalid,
  element: ErrorCode.MessageFormatInvalid,
};
const GROUP_CODES: LayoutCodes = {
  notArray: ErrorCode.GroupInvalidParameter,
  empty: ErrorCode.GroupInvalidParameter,
  element: ErrorCode.GroupInvalidParameter,
};

/**
 * The body layout of a message command, checked with the codes its REST twin answers for the
 * same body (docs/protocol.md §7.1): `msg.send-c2c` as `openim/sendmsg` (90007 not an array,
 * 90002 empty, 90010 an element without a known `MsgType` or an object `MsgContent`),
 * `msg.send-group` as `send_group_msg` (10004), `msg.edit` by its conversation's type.
 * Without this check the message service's contract would refuse such a body first, with
 * its generic "invalid request" code (20001). The fields inside `MsgContent` and the size are
 * the message service's (same codes on both paths). Undefined when the layout is fine or the
 * command carries no body.
 */
export function bodyLayoutRefusal(
  cmd: string,
  data: Record<string, unknown>,
): LayoutRefusal | undefined {
  switch (cmd) {
    case 'msg.send-c2c':
      return check(data.body, C2C_CODES);
    case 'msg.send-group':
      return check(data.body, GROUP_CODES);
    case 'msg.edit':
      if (data.body === undefined) return undefined;
      return typeof data.convId === 'string' && data.convId.startsWith('group:')
        ? check(data.body, GROUP_CODES)
        : check(data.body, C2C_CODES);
    default:
      return undefined;
  }
}

function check(body: unknown, codes: LayoutCodes): LayoutRefusal | undefined {
  if (!Array.isArray(body)) return { code: codes.notArray, message: 'body must be an array' };
  if (body.length === 0) return { code: codes.empty, message: 'body must not be empty' };
  for (const [i, element] of body.entries()) {
    if (!isObject(element)) return { code: codes.element, message: `body[${i}] must be an object` };
    if (typeof element.MsgType !== 'string' || !KNOWN_TYPES.has(element.MsgType))
      return { code: codes.element, message: `body[${i}].MsgType is unknown` };
    if (!isObject(element.MsgContent))
      return { code: codes.element, message: `body[${i}].MsgContent must be an object` };
  }
  return undefined;
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
