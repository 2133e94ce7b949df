import { ConversationIds, ErrorCode, PushCommands } from '@im/contracts';
import type { CallerContext } from '@im/contracts';
import type { AccountsClient } from '@im/platform';

import type { ConversationAccess, ConversationView } from './conversation-access.service';
import type { DeliveryService, PushTarget } from './delivery.service';
import type { MessageRepository } from './message.repository';
import { RoamingDeletionService } from './roaming-deletion.service';
import { ConvTypes, MessageFlags } from './stored-message.model';
import type { StoredMessage } from './stored-message.model';

const CONV = ConversationIds.c2c('alice', 'bob');
const admin: CallerContext = { sdkAppId: 1, callerId: 'admin', role: 'admin', requestId: 'r' };

function stored(seq: number, overrides: Partial<StoredMessage> = {}): StoredMessage {
  return {
    sdkAppId: 1,
    convId: CONV,
    convType: ConvTypes.C2C,
    seq,
    fromId: 'bob',
    toId: 'alice',
    msgTime: 1_000 + seq,
    storedAt: 0,
    random: 100 + seq,
    clientSeq: seq,
    dedupeKey: null,
    body: [],
    cloudCustomData: null,
    extra: null,
    flags: 0,
    hiddenFrom: null,
    expiresAt: null,
    editedAt: null,
    ...overrides,
  };
}
const keyOf = (m: StoredMessage) => `${m.clientSeq}_${m.random}_${m.msgTime}`;

/** The rules of one-way deletion, over an in-memory conversation. */
describe(RoamingDeletionService.name, () => {
  let rows: StoredMessage[];
  let pushes: PushTarget[];
  let sut: RoamingDeletionService;

  beforeEach(() => {
    rows = [
      stored(1),
      stored(2, { hiddenFrom: 'alice' }),
      stored(3, { flags: MessageFlags.deleted }),
      stored(4),
    ];
    pushes = [];
    const view: ConversationView = {
      sdkAppId: 1,
      convId: CONV,
      type: 'C2C',
      viewer: 'alice',
      peer: 'bob',
      oldestTime: 0,
      roamingDays: 7,
      isRoom: false,
      joinedAt: 0,
    };
    const messages = {
      findByKey: (_a: number, _c: string, random: number, time: number) =>
        Promise.resolve(rows.filter((m) => m.random === random && m.msgTime === time)),
      hideFrom: (_a: number, _c: string, seqs: number[], userId: string) => {
        const changed = rows.filter((m) => seqs.includes(m.seq) && m.hiddenFrom !== userId);
        for (const m of changed) m.hiddenFrom = userId;
        return Promise.resolve(changed.map((m) => m.seq));
      },
    } as unknown as MessageRepository;
    const accounts = {
      exists: (_a: number, id: string) => Promise.resolve(id !== 'ghost'),
    } as unknown as AccountsClient;
    const access = { view: () => Promise.resolve(view) } as unknown as ConversationAccess;
    const delivery = {
      push: (targets: PushTarget[]) => Promise.resolve(void pushes.push(...targets)),
    } as unknown as DeliveryService;
    sut = new RoamingDeletionService(access, messages, accounts, delivery);
  });

  const del = (msgKeys: string[], userId = 'alice', peerId = 'bob') =>
    sut.deleteC2c(admin, { userId, peerId, msgKeys });

  it('hides what the operator sees and lists every other key as invalid, once each', async () => {
    const [one, two, three, four] = rows.map(keyOf);
    const reply = await del([one, two, three, 'junk', '1_2_3', one, four]);
    expect(reply.invalidMsgKeys).toEqual([two, three, 'junk', '1_2_3']);
    expect(rows.filter((m) => m.hiddenFrom === 'alice').map((m) => m.seq)).toEqual([1, 2, 4]);
    await new Promise((resolve) => setImmediate(resolve));
    expect(pushes).toEqual([
      {
        sdkAppId: 1,
        userId: 'alice',
        cmd: PushCommands.MessagesDeleted,
        data: { convId: CONV, seqs: [1, 4] },
      },
    ]);
  });

  it('pushes nothing when nothing changed', async () => {
    expect((await del(['junk'])).invalidMsgKeys).toEqual(['junk']);
    await new Promise((resolve) => setImmediate(resolve));
    expect(pushes).toEqual([]);
  });

  it('refuses unknown accounts and callers who are not the App admin', async () => {
    await expect(del(['junk'], 'ghost')).rejects.toMatchObject({
      code: ErrorCode.FromAccountInvalid,
    });
    await expect(del(['junk'], 'alice', 'ghost')).rejects.toMatchObject({
      code: ErrorCode.ToAccountInvalid,
    });
    await expect(
      sut.deleteC2c({ ...admin, role: 'user' }, { userId: 'alice', peerId: 'bob', msgKeys: [] }),
    ).rejects.toMatchObject({ code: ErrorCode.OpenimAdminRequired });
  });
});
