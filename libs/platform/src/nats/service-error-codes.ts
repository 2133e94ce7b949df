/** The codes a service answers with when a problem is not one of its domain errors. */
export interface ServiceErrorCodes {
  /** A payload failed validation. */
  invalid: number;
  /** A dependency (another service, NATS) did not answer. */
  unavailable: number;
  /** Anything unexpected. */
  internal: number;
}
