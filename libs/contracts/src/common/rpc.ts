/** A request/reply pair of a subject in the SubjectMap. */
export interface Rpc<Req, Rep> {
  request: Req;
  reply: Rep;
}
