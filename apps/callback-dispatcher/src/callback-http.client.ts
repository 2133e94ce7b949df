import http from 'node:http';
import https from 'node:https';

import type { CallbackHttpResult } from './callback-http-result.model';

export interface CallbackHttpClientOptions {
  /** Keep-alive connections per app and origin. */
  maxSocketsPerApp: number;
  /** Largest answer read; a longer one counts as a failed request. */
  responseMaxBytes: number;
  /** Connection pools unused this long are closed. */
  idlePoolMs?: number;
  /** Told of every request and what came of it (the statistics' tally). */
  observe?: (sdkAppId: number, result: CallbackHttpResult) => void;
}

interface Pool {
  agent: http.Agent;
  lastUsed: number;
}

interface Attempt {
  result: CallbackHttpResult;
  /** The request failed on a kept-alive connection the server had closed: worth one retry. */
  staleConnection: boolean;
}

/**
 * POSTs JSON to app backends over keep-alive connections (docs/callbacks.md §1.1: "long
 * connection"). Each app has its own pool per origin, so a slow or unreachable backend can
 * use up only its own connections; each request has a deadline covering connect, send and
 * answer.
 */
export class CallbackHttpClient {
  private readonly pools = new Map<string, Pool>();

  constructor(private readonly options: CallbackHttpClientOptions) {}

  async post(
    sdkAppId: number,
    url: string,
    body: string,
    headers: Record<string, string>,
    timeoutMs: number,
  ): Promise<CallbackHttpResult> {
    let target: URL;
    try {
      target = new URL(url);
    } catch {
      return { kind: 'error', error: 'invalid callback URL' };
    }
    const deadline = Date.now() + timeoutMs;
    let outcome = await this.attempt(sdkAppId, target, body, headers, deadline);
    if (outcome.staleConnection && Date.now() < deadline)
      outcome = await this.attempt(sdkAppId, target, body, headers, deadline);
    this.options.observe?.(sdkAppId, outcome.result);
    return outcome.result;
  }

  /** Closes pools unused for a while (called periodically). */
  closeIdlePools(now = Date.now()): void {
    const idle = this.options.idlePoolMs ?? 300_000;
    for (const [key, pool] of this.pools) {
      if (now - pool.lastUsed > idle) {
        pool.agent.destroy();
        this.pools.delete(key);
      }
    }
  }

  /** The number of pools (apps × origins) open. */
  get poolCount(): number {
    return this.pools.size;
  }

  close(): void {
    for (const pool of this.pools.values()) pool.agent.destroy();
    this.pools.clear();
  }

  private agentFor(sdkAppId: number, target: URL): http.Agent {
    const key = `${sdkAppId} ${target.protocol}//${target.host}`;
    let pool = this.pools.get(key);
    if (!pool) {
      const options: http.AgentOptions = {
        keepAlive: true,
        maxSockets: this.options.maxSocketsPerApp,
        maxFreeSockets: this.options.maxSocketsPerApp,
        scheduling: 'lifo',
      };
      pool = {
        agent: target.protocol === 'https:' ? new https.Agent(options) : new http.Agent(options),
        lastUsed: 0,
      };
      this.pools.set(key, pool);
    }
    pool.lastUsed = Date.now();
    return pool.agent;
  }

  private attempt(
    sdkAppId: number,
    target: URL,
    body: string,
    headers: Record<string, string>,
    deadline: number,
  ): Promise<Attempt> {
    return new Promise<Attempt>((resolve) => {
      let settled = false;
      const settle = (result: CallbackHttpResult, staleConnection = false) => {
        if (settled) return;
        settled = true;
        clearTimeout(timer);
        resolve({ result, staleConnection });
      };
      const transport = target.protocol === 'https:' ? https : http;
      const payload = Buffer.from(body, 'utf8');
      const req = transport.request(
        target,
        {
          method: 'POST',
          agent: this.agentFor(sdkAppId, target),
          headers: {
            ...headers,
            'content-type': 'application/json',
            'content-length': String(payload.length),
          },
        },
        (res) => this.readAnswer(res, req, settle),
      );
      const timer = setTimeout(
        () => {
          settle({ kind: 'timeout' });
          req.destroy();
        },
        Math.max(0, deadline - Date.now()),
      );
      req.on('error', (err: NodeJS.ErrnoException) => {
        const stale = req.reusedSocket && (err.code === 'ECONNRESET' || err.code === 'EPIPE');
        settle({ kind: 'error', error: err.code ?? err.message }, stale);
      });
      req.end(payload);
    });
  }

  /** Reads the app's answer, refusing one over `responseMaxBytes` (the request is cut off). */
  private readAnswer(
    res: http.IncomingMessage,
    req: http.ClientRequest,
    settle: (result: CallbackHttpResult) => void,
  ): void {
    const chunks: Buffer[] = [];
    let size = 0;
    res.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > this.options.responseMaxBytes) {
        settle({ kind: 'error', error: 'answer too large' });
        req.destroy();
        return;
      }
      chunks.push(chunk);
    });
    res.on('end', () =>
      settle({
        kind: 'response',
        status: res.statusCode ?? 0,
        body: Buffer.concat(chunks).toString('utf8'),
      }),
    );
    res.on('error', (err) => settle({ kind: 'error', error: err.message }));
  }
}
