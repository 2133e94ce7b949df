import type { RestCommand } from './rest-command.model';

/** Looks commands up by service and command name (both case-sensitive, docs/rest-api.md §1.1). */
export class CommandTable {
  private readonly rows = new Map<string, RestCommand>();

  constructor(rows: readonly RestCommand[]) {
    for (const row of rows) {
      const key = `${row.service}/${row.command}`;
      if (this.rows.has(key)) throw new Error(`command ${key} is declared twice`);
      this.rows.set(key, row);
    }
  }

  find(service: string, command: string): RestCommand | undefined {
    return this.rows.get(`${service}/${command}`);
  }

  get size(): number {
    return this.rows.size;
  }

  list(): RestCommand[] {
    return [...this.rows.values()];
  }
}
