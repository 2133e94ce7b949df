import { IsArray, IsObject, IsOptional, IsString } from 'class-validator';

/**
 * Who a push targets (docs/rest-api.md §8 `Condition`): tags (all of `tagsAnd` and at least one of
 * `tagsOr`) or attributes (name → value; all of `attrsAnd`, at least one of `attrsOr`), never
 * both kinds (90039). The service checks sizes and contents (90020, 90022, 90032, 90033, 90040).
 */
export class PushCondition {
  @IsOptional()
  @IsString({ each: true })
  @IsArray()
  tagsAnd?: string[];

  @IsOptional()
  @IsString({ each: true })
  @IsArray()
  tagsOr?: string[];

  @IsOptional()
  @IsObject()
  attrsAnd?: Record<string, string>;

  @IsOptional()
  @IsObject()
  attrsOr?: Record<string, string>;
}
