import { IsOptional, IsString, MaxLength } from 'class-validator';

import { MessageLimits } from '@im/contracts';

/** `UserKeywords[]` entry: a keyword and its category (`Ad`, `Abuse`, … default `Custom`). */
export class AuditKeywordDto {
  @MaxLength(MessageLimits.auditKeywordMaxBytes)
  @IsString()
  Content!: string;

  @IsOptional()
  @MaxLength(32)
  @IsString()
  Label?: string;
}
