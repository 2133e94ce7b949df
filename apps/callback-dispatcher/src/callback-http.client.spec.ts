import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Server } from 'node:http';

import { CallbackHttpClient } from './callback-http.client';

describe(CallbackHttpClient.name, () => {
  let server: Server;
  let url: string;
  let sut: CallbackHttpClient;

  beforeAll(async () => {
    server = createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('end', () => {
        const asked = Buffer.concat(chunks).toString('utf8');
        res.writeHead(200, { 'content-type': 'application/json' });
        res.end(asked === 'big' ? 'x'.repeat(1000) : `{"echo":${JSON.stringify(asked)}}`);
      });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/cb`;
  });

  beforeEach(() => {
    sut = new CallbackHttpClient({ maxSocketsPerApp: 2, responseMaxBytes: 100 });
  });

  afterEach(() => sut.close());

  afterAll(async () => {
    await new Promise((resolve) => server.close(resolve));
  });

  it('answers the status and body of the app backend', async () => {
    expect(await sut.post(1, url, 'hi', {}, 2000)).toEqual({
      kind: 'response',
      status: 200,
      body: '{"echo":"hi"}',
    });
  });

  it('refuses an answer over the size limit', async () => {
    expect(await sut.post(1, url, 'big', {}, 2000)).toEqual({
      kind: 'error',
      error: 'answer too large',
    });
  });

  it('refuses an address that is not a URL without a request', async () => {
    expect(await sut.post(1, 'not a url', '', {}, 2000)).toEqual({
      kind: 'error',
      error: 'invalid callback URL',
    });
  });
});
