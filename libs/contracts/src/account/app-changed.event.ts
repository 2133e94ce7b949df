import { IsIn } from 'class-validator';

import { EventEnvelope } from '../common';

export const AppChanges = [
  'created',
  'key-rotated',
  'status',
  'admins',
  'settings',
  'name',
] as const;
export type AppChange = (typeof AppChanges)[number];

/** An app was created or changed; verifiers drop cached key material for it. */
export class AppChangedEvent extends EventEnvelope {
  @IsIn(AppChanges, { each: true })
  changes!: AppChange[];
}
