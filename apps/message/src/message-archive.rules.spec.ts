import { createHash } from 'node:crypto';
import { gunzipSync } from 'node:zlib';

import {
  ARCHIVE_RETENTION_SECONDS,
  archiveHourProblem,
  archiveLine,
  ArchiveFileBuilder,
  parseArchiveHour,
} from './message-archive.rules';
import type { BuiltArchiveFile } from './message-archive.rules';
import { ConvTypes } from './stored-message.model';
import type { StoredMessage } from './stored-message.model';

const message = (overrides: Partial<StoredMessage> = {}): StoredMessage => ({
  sdkAppId: 1,
  convId: 'c2c:alice:bob',
  convType: ConvTypes.C2C,
  seq: 9,
  fromId: 'alice',
  toId: 'bob',
  msgTime: 1_700_000_000,
  storedAt: 1_700_000_000_000,
  random: 42,
  clientSeq: 7,
  dedupeKey: null,
  body: [{ MsgType: 'TIMTextElem', MsgContent: { Text: 'hi' } }],
  cloudCustomData: null,
  extra: null,
  flags: 0,
  hiddenFrom: null,
  expiresAt: null,
  editedAt: null,
  ...overrides,
});

describe(parseArchiveHour.name, () => {
  it('reads YYYYMMDDHH as the start of that UTC hour', () => {
    expect(parseArchiveHour('2015120121')).toBe(Date.UTC(2015, 11, 1, 21) / 1000);
    expect(parseArchiveHour('2024022900')).toBe(Date.UTC(2024, 1, 29, 0) / 1000);
  });

  it.each([
    '2015120124',
    '2023022900',
    '2015130101',
    '2015120021',
    '201512012',
    '20151201211',
    'x',
  ])('refuses %s', (text) => expect(parseArchiveHour(text)).toBeUndefined());
});

describe(archiveHourProblem.name, () => {
  const hour = Date.UTC(2026, 0, 10, 5) / 1000;

  it('accepts an hour once it has ended, within the retention', () => {
    expect(archiveHourProblem(hour, hour + 3600)).toBeUndefined();
    expect(archiveHourProblem(hour, hour + ARCHIVE_RETENTION_SECONDS)).toBeUndefined();
  });

  it('refuses the current hour, future hours and hours past the retention', () => {
    expect(archiveHourProblem(hour, hour + 3599)).toMatch(/not ended/);
    expect(archiveHourProblem(hour, hour - 10)).toMatch(/not ended/);
    expect(archiveHourProblem(hour, hour + ARCHIVE_RETENTION_SECONDS + 1)).toMatch(/7 days/);
  });
});

describe(archiveLine.name, () => {
  it('writes a C2C message with its MsgKey, one JSON line', () => {
    const line = archiveLine(message({ cloudCustomData: 'cc' }));
    expect(line.endsWith('\n')).toBe(true);
    expect(JSON.parse(line)).toEqual({
      ChatType: 'C2C',
      MsgTimestamp: 1_700_000_000,
      From_Account: 'alice',
      To_Account: 'bob',
      MsgSeq: 7,
      MsgRandom: 42,
      MsgKey: '7_42_1700000000',
      MsgBody: [{ MsgType: 'TIMTextElem', MsgContent: { Text: 'hi' } }],
      CloudCustomData: 'cc',
    });
  });

  it('writes a group message with its GroupId and group seq', () => {
    const line = JSON.parse(
      archiveLine(message({ convType: ConvTypes.GROUP, convId: 'group:g1', toId: 'g1' })),
    );
    expect(line).toMatchObject({ ChatType: 'Group', GroupId: 'g1', MsgSeq: 9 });
    expect(line).not.toHaveProperty('To_Account');
    expect(line).not.toHaveProperty('MsgKey');
    expect(line).not.toHaveProperty('CloudCustomData');
  });
});

describe(ArchiveFileBuilder.name, () => {
  const md5 = (b: Buffer) => createHash('md5').update(b).digest('hex');

  it('cuts files at the size bound, numbers them, and describes each truthfully', () => {
    const sut = new ArchiveFileBuilder(25);
    const files: BuiltArchiveFile[] = [];
    for (const line of ['a'.repeat(9) + '\n', 'b'.repeat(9) + '\n', 'c'.repeat(9) + '\n']) {
      const done = sut.add(line);
      if (done) files.push(done);
    }
    files.push(sut.finish()!);
    expect(sut.finish()).toBeUndefined();
    expect(files.map((f) => f.part)).toEqual([0, 1]);
    const texts = files.map((f) => gunzipSync(f.gzip).toString());
    expect(texts).toEqual([`${'a'.repeat(9)}\n${'b'.repeat(9)}\n`, `${'c'.repeat(9)}\n`]);
    for (const f of files) {
      const raw = gunzipSync(f.gzip);
      expect(f).toMatchObject({
        fileSize: raw.length,
        fileMd5: md5(raw),
        gzipSize: f.gzip.length,
        gzipMd5: md5(f.gzip),
      });
    }
  });

  it('gives a line longer than the bound a file of its own', () => {
    const sut = new ArchiveFileBuilder(4);
    expect(sut.add('0123456789\n')).toBeUndefined();
    const first = sut.add('x\n');
    expect(first?.fileSize).toBe(11);
    expect(sut.finish()?.fileSize).toBe(2);
  });
});
