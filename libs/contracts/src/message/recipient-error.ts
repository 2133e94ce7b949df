/** A recipient of a batch that did not get the message, with the code why (e.g. 70107). */
export class RecipientError {
  userId!: string;
  code!: number;
}
