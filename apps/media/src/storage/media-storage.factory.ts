import { readFileSync } from 'node:fs';

import type { StorageConfig } from '../media.config';
import { LocalDiskStorage } from './local-disk.storage';
import type { MediaStorage } from './media-storage';
import { S3Storage } from './s3.storage';

/** The store the configuration chooses (MEDIA_STORAGE). */
export function createMediaStorage(config: StorageConfig): MediaStorage {
  switch (config.kind) {
    case 'local':
      return new LocalDiskStorage(config.dataDir);
    case 's3':
      return new S3Storage({
        ...config,
        secretAccessKey: config.secretAccessKeyFile
          ? readFileSync(config.secretAccessKeyFile, 'utf8').replace(/\r?\n$/, '')
          : '',
      });
  }
}
