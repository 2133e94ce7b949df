import { IsArray, IsBoolean, IsOptional, IsString } from 'class-validator';

import { GroupEvent } from './group.event';

/** A group was created or imported (`group.evt.created`). */
export class GroupCreatedEvent extends GroupEvent {
  @IsString()
  name!: string;

  @IsOptional()
  @IsString()
  ownerId!: string | null;

  /** Members at creation, the owner included. */
  @IsArray()
  @IsString({ each: true })
  memberIds!: string[];

  /** True for import_group. */
  @IsBoolean()
  imported!: boolean;
}
