/** Injection token of the service's `pg.Pool`. */
export const PG_POOL = Symbol('PG_POOL');
