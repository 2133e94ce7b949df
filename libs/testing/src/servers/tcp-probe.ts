import net from 'node:net';

/**
 * Connects to 127.0.0.1:port, optionally writes `send`, and resolves with the first line the
 * server answers (without CRLF). Rejects on refusal, close or after `timeoutMs`.
 */
export function readFirstLine(port: number, send?: string, timeoutMs = 1_000): Promise<string> {
  return new Promise((resolve, reject) => {
    let received = '';
    const socket = net.connect({ host: '127.0.0.1', port });
    const done = (err: Error | undefined, line?: string) => {
      socket.destroy();
      if (err) reject(err);
      else resolve(line!);
    };
    socket.setTimeout(timeoutMs, () => done(new Error(`no answer on port ${port}`)));
    socket.once('error', (err) => done(err));
    socket.once('close', () => done(new Error(`port ${port} closed the connection`)));
    socket.once('connect', () => {
      if (send !== undefined) socket.write(send);
    });
    socket.on('data', (chunk: Buffer) => {
      received += chunk.toString('utf8');
      const end = received.indexOf('\r\n');
      if (end >= 0) done(undefined, received.slice(0, end));
    });
  });
}
