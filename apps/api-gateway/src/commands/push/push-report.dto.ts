import { ArrayMaxSize, ArrayMinSize, IsArray, IsString } from 'class-validator';

import { ErrorCode, PushLimits } from '@im/contracts';

import { withCode } from '../../rest/rest-command.model';

/** `im_get_push_report` (docs/rest-api.md §8): 1..500 task IDs (90015 / 90014). */
export class GetPushReportDto {
  @IsString({ ...withCode(ErrorCode.PushReportTaskIdInvalid), each: true })
  @ArrayMinSize(1, withCode(ErrorCode.PushReportTaskIdMissing))
  @ArrayMaxSize(PushLimits.maxTaskIdsPerReport, withCode(ErrorCode.PushReportTooManyTasks))
  @IsArray(withCode(ErrorCode.PushReportTaskIdMissing))
  TaskIds!: string[];
}
