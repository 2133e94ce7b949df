/* eslint-disable @typescript-eslint/no-explicit-any */

type Listener = (...args: any[]) => void;

/**
 * A small event emitter with the Node `EventEmitter` calls the SDK uses (`on`, `once`, `off`,
 * `emit`, `removeAllListeners`), without `node:events`, so the SDK bundles for browsers as is.
 * A listener that throws does not stop the others; the error is reported on `console.error`.
 */
export class Emitter<Events extends Record<string, Listener> = Record<string, Listener>> {
  private readonly listeners = new Map<keyof Events, Listener[]>();

  on<E extends keyof Events>(event: E, listener: Events[E]): this {
    this.listeners.set(event, [...(this.listeners.get(event) ?? []), listener]);
    return this;
  }

  once<E extends keyof Events>(event: E, listener: Events[E]): this {
    const wrapper = ((...args: unknown[]) => {
      this.off(event, wrapper);
      (listener as (...a: unknown[]) => void)(...args);
    }) as Events[E];
    return this.on(event, wrapper);
  }

  off<E extends keyof Events>(event: E, listener: Events[E]): this {
    const list = this.listeners.get(event);
    if (list)
      this.listeners.set(
        event,
        list.filter((l) => l !== listener),
      );
    return this;
  }

  removeAllListeners(event?: keyof Events): this {
    if (event === undefined) this.listeners.clear();
    else this.listeners.delete(event);
    return this;
  }

  listenerCount(event: keyof Events): number {
    return this.listeners.get(event)?.length ?? 0;
  }

  emit<E extends keyof Events>(event: E, ...args: Parameters<Events[E]>): boolean {
    const list = this.listeners.get(event);
    if (!list?.length) return false;
    for (const listener of [...list]) {
      try {
        listener(...args);
      } catch (err) {
        console.error(`listener of ${String(event)} failed`, err);
      }
    }
    return true;
  }
}
