import 'reflect-metadata';

import { findRepoRoot } from '@im/testing';

import { loadLauncherConfig } from './launcher.config';
import { LocalLauncher } from './local-launcher';

const say = (line: string) => process.stdout.write(`[start] ${line}\n`);

async function main(): Promise<void> {
  const config = loadLauncherConfig(findRepoRoot(__dirname), process.argv.slice(2));
  let exiting = false;
  const launcher = new LocalLauncher(config, say, (err) => void shutdown(1, err));

  async function shutdown(code: number, err?: Error): Promise<void> {
    if (exiting) return;
    exiting = true;
    if (err) say(`error: ${err.message}`);
    say('stopping');
    await launcher.stop().catch((e: Error) => say(`while stopping: ${e.message}`));
    process.exit(code);
  }
  process.on('SIGINT', () => void shutdown(0));
  process.on('SIGTERM', () => void shutdown(0));
  process.on('SIGHUP', () => void shutdown(0));

  try {
    await launcher.start();
  } catch (err) {
    await shutdown(1, err as Error);
  }
}

void main();
