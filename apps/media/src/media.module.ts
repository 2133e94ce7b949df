import { readFileSync } from 'node:fs';

import { DynamicModule, Inject, Module, OnApplicationShutdown, OnModuleInit } from '@nestjs/common';

import { OpsServer, PlatformModule } from '@im/platform';
import type { PlatformLogger } from '@im/platform';

import { MediaAdminService } from './media-admin.service';
import { MediaAuthenticator } from './media-auth.service';
import type { MediaConfig, StorageConfig } from './media.config';
import { MediaController } from './media.controller';
import { MediaHandler } from './media.handler';
import { MediaRpcErrorFilter } from './media-rpc.filter';
import { MediaRepository } from './media.repository';
import { MediaRetentionService } from './media-retention.service';
import { MessageEventsConsumer } from './message-events.consumer';
import { MediaService } from './media.service';
import { MEDIA_STORAGE } from './media.tokens';
import { LocalDiskStorage } from './storage/local-disk.store';
import type { MediaStorage } from './storage/media.store';
import { S3Storage } from './storage/s3.store';
import { UploadRateLimiter } from './upload-rate.guard';
import { UploadRevocationCache } from './upload-revocation.cache';

/** Checks the store at start and on /ready; closes it last. */
class StorageLifecycle implements OnModuleInit, OnApplicationShutdown {
  constructor(
    @Inject(MEDIA_STORAGE) private readonly storage: MediaStorage,
    private readonly ops: OpsServer,
  ) {}

  async onModuleInit(): Promise<void> {
    await this.storage.check();
    this.ops.addCheck({ name: 'storage', check: () => this.storage.check() });
  }

  async onApplicationShutdown(): Promise<void> {
    await this.storage.close();
  }
}

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

@Module({})
export class MediaModule {
  static forRoot(config: MediaConfig, logger: PlatformLogger): DynamicModule {
    return {
      module: MediaModule,
      imports: [
        PlatformModule.forRoot({
          config,
          logger,
          appRegistry: { ...config.appRegistry, maxEntries: 10_000 },
        }),
      ],
      controllers: [MediaController, MediaHandler],
      providers: [
        { provide: MEDIA_STORAGE, useFactory: () => createMediaStorage(config.storage) },
        StorageLifecycle,
        MediaRepository,
        UploadRevocationCache,
        MediaAuthenticator,
        UploadRateLimiter,
        MediaService,
        MediaAdminService,
        MediaRpcErrorFilter,
        MediaRetentionService,
        MessageEventsConsumer,
      ],
    };
  }
}
