import { Injectable } from '@nestjs/common';

import {
  actsFor,
  ConversationIds,
  ErrorCode,
  isPrivileged,
  MessageLimits,
  PushCommands,
} from '@im/contracts';
import type {
  CallerContext,
  ContactGroupInfo,
  ContactGroupsReply,
  ContactMarkState,
  ContactResult,
  CreateContactGroupReply,
  CreateContactGroupRequest,
  DeleteContactGroupsReply,
  DeleteContactGroupsRequest,
  GetContactGroupsRequest,
  MarkContactsReply,
  MarkContactsRequest,
  SearchContactGroupsRequest,
  UpdateContactGroupReply,
  UpdateContactGroupRequest,
} from '@im/contracts';
import { AccountsClient } from '@im/platform';

import { ContactMarksRepository } from './contact-marks.repository';
import type { ContactMarkRow } from './contact-marks.repository';
import {
  bitMask,
  checkCustomMark,
  checkGroupCount,
  checkGroupName,
  checkMarkedCount,
  markString,
  nextGroupId,
} from './contact-marks.rules';
import { DeliveryService } from './delivery.service';
import { MessageError } from './message.errors';
import type { MessageExecutor } from './message.db';
import { nowSeconds } from './stored-message.model';

/** A stored row as its user sees it. */
export function toMarkState(row: ContactMarkRow): ContactMarkState {
  return {
    convId: row.convId,
    standardMark: markString(row.standardMark),
    customMark: row.customMark,
    groupIds: row.groupIds,
    updatedAt: row.updatedAt,
  };
}

const emptyState = (convId: string): ContactMarkState => ({
  convId,
  standardMark: '0',
  customMark: '',
  groupIds: [],
  updatedAt: 0,
});

/**
 * Conversation groups and marks of a user (recentcontact/create_contact_group,
 * update_contact_group, del_contact_group, get_contact_group, search_contact_group,
 * mark_contact; client commands `conv.group-*`, `conv.mark`): stored per user apart from the
 * conversations, at most 20 groups and 1000 conversations with data; every change is pushed
 * to the user's other devices (`conv.contacts-changed`).
 */
@Injectable()
export class ContactMarksService {
  constructor(
    private readonly marks: ContactMarksRepository,
    private readonly accounts: AccountsClient,
    private readonly delivery: DeliveryService,
  ) {}

  async createGroup(
    caller: CallerContext,
    req: CreateContactGroupRequest,
  ): Promise<CreateContactGroupReply> {
    await this.assertActor(caller, req.userId);
    checkGroupName(req.name);
    const { valid, results } = this.checkConvIds(req.userId, req.convIds);
    const { sdkAppId } = caller;
    const now = nowSeconds();
    const { group, rows, groups } = await this.marks.inUserTx(sdkAppId, req.userId, async (tx) => {
      const groups = await this.marks.findGroups(sdkAppId, req.userId, tx);
      if (groups.some((g) => g.name === req.name))
        throw new MessageError(ErrorCode.ContactInvalidParameters, 'the group name is taken');
      checkGroupCount(groups.length);
      const group = { groupId: nextGroupId(groups.map((g) => g.groupId)), name: req.name };
      await this.marks.insertGroup(tx, sdkAppId, req.userId, group);
      await this.checkRoomFor(tx, sdkAppId, req.userId, valid);
      await this.marks.addToGroup(tx, sdkAppId, req.userId, group.groupId, valid, now);
      await this.marks.touchConversations(tx, sdkAppId, req.userId, valid);
      const rows = await this.marks.findMarks(sdkAppId, req.userId, valid, tx);
      return { group, rows, groups: [...groups, group] };
    });
    this.tell(caller, req.userId, rows.map(toMarkState), groups);
    return { group, results };
  }

  async updateGroup(
    caller: CallerContext,
    req: UpdateContactGroupRequest,
  ): Promise<UpdateContactGroupReply> {
    await this.assertActor(caller, req.userId);
    const { sdkAppId } = caller;
    const userId = req.userId;
    const now = nowSeconds();
    if (req.kind === 'rename') {
      if (req.newName === undefined)
        throw new MessageError(ErrorCode.ContactInvalidParameters, 'NewGroupName is missing');
      checkGroupName(req.newName);
    }
    const changes = req.changes ?? [];
    const checked = this.checkConvIds(
      userId,
      changes.map((c) => c.convId),
    );
    const results = changes.map((c, i) => ({ ...checked.results[i], op: c.op }));
    const adds = changes
      .filter((c, i) => c.op === 'add' && results[i].code === 0)
      .map((c) => c.convId);
    const removes = changes
      .filter((c, i) => c.op === 'remove' && results[i].code === 0)
      .map((c) => c.convId);
    const out = await this.marks.inUserTx(sdkAppId, userId, async (tx) => {
      const groups = await this.marks.findGroups(sdkAppId, userId, tx);
      const group = groups.find((g) => g.name === req.oldName);
      if (!group)
        throw new MessageError(ErrorCode.ConversationGroupNotFound, 'no such conversation group');
      if (req.kind === 'rename') {
        const newName = req.newName!;
        if (newName !== group.name && groups.some((g) => g.name === newName))
          throw new MessageError(ErrorCode.ContactInvalidParameters, 'the group name is taken');
        await this.marks.renameGroup(tx, sdkAppId, userId, group.groupId, newName);
        group.name = newName;
        return { group, groups, touched: [] as string[], rows: [] as ContactMarkRow[] };
      }
      await this.checkRoomFor(tx, sdkAppId, userId, adds);
      await this.marks.addToGroup(tx, sdkAppId, userId, group.groupId, adds, now);
      await this.marks.removeFromGroup(tx, sdkAppId, userId, group.groupId, removes, now);
      const touched = [...new Set([...adds, ...removes])];
      const rows = await this.marks.findMarks(sdkAppId, userId, touched, tx);
      await this.marks.pruneEmpty(tx, sdkAppId, userId);
      await this.marks.touchConversations(tx, sdkAppId, userId, touched);
      return { group, groups, touched, rows };
    });
    const found = new Map(out.rows.map((r) => [r.convId, toMarkState(r)]));
    const states = out.touched.map((c) => found.get(c) ?? emptyState(c));
    this.tell(caller, userId, states, out.groups);
    return { group: out.group, oldName: req.oldName, results };
  }

  async deleteGroups(
    caller: CallerContext,
    req: DeleteContactGroupsRequest,
  ): Promise<DeleteContactGroupsReply> {
    await this.assertActor(caller, req.userId);
    const { sdkAppId } = caller;
    const userId = req.userId;
    const names = [...new Set(req.names)];
    const out = await this.marks.inUserTx(sdkAppId, userId, async (tx) => {
      const groups = await this.marks.findGroups(sdkAppId, userId, tx);
      const doomed = names.map((n) => groups.find((g) => g.name === n));
      if (doomed.some((g) => g === undefined))
        throw new MessageError(ErrorCode.ConversationGroupNotFound, 'no such conversation group');
      const ids = doomed.map((g) => g!.groupId);
      const changed = await this.marks.deleteGroups(tx, sdkAppId, userId, ids, nowSeconds());
      const rows = await this.marks.findMarks(sdkAppId, userId, changed, tx);
      await this.marks.pruneEmpty(tx, sdkAppId, userId);
      await this.marks.touchConversations(tx, sdkAppId, userId, changed);
      return { changed, rows, groups: groups.filter((g) => !ids.includes(g.groupId)) };
    });
    const found = new Map(out.rows.map((r) => [r.convId, toMarkState(r)]));
    this.tell(
      caller,
      userId,
      out.changed.map((c) => found.get(c) ?? emptyState(c)),
      out.groups,
    );
    return { names };
  }

  async getGroups(
    caller: CallerContext,
    req: GetContactGroupsRequest,
  ): Promise<ContactGroupsReply> {
    await this.assertActor(caller, req.userId);
    const { sdkAppId } = caller;
    const size = MessageLimits.contactGroupPageSize;
    const rows = await this.marks.findMarksPage(sdkAppId, req.userId, req.startIndex, size + 1);
    const groups = await this.marks.findGroups(sdkAppId, req.userId);
    const isComplete = rows.length <= size;
    return {
      items: rows.slice(0, size).map(toMarkState),
      groups,
      isComplete,
      nextIndex: isComplete ? 0 : req.startIndex + size,
    };
  }

  async searchGroups(
    caller: CallerContext,
    req: SearchContactGroupsRequest,
  ): Promise<ContactGroupsReply> {
    await this.assertActor(caller, req.userId);
    const { sdkAppId } = caller;
    const { valid, results } = this.checkConvIds(req.userId, req.convIds);
    const rows = await this.marks.findMarks(sdkAppId, req.userId, valid);
    const groups = await this.marks.findGroups(sdkAppId, req.userId);
    const found = new Map(rows.map((r) => [r.convId, toMarkState(r)]));
    return {
      items: results.map((r) => ({
        ...(found.get(r.convId) ?? emptyState(r.convId)),
        code: r.code,
        message: r.message,
      })),
      groups,
      isComplete: true,
      nextIndex: 0,
    };
  }

  async mark(caller: CallerContext, req: MarkContactsRequest): Promise<MarkContactsReply> {
    await this.assertActor(caller, req.userId);
    const { sdkAppId } = caller;
    const userId = req.userId;
    for (const item of req.items)
      if (item.customMark !== undefined) checkCustomMark(item.customMark);
    const { results } = this.checkConvIds(
      userId,
      req.items.map((i) => i.convId),
    );
    const now = nowSeconds();
    const out = await this.marks.inUserTx(sdkAppId, userId, async (tx) => {
      const valid = req.items.filter((_, i) => results[i].code === 0);
      await this.checkRoomFor(
        tx,
        sdkAppId,
        userId,
        valid.map((i) => i.convId),
      );
      const after = new Map<string, ContactMarkRow>();
      for (const item of valid)
        after.set(
          item.convId,
          await this.marks.applyMark(
            tx,
            sdkAppId,
            userId,
            {
              convId: item.convId,
              setMask: bitMask(item.setBits),
              clearMask: bitMask(item.clearBits),
              customMark: item.customMark,
            },
            now,
          ),
        );
      await this.marks.pruneEmpty(tx, sdkAppId, userId);
      await this.marks.touchConversations(tx, sdkAppId, userId, [...after.keys()]);
      const groups = await this.marks.findGroups(sdkAppId, userId, tx);
      return { after, groups };
    });
    const items = results.map((r) => ({
      ...(out.after.has(r.convId) ? toMarkState(out.after.get(r.convId)!) : emptyState(r.convId)),
      code: r.code,
      message: r.message,
    }));
    this.tell(caller, userId, [...out.after.values()].map(toMarkState), out.groups);
    return { items };
  }

  /** Marks and group names of some of a user's conversations (conversation lists). */
  async lookup(
    sdkAppId: number,
    userId: string,
    convIds: string[],
  ): Promise<{ marks: Map<string, ContactMarkState>; groups: ContactGroupInfo[] }> {
    const rows = await this.marks.findMarks(sdkAppId, userId, convIds);
    const groups = rows.some((r) => r.groupIds.length > 0)
      ? await this.marks.findGroups(sdkAppId, userId)
      : [];
    return { marks: new Map(rows.map((r) => [r.convId, toMarkState(r)])), groups };
  }

  /** The App admin (or a service) for an imported user, or the user itself. */
  private async assertActor(caller: CallerContext, userId: string): Promise<void> {
    if (!actsFor(caller, userId))
      throw new MessageError(ErrorCode.ContactAdminRequired, 'only for the user itself');
    if (isPrivileged(caller) && !(await this.accounts.exists(caller.sdkAppId, userId)))
      throw new MessageError(ErrorCode.ContactAccountNotFound, `${userId} is not imported`);
  }

  /** A result per conversation id: 0 for a C2C conversation of the user or a group one. */
  private checkConvIds(
    userId: string,
    convIds: string[],
  ): { valid: string[]; results: ContactResult[] } {
    const results = convIds.map((convId): ContactResult => {
      try {
        const parsed = ConversationIds.parse(convId, userId);
        const ok =
          parsed.type === 'GROUP'
            ? parsed.peer.length > 0
            : parsed.members!.includes(userId) && parsed.peer.length > 0;
        if (ok) return { convId, code: 0, message: '' };
      } catch {
        // not a conversation id
      }
      return {
        convId,
        code: ErrorCode.ContactInvalidParameters,
        message: 'not a conversation of the user',
      };
    });
    return {
      valid: [...new Set(results.filter((r) => r.code === 0).map((r) => r.convId))],
      results,
    };
  }

  /** Conversations getting data for the first time keep the user within 1000 (51008). */
  private async checkRoomFor(
    tx: MessageExecutor,
    sdkAppId: number,
    userId: string,
    convIds: string[],
  ): Promise<void> {
    if (convIds.length === 0) return;
    const unique = [...new Set(convIds)];
    const existing = await this.marks.findMarks(sdkAppId, userId, unique, tx);
    checkMarkedCount(
      await this.marks.countMarked(tx, sdkAppId, userId),
      unique.length - existing.length,
    );
  }

  /** `conv.contacts-changed` to the user's devices but the asking one. */
  private tell(
    caller: CallerContext,
    userId: string,
    marks: ContactMarkState[],
    groups: ContactGroupInfo[],
  ): void {
    void this.delivery
      .push([
        {
          sdkAppId: caller.sdkAppId,
          userId,
          exceptConnId: caller.connId,
          cmd: PushCommands.ContactsChanged,
          data: { marks, groups },
        },
      ])
      .catch(() => undefined);
  }
}
