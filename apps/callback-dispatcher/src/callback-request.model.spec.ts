import {
  beforeCallbackBodyText,
  callbackEventId,
  callbackSign,
  callbackUrl,
} from './callback-request.model';

describe(callbackSign.name, () => {
  it('is hex sha256 of token + RequestTime, as in the documented example', () => {
    expect(callbackSign('xxxxyyyy', 1669872112)).toBe(
      '17773bc39a671d7b9aa835458704d2a6db81360a5940292b587d6d760d484061',
    );
  });

  it('hashes the token as UTF-8', () => {
    expect(callbackSign('tök', 1)).not.toBe(callbackSign('tok', 1));
    expect(callbackSign('tök', 1)).toMatch(/^[0-9a-f]{64}$/);
  });
});

describe(callbackUrl.name, () => {
  const query = {
    sdkAppId: 1400000001,
    command: 'C2C.CallbackBeforeSendMsg' as const,
    clientIp: '10.0.0.7',
    platform: 'Android' as const,
    requestTime: 1669872112,
  };

  it('appends SdkAppid, CallbackCommand, contenttype, ClientIP, OptPlatform in that order', () => {
    expect(callbackUrl('http://123.123.123.123/imcallback', query)).toBe(
      'http://123.123.123.123/imcallback?SdkAppid=1400000001&CallbackCommand=C2C.CallbackBeforeSendMsg' +
        '&contenttype=json&ClientIP=10.0.0.7&OptPlatform=Android',
    );
  });

  it('adds Sign and RequestTime when a token is configured', () => {
    const url = new URL(callbackUrl('https://app.example/cb', { ...query, token: 'xxxxyyyy' }));

    expect(url.searchParams.get('Sign')).toBe(callbackSign('xxxxyyyy', 1669872112));
    expect(url.searchParams.get('RequestTime')).toBe('1669872112');
    expect([...url.searchParams.keys()]).toEqual([
      'SdkAppid',
      'CallbackCommand',
      'contenttype',
      'ClientIP',
      'OptPlatform',
      'Sign',
      'RequestTime',
    ]);
  });

  it('keeps the query the configured URL already has and drops a fragment', () => {
    expect(callbackUrl('http://h/cb?key=a%20b#frag', query)).toMatch(
      /^http:\/\/h\/cb\?key=a%20b&SdkAppid=1400000001&/,
    );
    expect(callbackUrl('http://h/cb?', query)).toMatch(/^http:\/\/h\/cb\?SdkAppid=/);
  });

  it('encodes an empty ClientIP as an empty value', () => {
    expect(callbackUrl('http://h/cb', { ...query, clientIp: '' })).toContain('&ClientIP=&');
  });
});

describe(callbackEventId.name, () => {
  const eventId = '2f1c1a4e-52c8-4c1f-9c7a-8f1d2a3b4c5d';

  it('is a version-5-style UUID, the same for the same event and command', () => {
    const id = callbackEventId(eventId, 'Sns.CallbackBlackListAdd');

    expect(id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-5[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(callbackEventId(eventId, 'Sns.CallbackBlackListAdd')).toBe(id);
  });

  it('differs between the callbacks of one event and between events', () => {
    const add = callbackEventId(eventId, 'Sns.CallbackBlackListAdd');

    expect(callbackEventId(eventId, 'Sns.CallbackBlackListDelete')).not.toBe(add);
    expect(callbackEventId(eventId.replace('2f', '3f'), 'Sns.CallbackBlackListAdd')).not.toBe(add);
  });
});

describe(beforeCallbackBodyText.name, () => {
  it('puts CallbackCommand first and adds EventTime when missing', () => {
    const text = beforeCallbackBodyText(
      'Group.CallbackBeforeApplyJoinGroup',
      { GroupId: 'g', Type: 'Public', Requestor_Account: 'u' },
      1700000000123,
    );

    expect(text).toBe(
      '{"CallbackCommand":"Group.CallbackBeforeApplyJoinGroup","GroupId":"g","Type":"Public",' +
        '"Requestor_Account":"u","EventTime":1700000000123}',
    );
  });

  it('keeps a given EventTime and overrides a CallbackCommand in the body', () => {
    const body = JSON.parse(
      beforeCallbackBodyText(
        'Group.CallbackBeforeApplyJoinGroup',
        { CallbackCommand: 'x', EventTime: 5, GroupId: 'g' },
        9,
      ),
    ) as Record<string, unknown>;

    expect(body).toEqual({
      CallbackCommand: 'Group.CallbackBeforeApplyJoinGroup',
      EventTime: 5,
      GroupId: 'g',
    });
    expect(Object.keys(body)[0]).toBe('CallbackCommand');
  });
});
