import { MessageLimits, utf8Length } from '@im/contracts';
import type { MsgElement, MsgType } from '@im/contracts';

type Content = Record<string, unknown>;
type Check = (content: Content) => string | undefined;

const isInt = (v: unknown) => typeof v === 'number' && Number.isInteger(v);
const isNum = (v: unknown) => typeof v === 'number' && Number.isFinite(v);
const isStr = (v: unknown) => typeof v === 'string';

/** Field checks: `!` required, `?` optional. */
function fields(
  spec: Record<string, [required: boolean, test: (v: unknown) => boolean, type: string]>,
): Check {
  return (content) => {
    for (const [name, [required, test, type]] of Object.entries(spec)) {
      const value = content[name];
      if (value === undefined || value === null) {
        if (required) return `${name} is required`;
        continue;
      }
      if (!test(value)) return `${name} must be ${type}`;
    }
    return undefined;
  };
}

const req = (test: (v: unknown) => boolean, type: string) =>
  [true, test, type] as [boolean, (v: unknown) => boolean, string];
const opt = (test: (v: unknown) => boolean, type: string) =>
  [false, test, type] as [boolean, (v: unknown) => boolean, string];
const STRING = 'a string';
const INTEGER = 'an integer';

const imageInfo = fields({
  Type: req(isInt, INTEGER),
  Size: opt(isInt, INTEGER),
  Width: opt(isInt, INTEGER),
  Height: opt(isInt, INTEGER),
  URL: req(isStr, STRING),
});

/** The fields of each element type (docs/rest-api.md §2.1); unknown extra fields pass through. */
const CHECKS: Record<MsgType, Check> = {
  TIMTextElem: fields({ Text: req(isStr, STRING) }),
  TIMLocationElem: fields({
    Desc: opt(isStr, STRING),
    Latitude: req(isNum, 'a number'),
    Longitude: req(isNum, 'a number'),
  }),
  TIMFaceElem: fields({ Index: req(isInt, INTEGER), Data: opt(isStr, STRING) }),
  TIMCustomElem: fields({
    Data: opt(isStr, STRING),
    Desc: opt(isStr, STRING),
    Ext: opt(isStr, STRING),
    Sound: opt(isStr, STRING),
  }),
  TIMSoundElem: fields({
    Url: opt(isStr, STRING),
    UUID: opt(isStr, STRING),
    Size: req(isInt, INTEGER),
    Second: req(isInt, INTEGER),
    Download_Flag: opt(isInt, INTEGER),
  }),
  TIMImageElem: (content) => {
    const problem = fields({
      UUID: opt(isStr, STRING),
      ImageFormat: opt(isInt, INTEGER),
      ImageInfoArray: req(Array.isArray, 'an array'),
    })(content);
    if (problem) return problem;
    for (const [i, info] of (content.ImageInfoArray as unknown[]).entries()) {
      if (typeof info !== 'object' || info === null || Array.isArray(info))
        return `ImageInfoArray[${i}] must be an object`;
      const p = imageInfo(info as Content);
      if (p) return `ImageInfoArray[${i}].${p}`;
    }
    return undefined;
  },
  TIMFileElem: fields({
    Url: opt(isStr, STRING),
    UUID: opt(isStr, STRING),
    FileSize: req(isInt, INTEGER),
    FileName: opt(isStr, STRING),
    Download_Flag: opt(isInt, INTEGER),
  }),
  TIMVideoFileElem: fields({
    VideoUrl: opt(isStr, STRING),
    VideoUUID: opt(isStr, STRING),
    VideoSize: req(isInt, INTEGER),
    VideoSecond: req(isInt, INTEGER),
    VideoFormat: opt(isStr, STRING),
    VideoDownloadFlag: opt(isInt, INTEGER),
    ThumbUrl: opt(isStr, STRING),
    ThumbUUID: opt(isStr, STRING),
    ThumbSize: opt(isInt, INTEGER),
    ThumbWidth: opt(isInt, INTEGER),
    ThumbHeight: opt(isInt, INTEGER),
    ThumbFormat: opt(isStr, STRING),
    ThumbDownloadFlag: opt(isInt, INTEGER),
  }),
  TIMRelayElem: () => undefined,
};

export type BodyProblem = { kind: 'layout' | 'too-large'; message: string };

/**
 * What is wrong with a message body, or undefined: each element's fields for its type, at most
 * one TIMCustomElem (docs/rest-api.md §2.1), and the message — body, CloudCustomData and
 * OfflinePushInfo together — within 12 KB of JSON (AMB-36; Tencent's 93000 / 80002 count the
 * whole message packet, not MsgBody alone).
 */
export function checkBody(
  body: MsgElement[],
  cloudCustomData?: string,
  offlinePush?: Record<string, unknown>,
): BodyProblem | undefined {
  if (!Array.isArray(body) || body.length === 0)
    return { kind: 'layout', message: 'MsgBody must be a non-empty array' };
  let customs = 0;
  for (const [i, element] of body.entries()) {
    const check = CHECKS[element.MsgType];
    if (!check) return { kind: 'layout', message: `MsgBody[${i}].MsgType is unknown` };
    if (typeof element.MsgContent !== 'object' || element.MsgContent === null)
      return { kind: 'layout', message: `MsgBody[${i}].MsgContent must be an object` };
    const problem = check(element.MsgContent);
    if (problem) return { kind: 'layout', message: `MsgBody[${i}].MsgContent.${problem}` };
    if (element.MsgType === 'TIMCustomElem' && ++customs > 1)
      return { kind: 'layout', message: 'a message holds at most one TIMCustomElem' };
  }
  if (holdsUnstorable(body) || holdsUnstorable(cloudCustomData) || holdsUnstorable(offlinePush))
    return {
      kind: 'layout',
      message:
        'MsgBody, CloudCustomData and OfflinePushInfo may not contain U+0000 or an unpaired surrogate',
    };
  const size =
    bodySize(body, cloudCustomData) + (offlinePush ? utf8Length(JSON.stringify(offlinePush)) : 0);
  if (size > MessageLimits.bodyMaxBytes)
    return {
      kind: 'too-large',
      message: `the message is ${size} bytes, more than ${MessageLimits.bodyMaxBytes}`,
    };
  return undefined;
}

/** U+0000, or a surrogate without its pair. */
const UNSTORABLE = /\u0000|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

/**
 * Whether a string anywhere in the value (keys included) holds U+0000 or an unpaired surrogate
 * (`"\ud83d"`), which PostgreSQL text and jsonb cannot store: such a message is refused rather
 * than failing as an internal error.
 */
function holdsUnstorable(value: unknown): boolean {
  if (typeof value === 'string') return UNSTORABLE.test(value);
  if (Array.isArray(value)) return value.some(holdsUnstorable);
  if (typeof value === 'object' && value !== null)
    return Object.entries(value).some(([key, v]) => UNSTORABLE.test(key) || holdsUnstorable(v));
  return false;
}

/** Bytes of the body as JSON plus CloudCustomData. */
export function bodySize(body: MsgElement[], cloudCustomData?: string): number {
  return utf8Length(JSON.stringify(body)) + (cloudCustomData ? utf8Length(cloudCustomData) : 0);
}

/** The texts the sensitive-word filter looks at: TIMTextElem.Text (not custom elements, §9.1). */
export function textsOf(body: MsgElement[]): string[] {
  return body
    .filter((e) => e.MsgType === 'TIMTextElem' && typeof e.MsgContent.Text === 'string')
    .map((e) => e.MsgContent.Text as string);
}

/** The body with each TIMTextElem.Text replaced by `mask(text)`. */
export function mapTexts(body: MsgElement[], mask: (text: string) => string): MsgElement[] {
  return body.map((e) =>
    e.MsgType === 'TIMTextElem' && typeof e.MsgContent.Text === 'string'
      ? { ...e, MsgContent: { ...e.MsgContent, Text: mask(e.MsgContent.Text) } }
      : e,
  );
}
