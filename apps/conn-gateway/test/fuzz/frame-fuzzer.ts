import {
  describeFuzzValue,
  HOSTILE_VALUES,
  raw,
  Rng,
  serializeFuzzed,
  validObject,
} from '@im/testing';
import type { ClassShape, FieldShape, ValidIds } from '@im/testing';

/** Real IDs and credentials the frames use, so a valid frame reaches the services' rules. */
export interface FuzzIds {
  sdkAppId: number;
  accounts: string[];
  groupId: string;
  roomId: string;
  /** A valid UserSig per account. */
  userSigs: Record<string, string>;
}

/** One frame to send. */
export interface FrameCase {
  /** What was done, for the report. */
  mutation: string;
  /** The command the frame is about (`frame` for whole-frame cases). */
  command: string;
  data: string | Buffer;
  /** `text`: a text frame; `binary`: a binary frame; `raw-text`: a text frame of these bytes. */
  kind: 'text' | 'binary' | 'raw-text';
}

/** Hostile replacements for one field, each a value or raw JSON text. */
const HOSTILE: readonly unknown[] = [
  ...HOSTILE_VALUES,
  raw('-0'),
  raw('"\\ud83d"'),
  '__proto__',
  'constructor',
  raw('{"constructor":{"prototype":{"polluted":1}}}'),
  raw('[{"__proto__":{"isAdmin":true}}]'),
  raw(`${'['.repeat(20_000)}${']'.repeat(20_000)}`),
  raw(`${'{"a":'.repeat(8_000)}1${'}'.repeat(8_000)}`),
  Array.from({ length: 3000 }, (_, i) => i),
];

/** Commands of the gateway itself, beside `ClientCommands`. */
export const GatewayCommands = ['login', 'logout', 'room.join', 'room.leave'] as const;

const ACCOUNT_FIELD = /userid|^to$|^from$|owner|member|account|peer|target/i;

/** A `data` that passes the contract's rules as far as the shape says. */
export function validData(shape: ClassShape, ids: FuzzIds, rng: Rng): Record<string, unknown> {
  return validObject(shape, ids, rng, {
    accountField: ACCOUNT_FIELD,
    special,
    randomBooleans: true,
  });
}

/** The frames' own field rules: message types and bodies, conversation IDs. */
function special(f: FieldShape, ids: ValidIds, rng: Rng): unknown {
  if (f.name === 'MsgType') return 'TIMTextElem';
  if (/convid/i.test(f.name))
    return rng.next() < 0.5
      ? `group:${ids.groupId}`
      : `c2c:${ids.accounts[0].length}:${[...ids.accounts.slice(0, 2)].sort().join(':')}`;
  if (f.name === 'body' && f.kind === 'array')
    return [{ MsgType: 'TIMTextElem', MsgContent: { Text: 'fuzz' } }];
  return undefined;
}

/** The gateway's own commands as shapes (docs/protocol.md §3, §7.5). */
export function gatewayShapes(): { cmd: string; shape: ClassShape }[] {
  const s = (name: string, optional = false, kind: FieldShape['kind'] = 'string'): FieldShape => ({
    name,
    optional,
    kind,
  });
  return [
    {
      cmd: 'login',
      shape: {
        name: 'login',
        fields: [
          s('sdkAppId', false, 'int'),
          s('userId'),
          s('userSig'),
          { ...s('platform'), allowed: ['iPhone', 'Android', 'Web', 'PC', 'iPad', 'Mac'] },
          s('guest', true, 'boolean'),
        ],
      },
    },
    { cmd: 'logout', shape: { name: 'logout', fields: [] } },
    { cmd: 'room.join', shape: { name: 'room.join', fields: [s('groupId')] } },
    { cmd: 'room.leave', shape: { name: 'room.leave', fields: [s('groupId')] } },
  ];
}

/** Whole frames that are not a readable request (`S` = a seq of the fuzzer's). */
function wholeFrames(seq: number, ids: FuzzIds): FrameCase[] {
  const t = (mutation: string, data: string): FrameCase => ({
    mutation,
    command: 'frame',
    data,
    kind: 'text',
  });
  const deepData = `${'['.repeat(30_000)}${']'.repeat(30_000)}`;
  return [
    t('empty text', ''),
    t('null', 'null'),
    t('a number', '1'),
    t('a string', '"x"'),
    t('an array', '[]'),
    t('broken JSON', '{'),
    t('not JSON', 'hello'),
    t('BOM before JSON', '\ufeff{"op":"ping"}'),
    t('req without seq', '{"op":"req","cmd":"profile.get","data":{}}'),
    t('req without cmd', `{"op":"req","seq":${seq}}`),
    t('cmd a number', `{"op":"req","seq":${seq},"cmd":7}`),
    t('data an array', `{"op":"req","seq":${seq},"cmd":"profile.get","data":[]}`),
    t('data a string', `{"op":"req","seq":${seq},"cmd":"profile.get","data":"x"}`),
    t('data null', `{"op":"req","seq":${seq},"cmd":"profile.get","data":null}`),
    t('unknown op with seq', `{"op":"subscribe","seq":${seq}}`),
    t('op a number', `{"op":1,"seq":${seq}}`),
    t('op __proto__', `{"op":"__proto__","seq":${seq}}`),
    t('frame __proto__', `{"__proto__":{"op":"ping"},"seq":${seq}}`),
    t('seq negative', '{"op":"req","seq":-1,"cmd":"profile.get","data":{}}'),
    t('seq fractional', '{"op":"req","seq":1.5,"cmd":"profile.get","data":{}}'),
    t('seq 2^32', '{"op":"req","seq":4294967296,"cmd":"profile.get","data":{}}'),
    t('seq 1e400', '{"op":"req","seq":1e400,"cmd":"profile.get","data":{}}'),
    t('seq 2^63', '{"op":"req","seq":9223372036854775807,"cmd":"profile.get","data":{}}'),
    t('seq a string', '{"op":"req","seq":"1","cmd":"profile.get","data":{}}'),
    t('cmd __proto__', `{"op":"req","seq":${seq},"cmd":"__proto__","data":{}}`),
    t('cmd constructor', `{"op":"req","seq":${seq},"cmd":"constructor","data":{}}`),
    t('cmd toString', `{"op":"req","seq":${seq},"cmd":"toString","data":{}}`),
    t('cmd hasOwnProperty', `{"op":"req","seq":${seq},"cmd":"hasOwnProperty","data":{}}`),
    t('cmd 5000 chars', `{"op":"req","seq":${seq},"cmd":"${'c'.repeat(5000)}","data":{}}`),
    t('cmd lone surrogate', `{"op":"req","seq":${seq},"cmd":"\\ud800","data":{}}`),
    t('cmd empty', `{"op":"req","seq":${seq},"cmd":"","data":{}}`),
    t(
      'data __proto__',
      `{"op":"req","seq":${seq},"cmd":"profile.get","data":{"__proto__":{"userIds":["x"]}}}`,
    ),
    t(
      'data nested 30,000 deep',
      `{"op":"req","seq":${seq},"cmd":"msg.send-c2c","data":{"to":${deepData}}}`,
    ),
    t('frame nested 30,000 deep', `${'['.repeat(30_000)}${']'.repeat(30_000)}`),
    t('ping with extra fields', `{"op":"ping","seq":${seq},"x":${'1'.repeat(400)}}`),
    t('batch not an array', '{"op":"batch","frames":{}}'),
    t(
      'batch nested in batch',
      `{"op":"batch","frames":[{"op":"batch","frames":[{"op":"req","seq":${seq},"cmd":"profile.get","data":{}}]}]}`,
    ),
    t(
      'batch of 300 requests',
      JSON.stringify({
        op: 'batch',
        frames: Array.from({ length: 300 }, (_, i) => ({
          op: 'req',
          seq: seq + i,
          cmd: 'profile.get',
          data: { userIds: [ids.accounts[0]] },
        })),
      }),
    ),
    t(
      'batch of 2000 pings',
      JSON.stringify({ op: 'batch', frames: Array(2000).fill({ op: 'ping' }) }),
    ),
    t('batch of junk', `{"op":"batch","frames":[null,1,"x",[],{"op":"req","seq":${seq}}]}`),
    t('frame of 70 KB', JSON.stringify({ op: 'ping', pad: 'x'.repeat(70 * 1024) })),
    t(
      'login with 60 KB fields',
      JSON.stringify({
        op: 'req',
        seq,
        cmd: 'login',
        data: {
          sdkAppId: ids.sdkAppId,
          userId: 'u'.repeat(30_000),
          userSig: 's'.repeat(30_000),
          platform: 'Web',
        },
      }),
    ),
    {
      mutation: 'binary frame',
      command: 'frame',
      data: Buffer.from('{"op":"ping"}'),
      kind: 'binary',
    },
    {
      mutation: 'invalid UTF-8 in a text frame',
      command: 'frame',
      data: Buffer.from([0x7b, 0x22, 0x6f, 0x70, 0x22, 0x3a, 0x22, 0xff, 0xfe, 0xc3, 0x22, 0x7d]),
      kind: 'raw-text',
    },
    {
      mutation: 'overlong UTF-8 in a text frame',
      command: 'frame',
      data: Buffer.from([0x22, 0xc0, 0xaf, 0x22]),
      kind: 'raw-text',
    },
    {
      mutation: 'encoded surrogate in a text frame',
      command: 'frame',
      data: Buffer.from([0x22, 0xed, 0xa0, 0x80, 0x22]),
      kind: 'raw-text',
    },
  ];
}

/**
 * One frame for the command: mostly a request whose `data` has one field made hostile,
 * sometimes a valid one, sometimes a whole frame that is not a readable request at all.
 */
export function frameCase(
  command: { cmd: string; shape: ClassShape },
  ids: FuzzIds,
  seq: number,
  rng: Rng,
): FrameCase {
  const roll = rng.next();
  if (roll < 0.1) return rng.pick(wholeFrames(seq, ids));
  const data = validData(command.shape, ids, rng);
  if (command.cmd.startsWith('room.') && data.groupId !== undefined) data.groupId = ids.roomId;
  if (command.cmd === 'login') {
    data.sdkAppId = ids.sdkAppId;
    const userId = rng.pick(ids.accounts);
    data.userId = userId;
    data.userSig = ids.userSigs[userId];
  }
  const req = (mutation: string, d: unknown): FrameCase => ({
    mutation,
    command: command.cmd,
    data: serializeFuzzed({ op: 'req', seq, cmd: command.cmd, data: d }),
    kind: 'text',
  });
  if (roll < 0.18 || command.shape.fields.length === 0) {
    if (command.shape.fields.length === 0 && roll >= 0.18)
      return req('unknown field', { [`unknown_${rng.int(1000)}`]: rng.pick(HOSTILE) });
    return req('valid', data);
  }
  const f = rng.pick(command.shape.fields);
  if (roll < 0.26) {
    delete data[f.name];
    return req(`without ${f.name}`, data);
  }
  if (roll < 0.31) {
    data[`unknown_${rng.int(1000)}`] = rng.pick(HOSTILE);
    return req('unknown field', data);
  }
  const value = rng.pick(HOSTILE);
  const target = data[f.name];
  const nested = Array.isArray(target) ? (target[0] as unknown) : target;
  if (nested && typeof nested === 'object' && rng.next() < 0.5) {
    const inner = f.nested ? rng.pick(f.nested.fields)?.name : rng.pick(Object.keys(nested));
    if (inner) {
      (nested as Record<string, unknown>)[inner] = value;
      return req(`${f.name}[0].${inner}=${describeFuzzValue(value)}`, data);
    }
  }
  data[f.name] = value;
  return req(`${f.name}=${describeFuzzValue(value)}`, data);
}

/**
 * Frames that once ended in an internal error (found by this fuzzer), sent by the logged-in
 * users before the random frames of every run, so the short form keeps them fixed.
 */
export function regressionFrames(ids: FuzzIds, seq: () => number): FrameCase[] {
  const [a, b] = ids.accounts;
  const convId = `c2c:${a.length}:${[a, b].sort().join(':')}`;
  const text = [{ MsgType: 'TIMTextElem', MsgContent: { Text: 'fuzz' } }];
  const req = (cmd: string, mutation: string, data: string): FrameCase => ({
    mutation,
    command: cmd,
    data: `{"op":"req","seq":${seq()},"cmd":"${cmd}","data":${data}}`,
    kind: 'text',
  });
  const deep = `${'['.repeat(20_000)}${']'.repeat(20_000)}`;
  return [
    req('friend.get', 'userId nested 20,000 deep', `{"userId":${deep}}`),
    req('msg.send-c2c', 'unknown field nested 20,000 deep', `{"to":"${b}","random":1,"x":${deep}}`),
    req('msg.sync', 'cursor=1e308', '{"cursor":1e308,"limit":1}'),
    req('msg.sync', 'cursor=2^63-1', '{"cursor":9223372036854775807}'),
    req('msg.pull', 'fromSeq=2^63-1', `{"convId":"${convId}","fromSeq":9223372036854775807}`),
    req('msg.recall', 'seq=2^63-1', `{"convId":"${convId}","seq":9223372036854775807}`),
    req('notify.get', 'afterId=2^63-1', '{"afterId":9223372036854775807}'),
    req('friend-request.list', 'startIndex=1e308', '{"direction":"outgoing","startIndex":1e308}'),
    req('blacklist.get', 'startIndex=1e308', '{"startIndex":1e308,"maxCount":1}'),
    req('friend.sync', 'sinceSequence=2^63-1', '{"sinceSequence":9223372036854775807}'),
    req(
      'msg.send-c2c',
      'cloudCustomData a lone surrogate',
      `{"to":"${b}","random":2,"body":${JSON.stringify(text)},"cloudCustomData":"\ud83d"}`,
    ),
    req(
      'msg.send-c2c',
      'OfflinePushInfo of 40 KB',
      `{"to":"${b}","random":3,"body":${JSON.stringify(text)},"offlinePush":{"Ext":"${'e'.repeat(40_000)}"}}`,
    ),
    req('profile.set', 'items an array of arrays', '{"items":[[[]]]}'),
    req('push.unregister-device', 'token with U+0000', '{"provider":"fcm","token":"nul\u0000"}'),
    req(
      'group.get-muted',
      'groupId of 5,000 characters (echoed)',
      `{"groupId":"${'g'.repeat(5000)}"}`,
    ),
  ];
}

/** Whether the gateway must answer a request with this `seq` (docs/protocol.md §2: a uint32). */
export function isSeq(value: unknown): value is number {
  return typeof value === 'number' && Number.isInteger(value) && value >= 0 && value <= 0xffffffff;
}

/**
 * The answers a frame must get, read as the gateway reads it (docs/protocol.md §2): `res` for
 * each readable seq (a request, or an unknown op with a seq), `pong` for each ping, the frames
 * of a batch one level deep. Nothing for what is not JSON, not an object, or has no seq.
 */
export function expectedAnswers(c: FrameCase): { seqs: number[]; pongs: number } {
  const out = { seqs: [] as number[], pongs: 0 };
  if (c.kind !== 'text') return out;
  let frame: unknown;
  try {
    frame = JSON.parse(c.data.toString());
  } catch {
    return out;
  }
  const visit = (f: unknown, mayBatch: boolean) => {
    if (typeof f !== 'object' || f === null) return;
    const { op, seq, frames } = f as { op?: unknown; seq?: unknown; frames?: unknown };
    if (op === 'ping') out.pongs++;
    else if (op === 'batch') {
      if (mayBatch && Array.isArray(frames)) for (const inner of frames) visit(inner, false);
    } else if (isSeq(seq)) out.seqs.push(seq);
  };
  visit(frame, true);
  return out;
}
