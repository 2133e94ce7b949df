import { ArrayMaxSize, IsArray } from 'class-validator';

import { IsUserId } from '../common';

/**
 * Which of these users have an offline-push device token (service callers only: the account
 * service asks it to tell PushOnline from Offline in `query_online_status`).
 */
export class FindDevicesRequest {
  @IsUserId({ each: true })
  @ArrayMaxSize(500)
  @IsArray()
  userIds!: string[];
}

/** One registered device: its user and the platform it registered with, if it said. */
export interface RegisteredDevice {
  userId: string;
  platform: string | null;
}

/** `FindDevicesRequest`'s answer: every registered device of the asked users (no tokens). */
export class FindDevicesReply {
  devices!: RegisteredDevice[];
}
