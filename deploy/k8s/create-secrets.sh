#!/bin/sh
# Creates, once, every password of a Kubernetes deployment (deploy/k8s/README.md) as Secrets in
# the namespace, and the NATS users' ConfigMap. Existing Secrets are kept (re-running is safe);
# nothing is printed. Needs kubectl pointed at the cluster and run from the repository root.
#   im-nats              passwords.conf (NATS_PASSWORD_<USER> for auth.conf), route
#   im-<service>         nats-password, redis-password[, database-password]; im-media also
#                        s3-secret-access-key, from MEDIA_S3_SECRET_ACCESS_KEY (the object store's)
#   im-redis             password (requirepass of the operator's Redis)
#   im-postgres          one key per service database role (im_account, ...)
#   im-nats-auth         ConfigMap: deploy/nats/auth.conf
set -eu
umask 077
NS=${NAMESPACE:-im}
SERVICES="account api-gateway profile relation group conn-gateway message push callback-dispatcher media"
DATABASE_SERVICES="account profile relation group message push callback-dispatcher media"

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

exists() { kubectl -n "$NS" get secret "$1" >/dev/null 2>&1; }
# 192 random bits, URL-safe (they go into connection URLs)
random() { head -c 24 /dev/urandom | base64 | tr '+/' '-_' | tr -d '=\n'; }
# the value of a key of an existing Secret, or a new random one
value() {
  if exists "$1"; then
    kubectl -n "$NS" get secret "$1" -o "jsonpath={.data.$2}" | base64 -d
  else
    random
  fi
}
var() { echo "NATS_PASSWORD_$(echo "$1" | tr 'a-z-' 'A-Z_')"; }
db() { echo "im_$(echo "$1" | tr '-' '_')"; }

kubectl get namespace "$NS" >/dev/null 2>&1 || kubectl create namespace "$NS" >/dev/null

# the passwords of this run: kept ones where Secrets exist, new ones otherwise
redis=$( (exists im-redis && kubectl -n "$NS" get secret im-redis -o 'jsonpath={.data.password}' | base64 -d) || random)
for s in operator $SERVICES; do
  if exists im-nats; then
    v=$(kubectl -n "$NS" get secret im-nats -o 'jsonpath={.data.passwords\.conf}' | base64 -d |
      sed -n "s/^$(var "$s"): \"\\(.*\\)\"$/\\1/p")
  else
    v=""
  fi
  [ -n "$v" ] || v=$(random)
  printf '%s: "%s"\n' "$(var "$s")" "$v" >> "$work/passwords.conf"
  printf '%s' "$v" > "$work/nats-$s"
done
for s in $DATABASE_SERVICES; do
  (exists im-postgres && kubectl -n "$NS" get secret im-postgres -o "jsonpath={.data.$(db "$s")}" | base64 -d) > "$work/pg-$s" || true
  [ -s "$work/pg-$s" ] || random > "$work/pg-$s"
done

if ! exists im-nats; then
  kubectl -n "$NS" create secret generic im-nats \
    --from-file=passwords.conf="$work/passwords.conf" --from-literal=route="$(random)" >/dev/null
fi
exists im-redis || kubectl -n "$NS" create secret generic im-redis --from-literal=password="$redis" >/dev/null
if ! exists im-postgres; then
  args=""
  for s in $DATABASE_SERVICES; do args="$args --from-file=$(db "$s")=$work/pg-$s"; done
  # shellcheck disable=SC2086
  kubectl -n "$NS" create secret generic im-postgres $args >/dev/null
fi
for s in $SERVICES; do
  exists "im-$s" && continue
  printf '%s' "$redis" > "$work/redis"
  extra=""
  case " $DATABASE_SERVICES " in *" $s "*) extra="--from-file=database-password=$work/pg-$s" ;; esac
  if [ "$s" = media ]; then
    : "${MEDIA_S3_SECRET_ACCESS_KEY:?set MEDIA_S3_SECRET_ACCESS_KEY to the object store's secret key}"
    printf '%s' "$MEDIA_S3_SECRET_ACCESS_KEY" > "$work/s3"
    extra="$extra --from-file=s3-secret-access-key=$work/s3"
  fi
  # shellcheck disable=SC2086
  kubectl -n "$NS" create secret generic "im-$s" \
    --from-file=nats-password="$work/nats-$s" --from-file=redis-password="$work/redis" $extra >/dev/null
done

kubectl -n "$NS" create configmap im-nats-auth --from-file=auth.conf=deploy/nats/auth.conf \
  --dry-run=client -o yaml | kubectl -n "$NS" apply -f - >/dev/null
echo "Secrets and the NATS users' ConfigMap are in namespace $NS."
