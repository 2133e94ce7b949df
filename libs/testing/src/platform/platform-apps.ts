import { randomUUID } from 'node:crypto';

import {
  AccountRpc,
  AppReply,
  CreateAppRequest,
  EnsureFirstOperatorReply,
  ErrorCode,
  RemoteError,
  UpdateAppRequest,
} from '@im/contracts';
import { createLogger, NatsBus } from '@im/platform';

/**
 * Operator actions on the app registry over NATS (what the console will do): used by tests,
 * the launcher and benchmarks. Each call opens and closes its own connection.
 */
export class PlatformApps {
  private constructor(private readonly bus: NatsBus) {}

  static async connect(natsUrl: string): Promise<PlatformApps> {
    const bus = new NatsBus({
      servers: natsUrl.split(',').map((u) => u.trim()),
      name: `operator-${process.pid}`,
      requestTimeoutMs: 10_000,
      logger: createLogger('operator', `operator-${process.pid}`, 'silent'),
    });
    await bus.connect();
    return new PlatformApps(bus);
  }

  create(req: Partial<CreateAppRequest> = {}): Promise<AppReply> {
    return this.bus.request(
      AccountRpc.CreateApp,
      { name: `test-${randomUUID().slice(0, 8)}`, ...req },
      this.operator(),
    );
  }

  /** The app, or undefined when it does not exist. */
  async find(sdkAppId: number): Promise<AppReply | undefined> {
    try {
      return await this.bus.request(AccountRpc.GetApp, { sdkAppId }, this.operator());
    } catch (err) {
      if (err instanceof RemoteError && err.code === ErrorCode.SdkAppIdNotFound) return undefined;
      throw err;
    }
  }

  update(req: UpdateAppRequest): Promise<AppReply> {
    return this.bus.request(AccountRpc.UpdateApp, req, this.operator());
  }

  rotateKey(sdkAppId: number): Promise<AppReply> {
    return this.bus.request(AccountRpc.RotateAppKey, { sdkAppId }, this.operator());
  }

  /** The first console operator, when there is none yet; its password only when created now. */
  ensureFirstOperator(username: string): Promise<EnsureFirstOperatorReply> {
    return this.bus.request(AccountRpc.EnsureFirstOperator, { username }, this.operator());
  }

  close(): Promise<void> {
    return this.bus.close();
  }

  private operator() {
    return { context: { role: 'operator' as const, callerId: 'operator' } };
  }
}
