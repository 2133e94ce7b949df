import { deflateRawSync, gzipSync } from 'node:zlib';

import { DomainError, ErrorCode } from '@im/contracts';

import { decodeUserSig, encodeUserSigDocument, MAX_USER_SIG_LENGTH } from './user-sig.codec';
import { UserSigError } from './user-sig.errors';
import {
  encodeDocument,
  makeSignedDocument,
  VECTOR_1,
  VECTOR_1_JSON,
  VECTOR_3,
  VECTOR_4,
  VECTOR_SDK_APP_ID,
  VECTOR_TIME,
} from './user-sig.fixture';

function decodeFailureCode(userSig: string): number | undefined {
  try {
    decodeUserSig(userSig);
    return undefined;
  } catch (error) {
    if (error instanceof UserSigError) return error.code;
    throw error;
  }
}

/** Base64 with the UserSig substitution, no zlib: for inputs that must fail at inflate. */
function toUserSigAlphabet(bytes: Buffer): string {
  return bytes.toString('base64').replace(/\+/g, '*').replace(/\//g, '-').replace(/=/g, '_');
}

describe(decodeUserSig.name, () => {
  it('decodes vector 1 into its claims and TLS.sig', () => {
    expect(decodeUserSig(VECTOR_1.userSig)).toEqual({
      version: '2.0',
      identifier: 'administrator',
      sdkAppId: VECTOR_SDK_APP_ID,
      issuedAt: VECTOR_TIME,
      expireSeconds: 86400,
      sig: VECTOR_1.sig,
    });
  });

  it('returns no userbuf member when the document has none', () => {
    expect(decodeUserSig(VECTOR_1.userSig)).not.toHaveProperty('userbuf');
  });

  it('returns TLS.userbuf as found for vector 3', () => {
    expect(decodeUserSig(VECTOR_3.userSig)).toMatchObject({ userbuf: 'AQID', sig: VECTOR_3.sig });
  });

  it('decodes vector 4: stored zlib blocks, other member order and a trailing newline', () => {
    expect(decodeUserSig(VECTOR_4.userSig)).toEqual({
      version: '2.0',
      identifier: 'user1',
      sdkAppId: VECTOR_SDK_APP_ID,
      issuedAt: VECTOR_TIME,
      expireSeconds: 86400,
      sig: VECTOR_4.sig,
    });
  });

  it('accepts a UserSig whose `_` padding was stripped', () => {
    const unpadded = VECTOR_4.userSig.replace(/_+$/, '');
    expect(unpadded).not.toBe(VECTOR_4.userSig);
    expect(decodeUserSig(unpadded)).toEqual(decodeUserSig(VECTOR_4.userSig));
  });

  it('accepts the standard base64 alphabet as well as the substituted one', () => {
    const standard = VECTOR_1.userSig.replace(/\*/g, '+').replace(/-/g, '/').replace(/_/g, '=');
    expect(standard).not.toBe(VECTOR_1.userSig);
    expect(decodeUserSig(standard)).toEqual(decodeUserSig(VECTOR_1.userSig));
  });

  it('accepts Python-style whitespace and any member order', () => {
    const json =
      '{"TLS.sig": "' +
      VECTOR_1.sig +
      '", "TLS.expire": 86400, "TLS.time": 1700000000, "TLS.sdkappid": 1400000000, ' +
      '"TLS.identifier": "administrator", "TLS.ver": "2.0"}\n';
    expect(decodeUserSig(encodeDocument(json))).toEqual(decodeUserSig(VECTOR_1.userSig));
  });

  it('ignores unknown members', () => {
    const document = { ...makeSignedDocument(), 'TLS.extra': [1, 2, 3] };
    expect(decodeUserSig(encodeDocument(document))).not.toHaveProperty('TLS.extra');
  });

  it('accepts a TLS.sdkappid given as a decimal string and returns it as a number', () => {
    const document = { ...makeSignedDocument(), 'TLS.sdkappid': '1400000000' };
    expect(decodeUserSig(encodeDocument(document)).sdkAppId).toBe(VECTOR_SDK_APP_ID);
  });

  it('decodes identifiers with JSON escapes and non-ASCII text', () => {
    const identifier = 'a"b\\c/用户😀';
    const userSig = encodeDocument(makeSignedDocument({ identifier }));
    expect(decodeUserSig(userSig).identifier).toBe(identifier);
  });

  it('throws UserSigEmpty for an empty string', () => {
    expect(decodeFailureCode('')).toBe(ErrorCode.UserSigEmpty);
  });

  it('throws a UserSigError that is a DomainError in the forbidden category', () => {
    const error = (() => {
      try {
        decodeUserSig('!');
      } catch (caught) {
        return caught;
      }
      return undefined;
    })();
    expect(error).toBeInstanceOf(UserSigError);
    expect(error).toBeInstanceOf(DomainError);
    expect(error).toMatchObject({
      name: 'UserSigError',
      code: ErrorCode.UserSigUndecodable,
      category: 'forbidden',
    });
  });

  // 1 MB of spaces inside a JSON string: about 1 KB compressed, well under the length cap.
  const bomb = encodeUserSigDocument(`{"TLS.sig":"${' '.repeat(1_000_000)}"}`);

  it('builds a bomb short enough to pass the length cap', () => {
    expect(bomb.length).toBeLessThan(MAX_USER_SIG_LENGTH);
  });

  it.each<[string, string]>([
    ['characters outside the alphabet', 'eJyr!VgrxCdYr'],
    ['whitespace', `${VECTOR_1.userSig.slice(0, 20)} ${VECTOR_1.userSig.slice(20)}`],
    ['padding in the middle', 'eJy_rVgr'],
    ['more than two padding characters', 'eJyrV___'],
    ['a length that is 1 mod 4 without padding', 'eJyrV'],
    ['padding only', '__'],
    ['over the length cap', 'A'.repeat(MAX_USER_SIG_LENGTH + 4)],
    ['bytes that are not zlib', toUserSigAlphabet(Buffer.from('hello, world'))],
    ['raw deflate instead of zlib', toUserSigAlphabet(deflateRawSync(Buffer.from(VECTOR_1_JSON)))],
    ['gzip instead of zlib', toUserSigAlphabet(gzipSync(Buffer.from(VECTOR_1_JSON)))],
    ['a truncated zlib stream', VECTOR_1.userSig.slice(0, 100)],
    ['a decompression bomb', bomb],
    ['invalid UTF-8', encodeUserSigDocument(Buffer.from([0x7b, 0xff, 0xfe, 0x7d]))],
    ['text that is not JSON', encodeUserSigDocument('TLS.sig=abc')],
    ['JSON null', encodeUserSigDocument('null')],
    ['a JSON array', encodeUserSigDocument(JSON.stringify([VECTOR_1_JSON]))],
    ['a JSON string', encodeUserSigDocument(JSON.stringify(VECTOR_1_JSON))],
    ['a JSON number', encodeUserSigDocument('42')],
  ])('throws UserSigUndecodable for %s', (_case, userSig) => {
    expect(userSig.length).toBeGreaterThan(0);
    expect(decodeFailureCode(userSig)).toBe(ErrorCode.UserSigUndecodable);
  });

  it.each(['TLS.sig', 'TLS.ver', 'TLS.identifier', 'TLS.sdkappid', 'TLS.time', 'TLS.expire'])(
    'throws UserSigUndecodable when %s is missing',
    (member) => {
      const document = makeSignedDocument();
      delete document[member];
      expect(decodeFailureCode(encodeDocument(document))).toBe(ErrorCode.UserSigUndecodable);
    },
  );

  it.each<[string, unknown]>([
    ['TLS.sig', 42],
    ['TLS.sig', null],
    ['TLS.sig', ['abc']],
    ['TLS.ver', 2],
    ['TLS.identifier', 12345],
    ['TLS.identifier', null],
    ['TLS.sdkappid', 'abc'],
    ['TLS.sdkappid', '-1400000000'],
    ['TLS.sdkappid', '1.4e9'],
    ['TLS.sdkappid', 1400000000.5],
    ['TLS.sdkappid', true],
    ['TLS.time', '1700000000'],
    ['TLS.time', 1700000000.5],
    ['TLS.time', -1],
    ['TLS.time', 1e21],
    ['TLS.time', null],
    ['TLS.expire', '86400'],
    ['TLS.expire', 1.5],
    ['TLS.expire', -86400],
    ['TLS.expire', {}],
    ['TLS.userbuf', 123],
    ['TLS.userbuf', null],
  ])('throws UserSigUndecodable when %s is %j', (member, value) => {
    const document = { ...makeSignedDocument(), [member]: value };
    expect(decodeFailureCode(encodeDocument(document))).toBe(ErrorCode.UserSigUndecodable);
  });
});
