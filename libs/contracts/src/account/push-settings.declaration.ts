import { Type } from 'class-transformer';
import {
  IsBoolean,
  IsIn,
  IsInt,
  IsObject,
  IsOptional,
  IsString,
  IsUrl,
  Matches,
  Max,
  MaxLength,
  Min,
  ValidateNested,
} from 'class-validator';

/**
 * APNs token-based authentication (a .p8 signing key of the Apple developer account): the
 * push service signs ES256 provider tokens with it (`kid` = keyId, `iss` = teamId).
 */
export class ApnsCredentials {
  @Matches(/^[A-Z0-9]{10}$/)
  teamId!: string;

  @Matches(/^[A-Z0-9]{10}$/)
  keyId!: string;

  /** The .p8 key file's PEM text (PKCS#8, EC P-256). */
  @MaxLength(4096)
  @IsString()
  privateKey!: string;

  /** The app's bundle ID, sent as `apns-topic`. */
  @MaxLength(255)
  @IsString()
  bundleId!: string;

  /** Which APNs host: `production` (default) or `sandbox` (development builds). */
  @IsOptional()
  @IsIn(['production', 'sandbox'])
  environment?: 'production' | 'sandbox';
}

/** FCM HTTP v1: the fields of a Google service-account key file. */
export class FcmCredentials {
  @MaxLength(128)
  @IsString()
  projectId!: string;

  @MaxLength(255)
  @IsString()
  clientEmail!: string;

  /** PEM text (PKCS#8, RSA) of the service account's key. */
  @MaxLength(8192)
  @IsString()
  privateKey!: string;

  @IsOptional()
  @MaxLength(128)
  @IsString()
  privateKeyId?: string;

  /** The key file's `token_uri` (OAuth2 token endpoint); default https://oauth2.googleapis.com/token. */
  @IsOptional()
  @IsUrl({ require_tld: false, protocols: ['http', 'https'] })
  tokenUri?: string;
}

/** A generic HTTP endpoint of the app's back end that delivers notifications itself. */
export class WebhookPushSettings {
  @IsUrl({ require_tld: false, protocols: ['http', 'https'] })
  url!: string;

  /** When set, each request carries `X-Push-Signature: sha256=<hex HMAC of the body>`. */
  @IsOptional()
  @MaxLength(256)
  @IsString()
  secret?: string;
}

/**
 * The push service's settings of an app (PSH-1, PSH-11, MSG-26): whether `all_member_push` is
 * enabled, its rate limits, and the offline-push provider credentials.
 */
export class PushSettings {
  /** The push service is enabled for the app (off by default, PSH-1; else 90045). */
  @IsOptional()
  @IsBoolean()
  enabled?: boolean;

  /** Seconds between two pushes of the app (AMB-46); default 30; 0 = no interval. */
  @IsOptional()
  @IsInt()
  @Min(0)
  @Max(86_400)
  minIntervalSeconds?: number;

  /** Pushes per UTC day (90047); default 100. */
  @IsOptional()
  @IsInt()
  @Min(0)
  @Max(1_000_000)
  dailyLimit?: number;

  @IsOptional()
  @IsObject()
  @ValidateNested()
  @Type(() => ApnsCredentials)
  apns?: ApnsCredentials;

  @IsOptional()
  @IsObject()
  @ValidateNested()
  @Type(() => FcmCredentials)
  fcm?: FcmCredentials;

  @IsOptional()
  @IsObject()
  @ValidateNested()
  @Type(() => WebhookPushSettings)
  webhook?: WebhookPushSettings;
}
