import { IsString } from 'class-validator';

import { IsUserId } from '../common';

/** A C2C message named the REST way: sender, receiver and `MsgKey` (admin_msgwithdraw). */
export class C2cMessageKeyRequest {
  @IsUserId()
  from!: string;

  @IsUserId()
  to!: string;

  @IsString()
  msgKey!: string;
}
