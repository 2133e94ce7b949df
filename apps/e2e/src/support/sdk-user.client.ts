import type { AppReply } from '@im/contracts';
import { ImClient } from '@im/sdk';
import type { ImClientOptions } from '@im/sdk';
import { signUserSig } from '@im/usersig';

/** What a test may set of an SDK client besides its app, its user and its address. */
export type SdkClientOptions = Omit<ImClientOptions, 'url' | 'sdkAppId' | 'userId' | 'userSig'>;

/**
 * An SDK client of `userId` in `app`, not yet connected, signing its own UserSigs with the app's
 * key (a guest session, without a user, when `options.guest`).
 */
export function sdkClient(
  app: AppReply,
  url: string | string[],
  userId: string,
  options: SdkClientOptions = {},
): ImClient {
  return new ImClient({
    url,
    sdkAppId: app.sdkAppId,
    userId: options.guest ? undefined : userId,
    userSig: () =>
      signUserSig({
        sdkAppId: app.sdkAppId,
        secretKey: app.secretKey,
        identifier: userId,
        expireSeconds: 3600,
      }),
    ...options,
  });
}

/** The SDK clients of one test file: none reconnects, and all are closed at its end. */
export class SdkClients {
  private readonly clients: ImClient[] = [];

  constructor(private readonly url: string) {}

  /** A client of `userId` in `app`, not yet connected (to listen before it logs in). */
  create(app: AppReply, userId: string, options: SdkClientOptions = {}): ImClient {
    const client = sdkClient(app, this.url, userId, { reconnect: false, ...options });
    this.clients.push(client);
    return client;
  }

  /** A connected client of `userId` in `app`. */
  async clientOf(app: AppReply, userId: string, options: SdkClientOptions = {}): Promise<ImClient> {
    const client = this.create(app, userId, options);
    await client.connect();
    return client;
  }

  async closeAll(): Promise<void> {
    await Promise.all(this.clients.map((c) => c.close().catch(() => undefined)));
  }
}
