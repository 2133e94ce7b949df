import type { PushProviderName } from '@im/contracts';

/** What a device shows: the provider-neutral content of one offline notification. */
export interface DeviceNotification {
  title?: string;
  subtitle?: string;
  body: string;
  /** APNs sound / Android sound. */
  sound?: string;
  androidSound?: string;
  androidChannelId?: string;
  image?: string;
  /** APNs `mutable-content: 1` (a notification service extension may change it). */
  mutableContent?: boolean;
  /** `OfflinePushInfo.Ext`, passed through to the app. */
  ext?: string;
  /** Extra key/values for the app (`taskId`, `convId`, `from`...). */
  data: Record<string, string>;
  /** UNIX seconds after which the provider may drop it; 0 = deliver now or never. */
  expiration: number;
  /** Notifications with the same ID replace each other on the device. */
  collapseId?: string;
}

/** A device to notify. */
export interface DeviceTarget {
  token: string;
  userId: string;
  platform?: string | null;
}

export interface ProviderResult {
  ok: boolean;
  /** The provider says the token is dead (APNs 410/BadDeviceToken, FCM UNREGISTERED): forget it. */
  invalidToken?: boolean;
  status?: number;
  reason?: string;
}

/** An offline-push provider with one app's credentials. */
export interface PushProvider {
  readonly name: PushProviderName;
  send(target: DeviceTarget, notification: DeviceNotification): Promise<ProviderResult>;
  close(): void;
}
