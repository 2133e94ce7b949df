import { IsObject } from 'class-validator';

/** `im_set_attr_name`: slot ("0".."9") → attribute name; replaces the names of the given slots. */
export class SetAttrNamesRequest {
  @IsObject()
  attrNames!: Record<string, string>;
}

/** The app's attribute names, slot → name (`im_get_attr_name`). */
export class AttrNamesReply {
  attrNames!: Record<string, string>;
}

/** `im_get_attr_name` takes no parameters. */
export class GetAttrNamesRequest {}
