import { Inject, Injectable } from '@nestjs/common';
import { and, asc, count, eq, inArray, sql } from 'drizzle-orm';

import type { GroupDb, GroupExecutor } from '../group.db';
import { groupTopics } from '../group.schema';
import type { NewTopicRow, TopicRow } from '../group.schema';
import { GROUP_DB } from '../group.tokens';

export type TopicPatch = Partial<
  Pick<TopicRow, 'name' | 'introduction' | 'notification' | 'faceUrl' | 'customString' | 'muteAll'>
>;

/** The only SQL on `group_topics`; scoped by `sdkAppId`. */
@Injectable()
export class GroupTopicRepository {
  constructor(@Inject(GROUP_DB) private readonly db: GroupDb) {}

  /** Inserts a topic; undefined when its ID is taken in the app. */
  async insertTopic(row: NewTopicRow, db: GroupExecutor = this.db): Promise<TopicRow | undefined> {
    const [inserted] = await db.insert(groupTopics).values(row).onConflictDoNothing().returning();
    return inserted;
  }

  async countTopics(sdkAppId: number, groupId: string, db: GroupExecutor = this.db) {
    const [row] = await db
      .select({ n: count() })
      .from(groupTopics)
      .where(and(eq(groupTopics.sdkAppId, sdkAppId), eq(groupTopics.groupId, groupId)));
    return row?.n ?? 0;
  }

  /** The group's topics (the named ones, or all in creation order). */
  async findTopics(
    sdkAppId: number,
    groupId: string,
    topicIds?: readonly string[],
    db: GroupExecutor = this.db,
  ): Promise<TopicRow[]> {
    if (topicIds && topicIds.length === 0) return [];
    return db
      .select()
      .from(groupTopics)
      .where(
        and(
          eq(groupTopics.sdkAppId, sdkAppId),
          eq(groupTopics.groupId, groupId),
          topicIds ? inArray(groupTopics.topicId, [...topicIds]) : undefined,
        ),
      )
      .orderBy(asc(groupTopics.createTime), asc(groupTopics.topicId));
  }

  async findTopic(sdkAppId: number, topicId: string): Promise<TopicRow | undefined> {
    const [row] = await this.db
      .select()
      .from(groupTopics)
      .where(and(eq(groupTopics.sdkAppId, sdkAppId), eq(groupTopics.topicId, topicId)));
    return row;
  }

  async updateTopic(
    sdkAppId: number,
    topicId: string,
    patch: TopicPatch,
    db: GroupExecutor,
  ): Promise<TopicRow | undefined> {
    const [row] = await db
      .update(groupTopics)
      .set(patch)
      .where(and(eq(groupTopics.sdkAppId, sdkAppId), eq(groupTopics.topicId, topicId)))
      .returning();
    return row;
  }

  /** Deletes the named topics of the group; the rows deleted. */
  async deleteTopics(
    sdkAppId: number,
    groupId: string,
    topicIds: readonly string[],
    db: GroupExecutor,
  ): Promise<TopicRow[]> {
    if (topicIds.length === 0) return [];
    return db
      .delete(groupTopics)
      .where(
        and(
          eq(groupTopics.sdkAppId, sdkAppId),
          eq(groupTopics.groupId, groupId),
          inArray(groupTopics.topicId, [...topicIds]),
        ),
      )
      .returning();
  }

  /** Deletes every topic of the group (its dismissal); the rows deleted. */
  async deleteAllTopics(sdkAppId: number, groupId: string, db: GroupExecutor): Promise<TopicRow[]> {
    return db
      .delete(groupTopics)
      .where(and(eq(groupTopics.sdkAppId, sdkAppId), eq(groupTopics.groupId, groupId)))
      .returning();
  }

  /** Takes the topic's next seqs (or raises NextMsgSeq past `lastSeq`); its new NextMsgSeq. */
  async allocateSeqs(
    sdkAppId: number,
    topicId: string,
    count: number,
    lastSeq: number | undefined,
    msgTime: number,
  ): Promise<number | undefined> {
    const next =
      lastSeq === undefined
        ? sql`${groupTopics.nextMsgSeq} + ${count}`
        : sql`greatest(${groupTopics.nextMsgSeq}, ${lastSeq + 1})`;
    const [row] = await this.db
      .update(groupTopics)
      .set({
        nextMsgSeq: next,
        lastMsgTime: sql`greatest(${groupTopics.lastMsgTime}, ${msgTime})`,
      })
      .where(and(eq(groupTopics.sdkAppId, sdkAppId), eq(groupTopics.topicId, topicId)))
      .returning({ nextMsgSeq: groupTopics.nextMsgSeq });
    return row?.nextMsgSeq;
  }
}
