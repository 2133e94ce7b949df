#!/bin/sh
# One-shot `secrets` service of docker-compose.yml: generates every password of the deployment
# at first start into the `secrets` volume and hands each container only its own, readable by
# the user it runs as. Later starts keep the passwords (a missing one is added).
#   /secrets/.generated/<name>   the passwords (root only)
#   /secrets/nats/passwords.conf NATS_PASSWORD_<USER> variables for deploy/nats/auth.conf
#   /secrets/redis/redis.conf    requirepass (read by redis-server as the redis user)
#   /secrets/postgres/<role>     superuser and service role passwords (postgres user)
#   /secrets/<service>/          nats-password, redis-password, database-password (node user)
set -eu
umask 077
SERVICES="account api-gateway profile relation group conn-gateway message push callback-dispatcher media"
DATABASE_SERVICES="account profile relation group message push callback-dispatcher media"
NODE_UID=1000     # the `node` user of the service images (deploy/docker/Dockerfile)
REDIS_UID=999     # redis:7.0-alpine
POSTGRES_UID=70   # postgres:15-alpine

root=${SECRETS_DIR:-/secrets}
mkdir -p "$root/.generated"
chmod 700 "$root/.generated"

# 192 random bits, URL-safe (they go into connection URLs)
secret() {
  file="$root/.generated/$1"
  if [ ! -s "$file" ]; then
    head -c 24 /dev/urandom | base64 | tr '+/' '-_' | tr -d '=\n' > "$file.tmp"
    mv "$file.tmp" "$file"
  fi
  cat "$file"
}

# put <owner uid> <path> <content>: owner-only file
put() {
  mkdir -p "$(dirname "$2")"
  printf '%s\n' "$3" > "$2.tmp"
  chown "$1:$1" "$2.tmp" "$(dirname "$2")"
  chmod 400 "$2.tmp"
  chmod 500 "$(dirname "$2")"
  mv "$2.tmp" "$2"
}

var() { echo "NATS_PASSWORD_$(echo "$1" | tr 'a-z-' 'A-Z_')"; }
db() { echo "im_$(echo "$1" | tr '-' '_')"; }

nats_conf="NATS_PASSWORD_OPERATOR: \"$(secret nats-operator)\""
for s in $SERVICES; do
  nats_conf="$nats_conf
$(var "$s"): \"$(secret "nats-$s")\""
done
put 0 "$root/nats/passwords.conf" "$nats_conf"
# for the operator CLI, run in a service image (user node)
put "$NODE_UID" "$root/operator/nats-password" "$(secret nats-operator)"

put "$REDIS_UID" "$root/redis/redis.conf" "requirepass $(secret redis)"

put "$POSTGRES_UID" "$root/postgres/superuser" "$(secret postgres-superuser)"
for s in $DATABASE_SERVICES; do
  put "$POSTGRES_UID" "$root/postgres/$(db "$s")" "$(secret "postgres-$(db "$s")")"
done

for s in $SERVICES; do
  put "$NODE_UID" "$root/$s/nats-password" "$(secret "nats-$s")"
  put "$NODE_UID" "$root/$s/redis-password" "$(secret redis)"
done
for s in $DATABASE_SERVICES; do
  put "$NODE_UID" "$root/$s/database-password" "$(secret "postgres-$(db "$s")")"
done
chmod 755 "$root"
echo "secrets ready"
