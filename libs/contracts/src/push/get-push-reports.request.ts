import { IsArray, IsString } from 'class-validator';

/** `im_get_push_report`: up to 500 task IDs (the service checks 90014/90015/90016). */
export class GetPushReportsRequest {
  @IsString({ each: true })
  @IsArray()
  taskIds!: string[];
}
