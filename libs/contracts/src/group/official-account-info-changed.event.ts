import { IsArray, IsOptional, IsString } from 'class-validator';

import { GroupEvent } from './group.event';

/** An official account's base info changed (`group.evt.official-account-info-changed`). */
export class OfficialAccountInfoChangedEvent extends GroupEvent {
  /** REST names of the fields the request set (`Name`, `FaceUrl`, ...). */
  @IsArray()
  @IsString({ each: true })
  changedFields!: string[];

  /** The account's values after the change (Tencent's info-changed callback reports them). */
  @IsOptional()
  @IsString()
  name?: string;

  @IsOptional()
  @IsString()
  introduction?: string;

  @IsOptional()
  @IsString()
  faceUrl?: string;

  @IsOptional()
  @IsString()
  organization?: string;
}
