import { ChildProcess, fork } from 'node:child_process';
import path from 'node:path';

import type { WorkerCommand, WorkerReply } from './protocol';

/** A forked load-generator process (worker.js) with request/reply over IPC. */
export class LoadWorker {
  private nextId = 1;
  private readonly pending = new Map<
    number,
    { resolve: (v: unknown) => void; reject: (e: Error) => void }
  >();

  private constructor(
    readonly name: string,
    readonly child: ChildProcess,
  ) {
    child.on('message', (msg: WorkerReply) => {
      const p = this.pending.get(msg.id);
      if (!p) return;
      this.pending.delete(msg.id);
      if (msg.ok) p.resolve(msg.data);
      else p.reject(new Error(`${name}: ${msg.error}`));
    });
    child.on('exit', (code) => {
      for (const p of this.pending.values()) p.reject(new Error(`${name} exited (${code})`));
      this.pending.clear();
    });
  }

  static start(name: string): LoadWorker {
    const child = fork(path.join(__dirname, 'worker.js'), [], {
      stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
      execArgv: ['--max-old-space-size=4096'],
    });
    return new LoadWorker(name, child);
  }

  get pid(): number {
    return this.child.pid ?? 0;
  }

  /** Sends a command; rejects after `timeoutMs` (every call is bounded in time). */
  call<T>(command: WorkerCommand, timeoutMs = 300_000): Promise<T> {
    const id = this.nextId++;
    return new Promise<T>((resolve, reject) => {
      const timer = setTimeout(() => {
        this.pending.delete(id);
        reject(new Error(`${this.name}: ${command.cmd} timed out after ${timeoutMs} ms`));
      }, timeoutMs);
      this.pending.set(id, {
        resolve: (v) => {
          clearTimeout(timer);
          resolve(v as T);
        },
        reject: (e) => {
          clearTimeout(timer);
          reject(e);
        },
      });
      this.child.send({ ...command, id });
    });
  }

  async stop(): Promise<void> {
    if (this.child.exitCode !== null) return;
    const exited = new Promise((resolve) => this.child.once('exit', resolve));
    this.child.kill('SIGTERM');
    await Promise.race([exited, new Promise((r) => setTimeout(r, 5000))]);
    if (this.child.exitCode === null) this.child.kill('SIGKILL');
  }
}

/** A baseline server process (baseline-server.js). */
export class BaselineServer {
  private nextId = 1;

  private constructor(
    readonly kind: string,
    readonly child: ChildProcess,
    readonly port: number,
  ) {}

  static async start(
    kind: 'ws' | 'fastify' | 'nats-echo',
    arg?: string,
    /** Node options of its own (default: the bench's). */
    execArgv: string[] = process.execArgv,
  ): Promise<BaselineServer> {
    const child = fork(path.join(__dirname, 'baseline-server.js'), arg ? [kind, arg] : [kind], {
      stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
      execArgv,
    });
    const port = await new Promise<number>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`baseline ${kind} did not start`)), 60_000);
      child.once('exit', (code) => reject(new Error(`baseline ${kind} exited (${code})`)));
      child.on('message', (msg: { type?: string; port?: number }) => {
        if (msg.type !== 'ready') return;
        clearTimeout(timer);
        resolve(msg.port ?? 0);
      });
    });
    return new BaselineServer(kind, child, port);
  }

  get pid(): number {
    return this.child.pid ?? 0;
  }

  /** Asks the bare ws server to send `frame` to every connection. */
  broadcast(frame: string): Promise<{ sendLoopMs: number; clients: number }> {
    const id = this.nextId++;
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error('broadcast timed out')), 60_000);
      const onMessage = (msg: { id?: number; sendLoopMs: number; clients: number }) => {
        if (msg.id !== id) return;
        clearTimeout(timer);
        this.child.off('message', onMessage);
        resolve(msg);
      };
      this.child.on('message', onMessage);
      this.child.send({ cmd: 'broadcast', frame, id });
    });
  }

  async stop(): Promise<void> {
    if (this.child.exitCode !== null) return;
    const exited = new Promise((resolve) => this.child.once('exit', resolve));
    this.child.kill('SIGTERM');
    await Promise.race([exited, new Promise((r) => setTimeout(r, 5000))]);
    if (this.child.exitCode === null) this.child.kill('SIGKILL');
  }
}
