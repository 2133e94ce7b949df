import { Inject, Injectable } from '@nestjs/common';
import { and, count, desc, eq, gt, lt, or, sql } from 'drizzle-orm';

import type { AccountDb, AccountExecutor } from '../account.db';
import {
  operatorAudit,
  operatorLoginFailures,
  operators,
  operatorSessions,
} from '../account.schema';
import type { OperatorAuditRow, OperatorRow } from '../account.schema';
import { ACCOUNT_DB } from '../account.tokens';

export interface NewAuditEntry {
  operator: string;
  action: string;
  target: string;
  detail: Record<string, unknown>;
  clientIp: string | null;
}

export interface SessionRow {
  operatorId: number;
  username: string;
  csrfHash: string;
  expiresAt: Date;
}

/**
 * The only SQL on the operator tables. They are platform-wide (an operator manages every app),
 * so unlike the app tables they have no `sdk_app_id`.
 */
@Injectable()
export class OperatorRepository {
  constructor(@Inject(ACCOUNT_DB) private readonly db: AccountDb) {}

  async countOperators(db: AccountExecutor = this.db): Promise<number> {
    const [row] = await db.select({ n: count() }).from(operators);
    return Number(row?.n ?? 0);
  }

  /** Serializes first-operator creation across account instances (one transaction). */
  async lockOperators(tx: AccountExecutor): Promise<void> {
    await tx.execute(sql`LOCK TABLE operators IN SHARE ROW EXCLUSIVE MODE`);
  }

  async insertOperator(
    username: string,
    passwordHash: string,
    db: AccountExecutor = this.db,
  ): Promise<OperatorRow> {
    const [row] = await db.insert(operators).values({ username, passwordHash }).returning();
    return row;
  }

  async findOperator(username: string): Promise<OperatorRow | undefined> {
    const [row] = await this.db.select().from(operators).where(eq(operators.username, username));
    return row;
  }

  async insertSession(
    session: {
      tokenHash: string;
      operatorId: number;
      csrfHash: string;
      clientIp: string | null;
      expiresAt: Date;
    },
    db: AccountExecutor = this.db,
  ): Promise<void> {
    await db.insert(operatorSessions).values(session);
  }

  /** A session that has not expired, with its operator's name. */
  async findLiveSession(tokenHash: string): Promise<SessionRow | undefined> {
    const [row] = await this.db
      .select({
        operatorId: operatorSessions.operatorId,
        username: operators.username,
        csrfHash: operatorSessions.csrfHash,
        expiresAt: operatorSessions.expiresAt,
      })
      .from(operatorSessions)
      .innerJoin(operators, eq(operators.id, operatorSessions.operatorId))
      .where(
        and(eq(operatorSessions.tokenHash, tokenHash), gt(operatorSessions.expiresAt, sql`now()`)),
      );
    return row;
  }

  async deleteSession(tokenHash: string, db: AccountExecutor = this.db): Promise<void> {
    await db.delete(operatorSessions).where(eq(operatorSessions.tokenHash, tokenHash));
  }

  /** Drops expired sessions and failures older than the window (kept bounded on each login). */
  async deleteExpired(windowSeconds: number): Promise<void> {
    await this.db.delete(operatorSessions).where(lt(operatorSessions.expiresAt, sql`now()`));
    await this.db
      .delete(operatorLoginFailures)
      .where(
        lt(operatorLoginFailures.failedAt, sql`now() - make_interval(secs => ${windowSeconds})`),
      );
  }

  async insertLoginFailure(username: string, clientIp: string | null): Promise<void> {
    await this.db.insert(operatorLoginFailures).values({ username, clientIp });
  }

  /** Failed logins within the window: of this name, and from this address. */
  async countRecentFailures(
    username: string,
    clientIp: string | null,
    windowSeconds: number,
  ): Promise<{ byUsername: number; byIp: number }> {
    const since = sql`now() - make_interval(secs => ${windowSeconds})`;
    const [row] = await this.db
      .select({
        byUsername: sql<number>`count(*) FILTER (WHERE ${operatorLoginFailures.username} = ${username})`,
        byIp: sql<number>`count(*) FILTER (WHERE ${operatorLoginFailures.clientIp} = ${clientIp})`,
      })
      .from(operatorLoginFailures)
      .where(
        and(
          gt(operatorLoginFailures.failedAt, since),
          clientIp === null
            ? eq(operatorLoginFailures.username, username)
            : or(
                eq(operatorLoginFailures.username, username),
                eq(operatorLoginFailures.clientIp, clientIp),
              ),
        ),
      );
    return { byUsername: Number(row?.byUsername ?? 0), byIp: Number(row?.byIp ?? 0) };
  }

  async clearLoginFailures(username: string): Promise<void> {
    await this.db.delete(operatorLoginFailures).where(eq(operatorLoginFailures.username, username));
  }

  async insertAudit(entry: NewAuditEntry, db: AccountExecutor = this.db): Promise<void> {
    await db.insert(operatorAudit).values(entry);
  }

  async findAuditPage(
    offset: number,
    limit: number,
  ): Promise<{ rows: OperatorAuditRow[]; total: number }> {
    const rows = await this.db
      .select()
      .from(operatorAudit)
      .orderBy(desc(operatorAudit.at), desc(operatorAudit.id))
      .offset(offset)
      .limit(limit);
    const [total] = await this.db.select({ n: count() }).from(operatorAudit);
    return { rows, total: Number(total?.n ?? 0) };
  }
}
