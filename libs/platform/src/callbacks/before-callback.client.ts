import { CallbackDispatcherRpc, CallbackLimits, RemoteError } from '@im/contracts';
import type {
  AppCredentialsReply,
  BeforeCallbackBodyOf,
  BeforeCallbackCommand,
  BeforeCallbackFailure,
  BeforeCallbackReply,
  OptPlatform,
} from '@im/contracts';

import type { PlatformLogger } from '../logging/logger';
import { currentRequestContext } from '../logging/request-context';
import type { NatsBus } from '../nats/nats-bus';
import { RpcUnavailableError } from '../nats/rpc-unavailable.error';

/** Where the client reads an app's settings: the service's `AppRegistryCache`. */
export interface AppSettingsSource {
  get(sdkAppId: number): Promise<AppCredentialsReply | undefined>;
}

export interface BeforeCallbackClientOptions {
  /** The calling service's name (caller ID when there is no request context). */
  callerId: string;
  /**
   * How long to wait for the dispatcher; a bit above the 2 s the dispatcher gives the app, so
   * its own fail-open answer normally arrives first. Default 2500 ms.
   */
  timeoutMs?: number;
}

export interface BeforeCallbackCheckOptions {
  /** `OptPlatform`; the dispatcher defaults to `RESTAPI` for admin callers, else `Unknown`. */
  platform?: OptPlatform;
  /** `ClientIP` of the client that caused the event. */
  clientIp?: string;
  /** The app; default the current request's app. */
  sdkAppId?: number;
}

/** The body, or a function building it (only called when the callback is enabled). */
export type BeforeCallbackBodySource<C extends BeforeCallbackCommand> =
  BeforeCallbackBodyOf<C> | (() => BeforeCallbackBodyOf<C> | Promise<BeforeCallbackBodyOf<C>>);

const ALLOW: BeforeCallbackReply = { decision: 'allow' };

/**
 * Asks the app's backend before an event takes effect (docs/callbacks.md §2) through
 * `callback-dispatcher.rpc.before`:
 *
 * ```ts
 * const verdict = await callbacks.check('C2C.CallbackBeforeSendMsg', () => body);
 * if (verdict.decision === 'reject') throw new MessageError(verdict.code!, verdict.info ?? '');
 * ```
 *
 * Costs nothing when the app has no callback URL or the command is not enabled (settings come
 * from the service's AppRegistryCache; the body function is not even called). Fails open:
 * when the settings, NATS or the dispatcher do not answer in time the answer is `allow`.
 */
export class BeforeCallbackClient {
  private readonly timeoutMs: number;

  constructor(
    private readonly bus: NatsBus,
    private readonly apps: AppSettingsSource,
    private readonly logger: PlatformLogger,
    private readonly options: BeforeCallbackClientOptions,
  ) {
    this.timeoutMs = options.timeoutMs ?? CallbackLimits.timeoutMs + 500;
  }

  /** Whether the app has a callback URL and the command enabled. */
  async isEnabled(sdkAppId: number, command: BeforeCallbackCommand): Promise<boolean> {
    const app = await this.apps.get(sdkAppId);
    const callbacks = app?.settings?.callbacks;
    return !!callbacks?.url && (callbacks.enabledCommands ?? []).includes(command);
  }

  async check<C extends BeforeCallbackCommand>(
    command: C,
    body: BeforeCallbackBodySource<C>,
    options: BeforeCallbackCheckOptions = {},
  ): Promise<BeforeCallbackReply> {
    const context = currentRequestContext();
    const sdkAppId = options.sdkAppId ?? context?.sdkAppId;
    if (sdkAppId === undefined) {
      this.logger.error({ command }, 'before-callback without an app; allowed');
      return ALLOW;
    }
    try {
      if (!(await this.isEnabled(sdkAppId, command))) return ALLOW;
    } catch (err) {
      return this.failOpen(command, sdkAppId, 'unavailable', err);
    }
    const payload = typeof body === 'function' ? await body() : body;
    try {
      const reply = await this.bus.request(
        CallbackDispatcherRpc.Before,
        {
          command,
          body: payload,
          ...(options.platform !== undefined && { platform: options.platform }),
          ...(options.clientIp !== undefined && { clientIp: options.clientIp }),
        },
        {
          timeoutMs: this.timeoutMs,
          context: {
            sdkAppId,
            role: context?.role ?? 'service',
            callerId: context?.callerId ?? this.options.callerId,
          },
        },
      );
      if (!reply || typeof reply.decision !== 'string')
        return this.failOpen(command, sdkAppId, 'invalid-reply');
      return reply;
    } catch (err) {
      const reason: BeforeCallbackFailure =
        err instanceof RpcUnavailableError && err.reason === 'timeout' ? 'timeout' : 'unavailable';
      return this.failOpen(command, sdkAppId, reason, err);
    }
  }

  private failOpen(
    command: BeforeCallbackCommand,
    sdkAppId: number,
    reason: BeforeCallbackFailure,
    err?: unknown,
  ): BeforeCallbackReply {
    const detail =
      err instanceof RemoteError
        ? `${err.code} ${err.message}`
        : err instanceof Error
          ? err.message
          : undefined;
    this.logger.warn(
      { sdkAppId, command, reason, err: detail },
      'before-callback failed; allowed (fail open)',
    );
    return { decision: 'allow', failedOpen: reason };
  }
}
