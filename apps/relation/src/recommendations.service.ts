import { Injectable } from '@nestjs/common';

import { ErrorCode, RelationEvt, RelationLimits, utf8Length } from '@im/contracts';
import type {
  AddRecommendationsRequest,
  CallerContext,
  GetRecommendationsReply,
  RelationResultItem,
  RelationResultsReply,
  RelationUserRequest,
  RelationUsersRequest,
} from '@im/contracts';
import { EventOutbox } from '@im/platform';

import { RecommendationsRepository } from './recommendations.repository';
import { RelationRepository } from './relation.repository';
import { assertActsAs, distinct, distinctBy, fail, targetProblem } from './relation.rules';
import type { ItemFailure } from './relation.rules';
import { RelationTransactions } from './relation-transactions.db';

const OK: ItemFailure = { code: ErrorCode.Ok, message: '' };

function inOrder(targets: string[], results: Map<string, ItemFailure>): RelationResultItem[] {
  return targets.map((userId) => ({ userId, ...(results.get(userId) ?? OK) }));
}

/**
 * The recommendation buffer (REL-41, AMB-34): user IDs with an optional note of at most 500
 * bytes, at most 1000 per user. The app fills and reads it; the platform only stores it.
 */
@Injectable()
export class RecommendationsService {
  constructor(
    private readonly recommendations: RecommendationsRepository,
    private readonly users: RelationRepository,
    private readonly transactions: RelationTransactions,
    private readonly outbox: EventOutbox,
  ) {}

  async add(caller: CallerContext, req: AddRecommendationsRequest): Promise<RelationResultsReply> {
    assertActsAs(caller, req.userId);
    const { sdkAppId } = caller;
    const items = distinctBy(req.items, (i) => i.userId);
    const targets = items.map((i) => i.userId);
    const results = new Map<string, ItemFailure>();
    const valid = items.filter((item) => {
      const problem =
        targetProblem(req.userId, item.userId) ??
        (item.note != null && utf8Length(item.note) > RelationLimits.recommendationNoteMaxBytes
          ? fail(ErrorCode.SnsInvalidParameters, 'a note is at most 500 bytes')
          : undefined);
      if (problem) results.set(item.userId, problem);
      return !problem;
    });
    if (valid.length === 0) return { results: inOrder(targets, results) };
    await this.transactions.run(sdkAppId, async (tx) => {
      await this.users.lockUsers(sdkAppId, [req.userId], tx);
      const present = new Set(
        (await this.recommendations.findAll(sdkAppId, req.userId, tx)).map((r) => r.userId),
      );
      let size = present.size;
      const writes: { userId: string; note: string }[] = [];
      for (const item of valid) {
        if (!present.has(item.userId)) {
          if (size + 1 > RelationLimits.recommendationsMax) {
            results.set(
              item.userId,
              fail(ErrorCode.SnsInvalidParameters, 'the recommendation buffer is full'),
            );
            continue;
          }
          size++;
        }
        writes.push({ userId: item.userId, note: item.note ?? '' });
      }
      if (writes.length === 0) return;
      await this.recommendations.upsert(sdkAppId, req.userId, writes, tx);
      await this.outbox.stage(tx, RelationEvt.RecommendationsChanged, {
        sdkAppId,
        userId: req.userId,
      });
    });
    return { results: inOrder(targets, results) };
  }

  async remove(caller: CallerContext, req: RelationUsersRequest): Promise<RelationResultsReply> {
    assertActsAs(caller, req.userId);
    const { sdkAppId } = caller;
    const targets = distinct(req.toUserIds);
    await this.transactions.run(sdkAppId, async (tx) => {
      const removed = await this.recommendations.delete(sdkAppId, req.userId, targets, tx);
      if (removed.length)
        await this.outbox.stage(tx, RelationEvt.RecommendationsChanged, {
          sdkAppId,
          userId: req.userId,
        });
    });
    return { results: inOrder(targets, new Map()) };
  }

  async get(caller: CallerContext, req: RelationUserRequest): Promise<GetRecommendationsReply> {
    assertActsAs(caller, req.userId);
    return { items: await this.recommendations.findAll(caller.sdkAppId, req.userId) };
  }
}
