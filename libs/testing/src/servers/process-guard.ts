/**
 * Stops the servers this process started when it ends without stopping them (a crash, an
 * uncaught error, Ctrl-C, jest killed by a timeout). A SIGKILL of this process cannot be
 * caught; for that the servers are started with a parent-death signal (see server-process.ts).
 */

const live = new Map<number, NodeJS.Signals>();
const SIGNALS: NodeJS.Signals[] = ['SIGINT', 'SIGTERM', 'SIGHUP'];
let installed = false;

function signalAll(): void {
  for (const [pid, signal] of live) {
    try {
      process.kill(pid, signal);
    } catch {
      // already gone
    }
  }
  live.clear();
}

function onExit(): void {
  signalAll();
}

function onSignal(signal: NodeJS.Signals): void {
  // Someone else (the launcher) handles this signal and stops things in order; the exit
  // handler still catches whatever they leave behind.
  if (process.listenerCount(signal) > 1) return;
  signalAll();
  uninstall();
  // Nobody else handles it: die of it as we would have without our handler.
  if (process.listenerCount(signal) === 0) process.kill(process.pid, signal);
}

function install(): void {
  if (installed) return;
  installed = true;
  process.on('exit', onExit);
  for (const signal of SIGNALS) process.on(signal, onSignal);
}

function uninstall(): void {
  if (!installed) return;
  installed = false;
  process.off('exit', onExit);
  for (const signal of SIGNALS) process.off(signal, onSignal);
}

/** Watches a child: it gets `stopSignal` if this process exits first. Returns the release. */
export function guardChild(pid: number, stopSignal: NodeJS.Signals): () => void {
  live.set(pid, stopSignal);
  install();
  return () => {
    live.delete(pid);
    if (live.size === 0) uninstall();
  };
}
