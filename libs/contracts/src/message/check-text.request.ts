import { ArrayMaxSize, IsArray, IsString } from 'class-validator';

/**
 * For other services (group names, profile and relation fields, 9.1): do these texts contain
 * one of the app's sensitive words?
 */
export class CheckTextRequest {
  @IsArray()
  @ArrayMaxSize(100)
  @IsString({ each: true })
  texts!: string[];
}
