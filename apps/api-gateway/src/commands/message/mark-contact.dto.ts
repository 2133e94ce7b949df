import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  IsArray,
  IsDefined,
  IsIn,
  IsInt,
  IsObject,
  IsOptional,
  IsString,
  Max,
  MaxLength,
  Min,
  ValidateNested,
} from 'class-validator';

import { IsUserId, MessageLimits } from '@im/contracts';

import { ContactItemDto } from './contact-item.dto';

/** `MarkItem[]` entry: `OptType` 1 standard bits, 2 the custom mark, 3 both. */
export class MarkItemDto {
  @IsIn([1, 2, 3])
  @IsInt()
  OptType!: 1 | 2 | 3;

  @IsDefined()
  @ValidateNested()
  @Type(() => ContactItemDto)
  @IsObject()
  ContactItem!: ContactItemDto;

  @IsOptional()
  @ArrayMaxSize(64)
  @Max(63, { each: true })
  @Min(0, { each: true })
  @IsInt({ each: true })
  @IsArray()
  SetMark?: number[];

  @IsOptional()
  @ArrayMaxSize(64)
  @Max(63, { each: true })
  @Min(0, { each: true })
  @IsInt({ each: true })
  @IsArray()
  ClearMark?: number[];

  @IsOptional()
  @MaxLength(1024)
  @IsString()
  CustomMark?: string;
}

/** `recentcontact/mark_contact`: up to 100 `MarkItem`. */
export class MarkContactDto {
  @IsUserId()
  From_Account!: string;

  @ArrayMinSize(1)
  @ArrayMaxSize(MessageLimits.markItemsPerCall)
  @ValidateNested({ each: true })
  @Type(() => MarkItemDto)
  @IsArray()
  MarkItem!: MarkItemDto[];
}
