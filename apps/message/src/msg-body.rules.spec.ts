import type { MsgElement } from '@im/contracts';

import { bodySize, checkBody, mapTexts, textsOf } from './msg-body.rules';

const el = (MsgType: MsgElement['MsgType'], MsgContent: Record<string, unknown>): MsgElement => ({
  MsgType,
  MsgContent,
});

describe(checkBody.name, () => {
  it('accepts every element type with its fields (docs/rest-api.md §2.1)', () => {
    const body = [
      el('TIMTextElem', { Text: 'hi' }),
      el('TIMLocationElem', { Desc: 'here', Latitude: 1.5, Longitude: -2 }),
      el('TIMFaceElem', { Index: 3, Data: 'x' }),
      el('TIMCustomElem', { Data: '{}', Desc: 'd', Ext: 'e', Sound: 's' }),
      el('TIMSoundElem', { Url: 'u', UUID: 'id', Size: 10, Second: 2, Download_Flag: 2 }),
      el('TIMImageElem', {
        UUID: 'id',
        ImageFormat: 1,
        ImageInfoArray: [{ Type: 1, Size: 10, Width: 5, Height: 5, URL: 'http://x' }],
      }),
      el('TIMFileElem', { Url: 'u', UUID: 'id', FileSize: 1, FileName: 'f', Download_Flag: 2 }),
      el('TIMVideoFileElem', { VideoUrl: 'v', VideoSize: 1, VideoSecond: 2, ThumbWidth: 3 }),
      el('TIMRelayElem', { anything: true }),
    ];
    expect(checkBody(body)).toBeUndefined();
  });

  it.each([
    ['a text without Text', [el('TIMTextElem', {})], 'MsgBody[0].MsgContent.Text is required'],
    [
      'a location with a string latitude',
      [el('TIMLocationElem', { Latitude: 'n', Longitude: 1 })],
      'Latitude must be a number',
    ],
    [
      'a face with a fractional index',
      [el('TIMFaceElem', { Index: 1.5 })],
      'Index must be an integer',
    ],
    [
      'an image info without URL',
      [el('TIMImageElem', { ImageInfoArray: [{ Type: 1 }] })],
      'ImageInfoArray[0].URL is required',
    ],
    [
      'two custom elements',
      [el('TIMCustomElem', {}), el('TIMCustomElem', {})],
      'at most one TIMCustomElem',
    ],
    [
      'an unknown type',
      [{ MsgType: 'TIMNope', MsgContent: {} } as unknown as MsgElement],
      'MsgType is unknown',
    ],
  ])('finds the layout wrong for %s', (_what, body, message) => {
    expect(checkBody(body)).toEqual({ kind: 'layout', message: expect.stringContaining(message) });
  });

  it('refuses U+0000 anywhere in the body or CloudCustomData, and only that', () => {
    const nul = /U\+0000/;
    expect(checkBody([el('TIMTextElem', { Text: 'a\u0000b' })])?.message).toMatch(nul);
    expect(checkBody([el('TIMCustomElem', { Data: 'x', Ext: '\u0000' })])?.message).toMatch(nul);
    expect(checkBody([el('TIMTextElem', { Text: 'a' })], 'c\u0000')?.message).toMatch(nul);
    expect(checkBody([el('TIMTextElem', { Text: 'the six characters \\u0000' })])).toBeUndefined();
  });

  it('refuses an unpaired surrogate in the body, CloudCustomData or OfflinePushInfo, not a pair', () => {
    const text = (t: string) => [el('TIMTextElem', { Text: t })];
    expect(checkBody(text('a\ud83d'))).toMatchObject({ kind: 'layout' });
    expect(checkBody(text('\udfffa'))).toMatchObject({ kind: 'layout' });
    expect(checkBody(text('a'), '\ud800')).toMatchObject({ kind: 'layout' });
    expect(checkBody(text('a'), undefined, { Desc: 'x\udc00' })).toMatchObject({ kind: 'layout' });
    expect(checkBody(text('a'), undefined, { Ext: 'nul\u0000' })).toMatchObject({ kind: 'layout' });
    expect(checkBody(text('😀 ok'), '😀')).toBeUndefined();
  });

  it('counts OfflinePushInfo toward the 12 KB of the message', () => {
    const body = [el('TIMTextElem', { Text: 'x'.repeat(6 * 1024) })];
    expect(checkBody(body, undefined, { Desc: 'd'.repeat(5 * 1024) })).toBeUndefined();
    expect(checkBody(body, undefined, { Desc: 'd'.repeat(7 * 1024) })).toMatchObject({
      kind: 'too-large',
    });
    expect(checkBody(body, undefined, { Ext: 'e'.repeat(900 * 1024) })).toMatchObject({
      kind: 'too-large',
    });
  });

  it('counts the body as JSON plus CloudCustomData against 12 KB (AMB-36)', () => {
    const body = [el('TIMTextElem', { Text: 'x'.repeat(12 * 1024 - 100) })];
    expect(checkBody(body)).toBeUndefined();
    expect(checkBody(body, 'y'.repeat(60))).toMatchObject({ kind: 'too-large' });
    expect(bodySize([el('TIMTextElem', { Text: 'é' })])).toBe(
      Buffer.byteLength(JSON.stringify([el('TIMTextElem', { Text: 'é' })])),
    );
  });
});

describe(textsOf.name, () => {
  it('takes the texts, not custom data (§9.1)', () => {
    const body = [el('TIMTextElem', { Text: 'a' }), el('TIMCustomElem', { Data: 'b' })];
    expect(textsOf(body)).toEqual(['a']);
    expect(mapTexts(body, (t) => t.toUpperCase())).toEqual([
      el('TIMTextElem', { Text: 'A' }),
      el('TIMCustomElem', { Data: 'b' }),
    ]);
  });
});
