import { AccountRpc, ErrorCode, RemoteError } from '@im/contracts';
import type { AppCredentialsReply, RpcReplyOf, RpcRequestOf, RpcSubject } from '@im/contracts';
import type { AppRegistryCache, NatsBus } from '@im/platform';

import { findUnsafeValue } from '../rest/body-shape.rules';
import type { CommandTable } from '../rest/command-table.model';
import { applyAliases, validateDto } from '../rest/dto-validation.rules';
import { RestFailure } from '../rest/envelope.mapper';
import { GatewayCodes, RestServices } from '../rest/rest-services.rules';

/** A console session as the account service checks it (cookie token, CSRF header, address). */
export interface AdminSession {
  sessionToken: string;
  csrfToken?: string;
  clientIp: string;
}

/** What a console write records in the operator audit log (never content, keys or passwords). */
export interface AdminAudit {
  action: string;
  target: string;
  detail: Record<string, unknown>;
}

/** One console call passed on to the platform as the app's admin. */
export interface AdminCommandCall {
  session: AdminSession;
  requestId: string;
  sdkAppId: number;
  /** The /v4 command (`openim/sendmsg`) whose row validates the body and names the subject. */
  service: string;
  command: string;
  /** The body in the spec's field names (docs/rest-api.md). */
  body: Record<string, unknown>;
  /** Present on writes: the session must carry its CSRF token, and the outcome is audited. */
  audit?: AdminAudit;
}

/**
 * The console's way to the platform for an app's users, groups and messages: the same command
 * rows as the /v4 edge (its DTO validation, NATS subject and reply mapping), called as the app's
 * first admin identifier, after the account service checked the operator's session (and, on a
 * write, its CSRF token). A write's outcome lands in the operator audit log. The operator's
 * session stands in for the UserSig; nothing else differs from a REST call.
 */
export class ConsoleAdminCommands {
  constructor(
    private readonly bus: NatsBus,
    private readonly commands: CommandTable,
    private readonly apps: AppRegistryCache,
    private readonly publicUrl: string,
  ) {}

  async run(call: AdminCommandCall): Promise<Record<string, unknown>> {
    const row = this.commands.find(call.service, call.command);
    if (!row) throw new Error(`no command ${call.service}/${call.command}`);
    const write = call.audit !== undefined;
    await this.bus.request(
      AccountRpc.OperatorCheck,
      { ...call.session, write },
      { context: this.gatewayContext(call.requestId) },
    );
    let code = 0;
    try {
      const app = await this.appOf(call.sdkAppId);
      const codes = RestServices[call.service] ?? GatewayCodes;
      const unsafe = findUnsafeValue(call.body);
      if (unsafe) throw new RestFailure(codes.invalid, unsafe);
      const dto = validateDto(row.dto, applyAliases(call.body, row.aliases), codes.invalid);
      const identifier = app.adminIdentifiers[0];
      const reply = await this.bus.request(row.subject, row.toRequest(dto), {
        context: {
          sdkAppId: app.sdkAppId,
          callerId: identifier,
          role: 'admin',
          requestId: call.requestId,
        },
      });
      return row.toResponse(reply, dto, {
        baseUrl: this.publicUrl,
        app,
        identifier,
        nowSeconds: Math.floor(Date.now() / 1000),
      });
    } catch (err) {
      code = codeOf(err);
      throw err;
    } finally {
      if (call.audit) {
        await this.bus.request(
          AccountRpc.OperatorRecord,
          { ...call.session, ...call.audit, code },
          { context: this.gatewayContext(call.requestId) },
        );
      }
    }
  }

  /**
   * A call on an app's own data by a subject without a /v4 row of its own (statistics, callback
   * deliveries), as the app's admin. With `audit` it is a write: the session must carry its
   * CSRF token and the outcome lands in the operator audit log.
   */
  async request<S extends RpcSubject>(
    session: AdminSession,
    requestId: string,
    sdkAppId: number,
    subject: S,
    payload: RpcRequestOf<S>,
    audit?: AdminAudit,
  ): Promise<RpcReplyOf<S>> {
    await this.bus.request(
      AccountRpc.OperatorCheck,
      { ...session, write: audit !== undefined },
      { context: this.gatewayContext(requestId) },
    );
    let code = 0;
    try {
      const app = await this.appOf(sdkAppId);
      return await this.bus.request(subject, payload, {
        context: {
          sdkAppId: app.sdkAppId,
          callerId: app.adminIdentifiers[0],
          role: 'admin',
          requestId,
        },
      });
    } catch (err) {
      code = codeOf(err);
      throw err;
    } finally {
      if (audit) {
        await this.bus.request(
          AccountRpc.OperatorRecord,
          { ...session, ...audit, code },
          { context: this.gatewayContext(requestId) },
        );
      }
    }
  }

  /** The app of a console call, refused like a REST call to an unknown or disabled app. */
  async appOf(sdkAppId: number): Promise<AppCredentialsReply> {
    const app = await this.apps.get(sdkAppId);
    if (!app)
      throw new RestFailure(ErrorCode.SdkAppIdNotFound, `SDKAppID ${sdkAppId} does not exist`);
    if (app.status !== 'active') {
      throw new RestFailure(ErrorCode.SdkAppIdDisabled, `SDKAppID ${sdkAppId} is disabled`);
    }
    return app;
  }

  private gatewayContext(requestId: string) {
    return { role: 'service' as const, callerId: 'api-gateway', requestId };
  }
}

function codeOf(err: unknown): number {
  if (err instanceof RestFailure) return err.code;
  if (err instanceof RemoteError && err.code > 0) return err.code;
  return ErrorCode.AccountInternalError;
}
