import { statSync } from 'node:fs';

import { Redis } from 'ioredis';
import { connect, NatsConnection } from 'nats';
import { Client } from 'pg';

import { natsConnectionOptions } from '@im/platform';

import {
  InfraCredentials,
  TEST_CREDENTIALS_ENV,
  testCredentials,
  testServerUrls,
  waitFor,
  withoutUserInfo,
  withUserInfo,
} from '../src';
import { readFirstLine } from '../src/servers/tcp-probe';

/** The permission violations the server reports to one connection: `publish <subject>`. */
function collectErrors(nc: NatsConnection): string[] {
  const errors: string[] = [];
  void (async () => {
    for await (const s of nc.status()) {
      const denied = (s as { permissionContext?: { operation: string; subject: string } })
        .permissionContext;
      if (String(s.type) === 'error')
        errors.push(denied ? `${denied.operation} ${denied.subject}` : JSON.stringify(s.data));
    }
  })();
  return errors;
}

async function connectAs(url: string, user: string, password: string): Promise<NatsConnection> {
  return connect({ ...natsConnectionOptions([withUserInfo(url, user, password)]), name: user });
}

/** Waits until the server reports a permission violation: `publish <subject>`. */
async function violation(errors: string[], what: string): Promise<string> {
  return waitFor(() => errors.find((e) => e === what) ?? null, {
    timeoutMs: 3000,
    message: `a permissions violation for ${what}`,
  });
}

describe('the servers of the test harness (as npm start runs them)', () => {
  const urls = testServerUrls();
  let creds: InfraCredentials;

  beforeAll(() => {
    const found = testCredentials();
    if (!found) throw new Error(`${TEST_CREDENTIALS_ENV} not set: run through the jest preset`);
    creds = found;
  });

  it('keep every generated password in an owner-only file', () => {
    const file = process.env[TEST_CREDENTIALS_ENV]!;
    expect(statSync(file).mode & 0o777).toBe(0o600);
    expect(Object.keys(creds.nats.services)).toEqual(
      expect.arrayContaining(['account', 'profile', 'message', 'api-gateway', 'conn-gateway']),
    );
  });

  it('nats-server refuses a client without credentials or with a wrong password', async () => {
    const plain = withoutUserInfo(urls.natsUrl);
    await expect(connect({ servers: plain })).rejects.toMatchObject({
      code: 'AUTHORIZATION_VIOLATION',
    });
    await expect(connectAs(urls.natsUrl, 'profile', 'not-the-password')).rejects.toMatchObject({
      code: 'AUTHORIZATION_VIOLATION',
    });
  });

  it('redis-server refuses a command without the password', async () => {
    const port = Number(new URL(urls.redisUrl).port);
    expect(await readFirstLine(port, 'CONFIG SET dir /tmp\r\n')).toMatch(/^-NOAUTH/);
    expect(await readFirstLine(port, 'AUTH default not-the-password\r\n')).toMatch(/^-WRONGPASS/);
    // with it, the harness's own client works
    const redis = new Redis(urls.redisUrl, { lazyConnect: true });
    try {
      await redis.connect();
      expect(await redis.ping()).toBe('PONG');
    } finally {
      redis.disconnect();
    }
  });

  it('postgres refuses the superuser without its password', async () => {
    const url = new URL(urls.pgAdminUrl);
    url.password = 'not-the-password';
    const wrong = new Client({ connectionString: url.toString() });
    await expect(wrong.connect()).rejects.toMatchObject({ code: '28P01' });
    url.password = '';
    const none = new Client({ connectionString: url.toString() });
    await expect(none.connect()).rejects.toThrow(/password/);
  });

  describe('a service NATS user', () => {
    let profile: NatsConnection;
    let errors: string[];

    beforeEach(async () => {
      profile = await connectAs(urls.natsUrl, 'profile', creds.nats.services.profile);
      errors = collectErrors(profile);
    });

    afterEach(async () => {
      await profile.close();
    });

    it('cannot call an RPC outside its contract (the app registry: operator only)', async () => {
      profile.publish('account.rpc.get-app', new TextEncoder().encode('{}'));
      await profile.flush();
      expect(await violation(errors, 'publish account.rpc.get-app')).toBeTruthy();
    });

    it("cannot subscribe to another service's subjects or read its replies", async () => {
      profile.subscribe('message.>');
      profile.subscribe('_INBOX_message.>');
      profile.subscribe('_INBOX.>');
      await profile.flush();
      expect(await violation(errors, 'subscription message.>')).toBeTruthy();
      expect(await violation(errors, 'subscription _INBOX_message.>')).toBeTruthy();
      expect(await violation(errors, 'subscription _INBOX.>')).toBeTruthy();
    });

    it('may call what its contract says, with its replies in its own inbox', async () => {
      // nobody serves it here: the "no responders" answer reaching the inbox proves both
      await expect(
        profile.request('account.rpc.get-app-credentials', new Uint8Array(), { timeout: 2000 }),
      ).rejects.toMatchObject({ code: '503' });
      expect(errors).toEqual([]);
    });
  });

  it('the operator may call the app registry', async () => {
    const operator = await connect(natsConnectionOptions([urls.natsUrl]));
    const errors = collectErrors(operator);
    try {
      operator.publish('account.rpc.get-app', new TextEncoder().encode('{}'));
      await operator.flush();
      expect(errors).toEqual([]);
    } finally {
      await operator.close();
    }
  });
});
