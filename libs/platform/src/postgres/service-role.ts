import { Client } from 'pg';

const NAME = /^[a-z][a-z0-9_]*$/;

/** A string as an SQL literal (for the statements that take no parameters). */
function literal(value: string): string {
  return `'${value.replace(/'/g, "''")}'`;
}

async function withClient<T>(url: string, fn: (client: Client) => Promise<T>): Promise<T> {
  const client = new Client({ connectionString: url });
  await client.connect();
  try {
    return await fn(client);
  } finally {
    await client.end().catch(() => undefined);
  }
}

/**
 * Gives a service database its own login role (same name as the database) that owns it and
 * what is in it, and no one else but superusers may connect: a service reaches only its own
 * data. Creates the role and the database when missing, sets the role's password (so a
 * regenerated one takes effect), and hands over tables an earlier version created as the
 * superuser. Idempotent; run as a superuser (`adminUrl`, any database).
 */
export async function ensureServiceDatabase(
  adminUrl: string,
  database: string,
  password: string,
): Promise<void> {
  if (!NAME.test(database)) throw new Error(`unsupported database name: ${database}`);
  const role = database;
  await withClient(adminUrl, async (admin) => {
    const { rowCount: hasRole } = await admin.query('SELECT 1 FROM pg_roles WHERE rolname = $1', [
      role,
    ]);
    const verb = hasRole ? 'ALTER' : 'CREATE';
    await admin.query(
      `${verb} ROLE "${role}" LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE PASSWORD ${literal(password)}`,
    );
    const { rowCount: hasDb } = await admin.query('SELECT 1 FROM pg_database WHERE datname = $1', [
      database,
    ]);
    if (!hasDb) await admin.query(`CREATE DATABASE "${database}" OWNER "${role}"`);
    else await admin.query(`ALTER DATABASE "${database}" OWNER TO "${role}"`);
    await admin.query(`REVOKE ALL ON DATABASE "${database}" FROM PUBLIC`);
  });
  const url = new URL(adminUrl);
  url.pathname = `/${database}`;
  await withClient(url.toString(), (db) => handOver(db, role));
}

/** Makes `role` the owner of the public schema and of every table, view and sequence in it. */
async function handOver(db: Client, role: string): Promise<void> {
  await db.query(`ALTER SCHEMA public OWNER TO "${role}"`);
  const { rows } = await db.query<{ kind: string; name: string }>(
    `SELECT CASE c.relkind WHEN 'S' THEN 'SEQUENCE' WHEN 'v' THEN 'VIEW'
              WHEN 'm' THEN 'MATERIALIZED VIEW' ELSE 'TABLE' END AS kind,
            format('%I.%I', n.nspname, c.relname) AS name
       FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
       JOIN pg_roles r ON r.oid = c.relowner
      WHERE n.nspname = 'public' AND c.relkind IN ('r', 'p', 'v', 'm', 'S')
        AND r.rolname <> $1
        -- a sequence owned by a table moves with its table
        AND NOT (c.relkind = 'S' AND EXISTS (
          SELECT 1 FROM pg_depend d WHERE d.objid = c.oid AND d.deptype IN ('a', 'i')))`,
    [role],
  );
  for (const { kind, name } of rows) await db.query(`ALTER ${kind} ${name} OWNER TO "${role}"`);
}
