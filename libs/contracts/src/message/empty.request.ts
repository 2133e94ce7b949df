/** A request without fields. */
export class EmptyRequest {}
