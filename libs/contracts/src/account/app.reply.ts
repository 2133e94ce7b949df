import { AppSettings, AppStatus } from './app-settings';

/** An app as the operator sees it. The secret key is included: operator-only subjects. */
export class AppReply {
  sdkAppId!: number;
  name!: string;
  status!: AppStatus;
  adminIdentifiers!: string[];
  secretKey!: string;
  keyVersion!: number;
  settings!: AppSettings;
  createdAt!: string;
}
