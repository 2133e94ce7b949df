import { IsBoolean, IsOptional } from 'class-validator';

import { OperatorAppRequest } from './operator-app.request';

/** The console switches an app's features (app-features.rules.ts); absent = unchanged. */
export class OperatorSetAppFeaturesRequest extends OperatorAppRequest {
  @IsOptional()
  @IsBoolean()
  avchatroom?: boolean;

  @IsOptional()
  @IsBoolean()
  bchatroom?: boolean;

  @IsOptional()
  @IsBoolean()
  push?: boolean;
}
