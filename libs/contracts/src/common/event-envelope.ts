import { IsInt, IsISO8601, IsString, IsUUID, Max, Min } from 'class-validator';

/** The envelope every event starts with; consumers are idempotent by `eventId`. */
export abstract class EventEnvelope {
  @IsUUID()
  eventId!: string;

  @IsInt()
  @Min(1)
  @Max(0xffffffff)
  sdkAppId!: number;

  /** ISO-8601 time the fact happened. */
  @IsISO8601()
  occurredAt!: string;

  @IsString()
  requestId!: string;
}

/** What a publisher supplies; the platform adds the envelope fields. */
export type EventFact<E extends EventEnvelope> = Omit<E, keyof EventEnvelope>;
