import { Controller } from '@nestjs/common';
import { MessagePattern, Payload } from '@nestjs/microservices';

import {
  GetProfileSettingsReply,
  GetProfileSettingsRequest,
  GetProfilesReply,
  GetProfilesRequest,
  ProfileRpc,
  SetProfileReply,
  SetProfileRequest,
} from '@im/contracts';
import type { CallerContext } from '@im/contracts';
import { Caller } from '@im/platform';

import { ProfileService } from './profile.service';

/** The profile service's request/reply subjects (queue group `profile`). */
@Controller()
export class ProfileHandler {
  constructor(private readonly profiles: ProfileService) {}

  @MessagePattern(ProfileRpc.Set)
  setProfile(
    @Payload() req: SetProfileRequest,
    @Caller() caller: CallerContext,
  ): Promise<SetProfileReply> {
    return this.profiles.setProfile(caller, req);
  }

  @MessagePattern(ProfileRpc.Get)
  getProfiles(
    @Payload() req: GetProfilesRequest,
    @Caller() caller: CallerContext,
  ): Promise<GetProfilesReply> {
    return this.profiles.getProfiles(caller, req);
  }

  @MessagePattern(ProfileRpc.GetSettings)
  getSettings(
    @Payload() req: GetProfileSettingsRequest,
    @Caller() caller: CallerContext,
  ): Promise<GetProfileSettingsReply> {
    return this.profiles.getSettings(caller, req);
  }
}
