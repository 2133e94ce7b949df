import path from 'node:path';

import { bool, port, str } from 'envalid';

import { positiveInt, serviceConfig } from '@im/platform';
import type { ConfigOf } from '@im/platform';

import type { MediaKind } from './media-kinds.rules';

const MiB = 1024 * 1024;

const media = serviceConfig('MEDIA', {
  opsPort: 9108,
  database: { name: 'im_media', migrationsDir: path.join(__dirname, '..', 'migrations') },
  appRegistryTtlMs: 30_000,
  env: {
    MEDIA_PORT: port({
      default: 8082,
      desc: 'Port of the upload and download endpoints /media/v1',
    }),
    MEDIA_HOST: str({
      default: '127.0.0.1',
      desc: 'Interface of the media HTTP port (0.0.0.0 in containers)',
    }),
    MEDIA_PUBLIC_URL: str({
      default: '',
      desc: 'scheme://host[:port] of the media port in the download links it hands out (default: as called)',
    }),
    MEDIA_TRUST_PROXY: bool({ default: false, desc: 'Trust X-Forwarded-* from a load balancer' }),
    MEDIA_STORAGE: str({
      default: 'local',
      choices: ['local', 's3'],
      desc: 'Where the bytes are kept: local disk (one node) or an S3-compatible store (clusters)',
    }),
    MEDIA_DATA_DIR: str({
      default: 'data/media',
      desc: 'Folder of the local storage (MEDIA_STORAGE=local)',
    }),
    MEDIA_S3_ENDPOINT: str({
      default: '',
      desc: 'URL of the S3-compatible store (empty: AWS by region)',
    }),
    MEDIA_S3_REGION: str({ default: 'us-east-1', desc: 'Region of the bucket' }),
    MEDIA_S3_BUCKET: str({ default: 'im-media', desc: 'Bucket of the media objects' }),
    MEDIA_S3_ACCESS_KEY_ID: str({
      default: '',
      desc: 'Access key id (empty: the AWS default chain)',
    }),
    MEDIA_S3_SECRET_ACCESS_KEY_FILE: str({
      default: '',
      desc: 'File holding the secret access key of MEDIA_S3_ACCESS_KEY_ID',
    }),
    MEDIA_S3_FORCE_PATH_STYLE: bool({
      default: true,
      desc: 'Address the bucket as a path (MinIO, s3rver, Ceph) rather than a host name',
    }),
    MEDIA_APP_QUOTA_BYTES: positiveInt({
      default: 10 * 1024 * MiB,
      desc: 'Bytes of media (all renditions) an app may keep',
    }),
  },
  tuning: {
    imageMaxBytes: positiveInt({ default: 28 * MiB, desc: 'Largest image upload' }),
    fileMaxBytes: positiveInt({ default: 100 * MiB, desc: 'Largest file upload' }),
    soundMaxBytes: positiveInt({ default: 100 * MiB, desc: 'Largest voice upload' }),
    videoMaxBytes: positiveInt({ default: 100 * MiB, desc: 'Largest video upload' }),
    uploadsPerMinute: positiveInt({ default: 60, desc: 'Uploads one user may start per minute' }),
    linkTtlSeconds: positiveInt({
      default: 7 * 24 * 3600,
      desc: 'How long a download link works (the default roaming window)',
    }),
    imageConcurrency: positiveInt({
      default: 2,
      desc: 'Images decoded at once (each holds its original, at most imageMaxBytes, in memory)',
    }),
    sweepIntervalMs: positiveInt({
      default: 600_000,
      desc: 'How often the retention sweeper looks for media to delete',
    }),
    unattachedTtlSeconds: positiveInt({
      default: 86_400,
      desc: 'An upload no stored message names is deleted this long after it was made',
    }),
    requestTimeoutMs: positiveInt({
      default: 600_000,
      desc: 'An upload whose body has not all arrived by then is cut off (nothing is kept)',
    }),
  },
});

export const MEDIA_SERVICE = media.service;

/** Every variable the media service reads (also checked against .env.example). */
export const mediaEnvSpec = media.envSpec;

export type StorageConfig =
  | { kind: 'local'; dataDir: string }
  | {
      kind: 's3';
      endpoint: string;
      region: string;
      bucket: string;
      accessKeyId: string;
      secretAccessKeyFile: string;
      forcePathStyle: boolean;
    };

export type MediaConfig = ConfigOf<typeof media> & {
  http: {
    host: string;
    port: number;
    publicUrl: string;
    trustProxy: boolean;
    requestTimeoutMs: number;
  };
  storage: StorageConfig;
  limits: {
    maxBytes: Record<MediaKind, number>;
    appQuotaBytes: number;
    uploadsPerMinute: number;
    imageConcurrency: number;
  };
  links: { ttlSeconds: number };
  retention: { sweepIntervalMs: number; unattachedTtlSeconds: number };
};

export function loadMediaConfig(
  env: Record<string, string | undefined> = process.env,
): MediaConfig {
  const { config, env: e, tuning } = media.load(env);
  return {
    ...config,
    http: {
      host: e.MEDIA_HOST,
      port: e.MEDIA_PORT,
      publicUrl: e.MEDIA_PUBLIC_URL.replace(/\/+$/, ''),
      trustProxy: e.MEDIA_TRUST_PROXY,
      requestTimeoutMs: tuning.requestTimeoutMs,
    },
    storage:
      e.MEDIA_STORAGE === 's3'
        ? {
            kind: 's3',
            endpoint: e.MEDIA_S3_ENDPOINT,
            region: e.MEDIA_S3_REGION,
            bucket: e.MEDIA_S3_BUCKET,
            accessKeyId: e.MEDIA_S3_ACCESS_KEY_ID,
            secretAccessKeyFile: e.MEDIA_S3_SECRET_ACCESS_KEY_FILE,
            forcePathStyle: e.MEDIA_S3_FORCE_PATH_STYLE,
          }
        : { kind: 'local', dataDir: path.resolve(e.MEDIA_DATA_DIR) },
    limits: {
      maxBytes: {
        image: tuning.imageMaxBytes,
        file: tuning.fileMaxBytes,
        sound: tuning.soundMaxBytes,
        video: tuning.videoMaxBytes,
      },
      appQuotaBytes: e.MEDIA_APP_QUOTA_BYTES,
      uploadsPerMinute: tuning.uploadsPerMinute,
      imageConcurrency: tuning.imageConcurrency,
    },
    links: { ttlSeconds: tuning.linkTtlSeconds },
    retention: {
      sweepIntervalMs: tuning.sweepIntervalMs,
      unattachedTtlSeconds: tuning.unattachedTtlSeconds,
    },
  };
}
