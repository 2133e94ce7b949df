import { Inject, Injectable } from '@nestjs/common';

import { AccountEvt, ErrorCode, isPrivileged } from '@im/contracts';
import type {
  CallerContext,
  CreateRobotRequest,
  EmptyReply,
  ListRobotsRequest,
  RobotIdsReply,
} from '@im/contracts';
import { EventOutbox, PLATFORM_LOGGER } from '@im/platform';
import type { PlatformLogger } from '@im/platform';

import type { AccountDb } from './account.db';
import { AccountError } from './account.errors';
import { AccountRepository } from './account.repository';
import { ACCOUNT_DB } from './account.tokens';
import { assertRobotCapacity, assertRobotId } from './robot.rules';

/**
 * Robots (`openim_robot_http_svc`): accounts of type 1 named `@RBT#...`. A robot receives and
 * sends like any account; messages to it are handed to the app backend by the
 * callback-dispatcher (`Bot.OnC2CMessage`), and the backend answers with `sendmsg` as the robot.
 */
@Injectable()
export class RobotService {
  constructor(
    private readonly accounts: AccountRepository,
    private readonly outbox: EventOutbox,
    @Inject(ACCOUNT_DB) private readonly db: AccountDb,
    @Inject(PLATFORM_LOGGER) private readonly logger: PlatformLogger,
  ) {}

  /** Creates the robot's account (or makes an existing account a robot) and its profile. */
  async createRobot(caller: CallerContext, req: CreateRobotRequest): Promise<EmptyReply> {
    assertAdmin(caller);
    assertRobotId(req.userId);
    const robot = { ...req, type: 1 as const };
    await this.outbox.commit(this.db, async (tx) => {
      await this.accounts.lockRobots(caller.sdkAppId, tx);
      assertRobotCapacity(
        await this.accounts.findRobotIds(caller.sdkAppId, undefined, tx),
        req.userId,
      );
      await this.accounts.upsertAccounts(caller.sdkAppId, [robot], tx);
      await this.outbox.stage(tx, AccountEvt.Imported, { accounts: [robot] });
    });
    this.logger.info({ userId: req.userId }, 'robot created');
    return {};
  }

  /** Tencent: the robot becomes invalid, its UserID stays (an ordinary account from now on). */
  async deleteRobot(caller: CallerContext, userId: string): Promise<EmptyReply> {
    assertAdmin(caller);
    assertRobotId(userId);
    await this.outbox.commit(this.db, async (tx) => {
      await this.accounts.lockRobots(caller.sdkAppId, tx);
      const [robot] = await this.accounts.findRobotIds(caller.sdkAppId, [userId], tx);
      if (!robot) throw notARobot(userId);
      await this.accounts.updateAccountType(caller.sdkAppId, userId, 0, tx);
    });
    this.logger.info({ userId }, 'robot deleted');
    return {};
  }

  async listRobots(caller: CallerContext, req: ListRobotsRequest): Promise<RobotIdsReply> {
    assertAdmin(caller);
    return { userIds: await this.accounts.findRobotIds(caller.sdkAppId, req.userIds) };
  }
}

function assertAdmin(caller: CallerContext): void {
  if (!isPrivileged(caller)) throw AccountError.adminRequired();
}

/** Tencent's robot API has no "not found": an unknown robot is an invalid parameter (10004). */
function notARobot(userId: string): AccountError {
  return new AccountError(ErrorCode.GroupInvalidParameter, `${userId} is not a robot`);
}
