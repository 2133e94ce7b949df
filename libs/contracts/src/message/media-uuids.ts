import type { MsgElement } from './msg-element';

/** A media service upload id: 32 lower-case hex digits (docs/protocol.md §14). */
const MEDIA_UUID = /^[0-9a-f]{32}$/;
/** The fields of each element type that name an upload of the media service. */
const UUID_FIELDS: Partial<Record<string, readonly string[]>> = {
  TIMImageElem: ['UUID'],
  TIMFileElem: ['UUID'],
  TIMSoundElem: ['UUID'],
  TIMVideoFileElem: ['VideoUUID', 'ThumbUUID'],
};

/**
 * The media uploads a message body names (image, file, sound, video and its cover), each once:
 * what the media service marks as attached when the message is stored (its retention).
 */
export function mediaUuidsOf(body: readonly MsgElement[]): string[] {
  const found = new Set<string>();
  for (const elem of body) {
    for (const field of UUID_FIELDS[elem.MsgType] ?? []) {
      const value = elem.MsgContent?.[field];
      if (typeof value === 'string' && MEDIA_UUID.test(value)) found.add(value);
    }
  }
  return [...found];
}
