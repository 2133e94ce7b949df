import { IsUserId } from '../common';

export class KickAccountRequest {
  @IsUserId()
  userId!: string;
}
