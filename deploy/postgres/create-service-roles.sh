#!/bin/sh
# Run once by the postgres image when it initialises its cluster (docker-entrypoint-initdb.d):
# one login role per service database, owning only that database, with the password the
# `secrets` service generated (/run/im-secrets/<role>). No other role but the superuser may
# connect to it. (The platform's launcher does the same with ensureServiceDatabase.)
set -eu
for file in /run/im-secrets/im_*; do
  role=$(basename "$file")
  password=$(cat "$file")
  psql -v ON_ERROR_STOP=1 --username "$POSTGRES_USER" --dbname postgres \
    --set=role="$role" --set=password="$password" <<'SQL'
CREATE ROLE :"role" LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE PASSWORD :'password';
CREATE DATABASE :"role" OWNER :"role";
REVOKE ALL ON DATABASE :"role" FROM PUBLIC;
SQL
done
