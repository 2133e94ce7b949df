import type { Rpc } from '../common';
import type { GetProfileSettingsReply } from './get-profile-settings.reply';
import type { GetProfileSettingsRequest } from './get-profile-settings.request';
import type { GetProfilesReply } from './get-profiles.reply';
import type { GetProfilesRequest } from './get-profiles.request';
import type { ProfileChangedEvent } from './profile-changed.event';
import { ProfileEvt, ProfileRpc } from './profile.subjects';
import type { SetProfileReply } from './set-profile.reply';
import type { SetProfileRequest } from './set-profile.request';

/** The profile service's request/reply subjects with their types. */
export interface ProfileRpcMap {
  [ProfileRpc.Set]: Rpc<SetProfileRequest, SetProfileReply>;
  [ProfileRpc.Get]: Rpc<GetProfilesRequest, GetProfilesReply>;
  [ProfileRpc.GetSettings]: Rpc<GetProfileSettingsRequest, GetProfileSettingsReply>;
}

/** The profile service's events with their types. */
export interface ProfileEventMap {
  [ProfileEvt.Changed]: ProfileChangedEvent;
}
