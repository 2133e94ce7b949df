/** One write an operator made through the console. */
export class OperatorAuditEntry {
  id!: number;
  /** ISO time. */
  at!: string;
  operator!: string;
  /** `app.create`, `app.rotate-key`, `app.features`, `operator.login`, `operator.logout`. */
  action!: string;
  /** What it acted on (`app:1400000001`). */
  target!: string;
  /** What changed, without secrets. */
  detail!: Record<string, unknown>;
  clientIp!: string | null;
}

export class OperatorAuditPageReply {
  items!: OperatorAuditEntry[];
  total!: number;
}
