import type { ContractShape, FieldShape } from './contract-shape';

/** A small seeded PRNG (mulberry32): a failing case is reproduced from its seed. */
export class Rng {
  constructor(private state: number) {}

  next(): number {
    this.state = (this.state + 0x6d2b79f5) | 0;
    let t = this.state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  }

  int(n: number): number {
    return Math.floor(this.next() * n);
  }

  pick<T>(items: readonly T[]): T {
    return items[this.int(items.length)];
  }
}

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

/** Text spliced into the JSON as is (what JSON.stringify cannot produce). */
const RAW = '\u0001raw:';
const raw = (text: string): string => `${RAW}${text}\u0001`;

/** Hostile replacements for one field, each a value or raw JSON text. */
const HOSTILE: readonly unknown[] = [
  null,
  true,
  0,
  -1,
  1.5,
  -2147483649,
  2147483648,
  4294967296,
  9007199254740991,
  raw('9223372036854775807'),
  raw('-9223372036854775809'),
  raw('1e400'),
  raw('-0'),
  1e308,
  '',
  ' ',
  'x'.repeat(300),
  'x'.repeat(5000),
  'ä'.repeat(3000),
  'nul\u0000byte',
  raw('"lone \\ud800 surrogate"'),
  raw('"\\udfff"'),
  raw('"\\ud83d"'),
  '😀'.repeat(200),
  "' OR 1=1 --",
  '%s%n%x',
  '../../etc/passwd',
  '<script>alert(1)</script>',
  '__proto__',
  'constructor',
  {},
  [],
  [[[]]],
  { a: { b: { c: { d: {} } } } },
  raw('{"__proto__":{"polluted":1}}'),
  raw('{"constructor":{"prototype":{"polluted":1}}}'),
  raw('[{"__proto__":{"isAdmin":true}}]'),
  raw(`${'['.repeat(40)}${']'.repeat(40)}`),
  raw(`${'{"a":'.repeat(40)}1${'}'.repeat(40)}`),
  raw(`${'['.repeat(20_000)}${']'.repeat(20_000)}`),
  raw(`${'{"a":'.repeat(8_000)}1${'}'.repeat(8_000)}`),
  Array.from({ length: 1000 }, (_, i) => `item-${i}`),
  Array.from({ length: 200 }, () => ({})),
  Array.from({ length: 3000 }, (_, i) => i),
];

/** Commands of the gateway itself, beside `ClientCommands`. */
export const GatewayCommands = ['login', 'logout', 'room.join', 'room.leave'] as const;

const ACCOUNT_FIELD = /userid|^to$|^from$|owner|member|account|peer|target/i;

/** A `data` that passes the contract's rules as far as the shape says. */
export function validData(shape: ContractShape, ids: FuzzIds, rng: Rng): Record<string, unknown> {
  const data: Record<string, unknown> = {};
  for (const f of shape.fields) {
    if (f.optional && rng.next() < 0.5) continue;
    data[f.name] = validValue(f, ids, rng);
  }
  return data;
}

function validValue(f: FieldShape, ids: FuzzIds, rng: Rng): unknown {
  if (f.allowed?.length) return rng.pick(f.allowed);
  if (f.name === 'MsgContent') return { Text: 'fuzz' };
  if (f.name === 'MsgType') return 'TIMTextElem';
  if (/groupid/i.test(f.name)) return ids.groupId;
  if (/convid/i.test(f.name))
    return rng.next() < 0.5
      ? `group:${ids.groupId}`
      : `c2c:${ids.accounts[0].length}:${[...ids.accounts.slice(0, 2)].sort().join(':')}`;
  if (f.name === 'body' && f.kind === 'array')
    return [{ MsgType: 'TIMTextElem', MsgContent: { Text: 'fuzz' } }];
  const one = (kind: FieldShape['kind'] | undefined): unknown => {
    switch (kind) {
      case 'string':
        return ACCOUNT_FIELD.test(f.name) ? rng.pick(ids.accounts) : 'fuzz';
      case 'int':
      case 'number':
        return Math.min(Math.max(1, f.min ?? 1), f.max ?? 1);
      case 'boolean':
        return rng.next() < 0.5;
      case 'nested':
        return f.nested ? validData(f.nested, ids, rng) : {};
      case 'object':
        return {};
      default:
        return ACCOUNT_FIELD.test(f.name) ? rng.pick(ids.accounts) : 'fuzz';
    }
  };
  if (f.kind === 'array') return [one(f.each ?? (f.nested ? 'nested' : 'string'))];
  return one(f.kind);
}

/** The gateway's own commands as shapes (docs/protocol.md §3, §7.5). */
export function gatewayShapes(): { cmd: string; shape: ContractShape }[] {
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
  command: { cmd: string; shape: ContractShape },
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
    data: serialize({ op: 'req', seq, cmd: command.cmd, data: d }),
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
      return req(`${f.name}[0].${inner}=${describeValue(value)}`, data);
    }
  }
  data[f.name] = value;
  return req(`${f.name}=${describeValue(value)}`, data);
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

function serialize(frame: unknown): string {
  return JSON.stringify(frame).replace(
    /"\\u0001raw:((?:[^\\]|\\.)*?)\\u0001"/g,
    (_m, text: string): string => JSON.parse(`"${text}"`) as string,
  );
}

function describeValue(value: unknown): string {
  if (typeof value === 'string') {
    if (value.startsWith(RAW)) return `raw ${value.slice(RAW.length, RAW.length + 40)}`;
    return value.length > 24 ? `string(${value.length})` : JSON.stringify(value);
  }
  if (Array.isArray(value)) return `array(${value.length})`;
  return JSON.stringify(value)?.slice(0, 40) ?? String(value);
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
