import type { MsgElement } from '@im/contracts';

import type { DeviceNotification } from './push-provider.model';

/** Push text of each element type (docs/rest-api.md §2.1). */
const PLACEHOLDERS: Record<string, string> = {
  TIMLocationElem: '[Location]',
  TIMFaceElem: '[Face]',
  TIMSoundElem: '[Voice]',
  TIMImageElem: '[Image]',
  TIMFileElem: '[File]',
  TIMVideoFileElem: '[Video]',
  TIMRelayElem: '[Chat History]',
};

/**
 * The text a notification shows for a message body: text elements as they are, a custom
 * element's `Desc`, a placeholder for media (docs/rest-api.md §2.1).
 */
export function describeBody(body: readonly MsgElement[]): string {
  return body
    .map((e) => {
      const c = e.MsgContent ?? {};
      if (e.MsgType === 'TIMTextElem') return str(c.Text);
      if (e.MsgType === 'TIMCustomElem') return str(c.Desc);
      if (e.MsgType === 'TIMLocationElem' && str(c.Desc)) return `[Location] ${str(c.Desc)}`;
      return PLACEHOLDERS[e.MsgType] ?? '';
    })
    .filter((t) => t !== '')
    .join(' ');
}

export interface NotificationInput {
  body: readonly MsgElement[];
  /** `OfflinePushInfo` of docs/rest-api.md §2.3 (PushFlag, Title, Desc, Ext, AndroidInfo, ApnsInfo). */
  offlinePush?: Record<string, unknown> | null;
  /** Title when OfflinePushInfo has none (sender's nick or ID). */
  defaultTitle?: string;
  /** How long the notification is worth delivering, seconds (0 = now or never). */
  lifeTimeSeconds: number;
  data: Record<string, string>;
  collapseId?: string;
  now?: number;
}

/** True when OfflinePushInfo.PushFlag says "no offline push". */
export function isPushSuppressed(offlinePush?: Record<string, unknown> | null): boolean {
  return offlinePush?.PushFlag === 1;
}

/**
 * A provider-neutral notification from a message and its OfflinePushInfo: `Desc` overrides
 * the text derived from the body, `Title` the default title; `ApnsInfo` and `AndroidInfo` fill
 * the platform fields; `Ext` passes through.
 */
export function buildNotification(input: NotificationInput): DeviceNotification {
  const info = input.offlinePush ?? {};
  const apns = obj(info.ApnsInfo);
  const android = obj(info.AndroidInfo);
  const now = Math.floor((input.now ?? Date.now()) / 1000);
  const text = str(info.Desc) || describeBody(input.body) || ' ';
  const title = str(apns.Title) || str(info.Title) || input.defaultTitle;
  const n: DeviceNotification = {
    body: text,
    data: input.data,
    expiration: input.lifeTimeSeconds > 0 ? now + input.lifeTimeSeconds : 0,
  };
  if (title) n.title = title;
  if (str(apns.SubTitle)) n.subtitle = str(apns.SubTitle);
  if (str(apns.Sound)) n.sound = str(apns.Sound);
  if (str(apns.Image)) n.image = str(apns.Image);
  if (apns.MutableContent === 1) n.mutableContent = true;
  if (str(android.Sound)) n.androidSound = str(android.Sound);
  if (str(android.GoogleChannelID)) n.androidChannelId = str(android.GoogleChannelID);
  if (str(info.Ext)) n.ext = str(info.Ext);
  if (input.collapseId) n.collapseId = input.collapseId;
  // A lone custom element's Sound is the APNs ring tone (docs/rest-api.md §2.1).
  const custom = input.body.find((e) => e.MsgType === 'TIMCustomElem');
  if (!n.sound && custom && str(custom.MsgContent?.Sound)) n.sound = str(custom.MsgContent.Sound);
  return n;
}

function str(value: unknown): string {
  return typeof value === 'string' ? value : '';
}

function obj(value: unknown): Record<string, unknown> {
  return typeof value === 'object' && value !== null ? (value as Record<string, unknown>) : {};
}
