import { Inject, Injectable } from '@nestjs/common';

import type { ProfileDb } from './profile.db';
import { PROFILE_DB } from './profile.tokens';

/** The only SQL of the service; `sdkAppId` is the first parameter of every method. */
@Injectable()
export class ProfileRepository {
  constructor(@Inject(PROFILE_DB) protected readonly db: ProfileDb) {}
}
