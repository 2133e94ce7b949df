/**
 * Drizzle view of the tables created by migrations/ (the migrations are the source of truth):
 * add a `pgTable(...)` per table, every one starting with `sdk_app_id`.
 */
export const pushSchema = {};
