/** Per message of import_group_msg: its seq and time, or the code why not (10004, 80001, 80002). */
export class ImportGroupMessageResult {
  seq!: number;
  time!: number;
  code!: number;
}
