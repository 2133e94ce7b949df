import { AppSettings, AppStatus } from './app-settings';

/**
 * Key material for verifiers (api-gateway, conn-gateway). They cache it briefly and drop it
 * on `account.evt.app-changed`.
 */
export class AppCredentialsReply {
  sdkAppId!: number;
  status!: AppStatus;
  secretKey!: string;
  keyVersion!: number;
  adminIdentifiers!: string[];
  settings!: AppSettings;
}
