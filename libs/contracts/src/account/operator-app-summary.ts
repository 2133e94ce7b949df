import type { AppFeature } from './app-features.rules';
import type { AppStatus } from './app-settings';

/** An app in the console's list: no secret key (it is shown once, on create and rotate). */
export class OperatorAppSummary {
  sdkAppId!: number;
  name!: string;
  status!: AppStatus;
  adminIdentifiers!: string[];
  keyVersion!: number;
  features!: AppFeature[];
  createdAt!: string;
}
