#!/usr/bin/env bash
# `make serve`: the production setup on this machine. Production settings (DEBUG off, checked by
# `check --deploy`), migrations, reference data, collectstatic, then gunicorn and the jobs worker
# together (Ctrl+C stops both). See docs/OPERATIONS.md.
#
#   DATABASE_URL=postgres://cpf:…@localhost:5432/cpf make serve   # your PostgreSQL
#   make serve                                                      # a throwaway PostgreSQL
#
# Without DATABASE_URL a throwaway cluster is started (scripts/pg_test_cluster.sh, Debian's
# PostgreSQL server) and filled with the SYNTHETIC demo dataset; it is deleted on exit.
# Without GUNICORN_CERTFILE/GUNICORN_KEYFILE gunicorn speaks HTTPS with a self-signed certificate
# for 127.0.0.1 made here once (.serve/tls/), so that secure cookies, HSTS and the HTTPS redirect
# of the production settings stay on: open https://127.0.0.1:8443/ and accept the certificate.
set -euo pipefail
cd "$(dirname "$0")/.."
PY=.venv/bin/python
state=.serve
mkdir -p "$state"

export DJANGO_SETTINGS_MODULE=config.settings.production
export DJANGO_ALLOWED_HOSTS=${DJANGO_ALLOWED_HOSTS:-127.0.0.1,localhost}
if [ -z "${DJANGO_SECRET_KEY:-}" ]; then
  [ -s .secret_key ] || $PY -c "import secrets; print(secrets.token_urlsafe(50))" > .secret_key
  DJANGO_SECRET_KEY=$(cat .secret_key)
  export DJANGO_SECRET_KEY
fi
port=${SERVE_PORT:-8443}
export GUNICORN_BIND=${GUNICORN_BIND:-127.0.0.1:$port}
export GUNICORN_WORKERS=${GUNICORN_WORKERS:-2}

if [ -z "${GUNICORN_CERTFILE:-}" ]; then
  tls=$state/tls
  if [ ! -s "$tls/cert.pem" ]; then
    echo "==> Certificato TLS autofirmato per 127.0.0.1 (solo per questa macchina)"
    mkdir -p "$tls"
    openssl req -x509 -newkey rsa:2048 -nodes -days 365 -subj "/CN=127.0.0.1" \
      -addext "subjectAltName=IP:127.0.0.1,DNS:localhost" \
      -keyout "$tls/key.pem" -out "$tls/cert.pem" 2>/dev/null
  fi
  export GUNICORN_CERTFILE=$tls/cert.pem GUNICORN_KEYFILE=$tls/key.pem
fi

demo=0
if [ -z "${DATABASE_URL:-}" ]; then
  if ! ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1; then
    echo "==> Pacchetto Debian: postgresql (per il database temporaneo)"
    sudo=""; [ "$(id -u)" = 0 ] || sudo="sudo"
    $sudo apt-get update -qq && DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends postgresql >/dev/null
  fi
  pgdir=$(mktemp -d /tmp/cpf-serve-pg-XXXXXX)
  trap 'bash scripts/pg_test_cluster.sh stop "$pgdir"' EXIT
  echo "==> DATABASE_URL non impostata: PostgreSQL temporaneo in $pgdir (cancellato all'uscita)"
  base_url=$(bash scripts/pg_test_cluster.sh start "$pgdir")
  runuser_psql() { if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi; }
  runuser_psql "$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -n 1)/createdb" -h "$pgdir" -U postgres cpf
  export DATABASE_URL=$base_url
  export CPF_DEMO_MODE=1
  demo=1
fi

echo "==> Controlli di produzione (check --deploy)"
$PY manage.py check --deploy --fail-level WARNING
echo "==> Migrazioni"
$PY manage.py migrate --noinput -v 0
$PY manage.py createcachetable
echo "==> Dati di riferimento (territorio, catalogo dei servizi)"
$PY manage.py load_territory --if-needed
$PY manage.py load_catalogue
if [ "$demo" = 1 ]; then
  echo "==> Dati dimostrativi SINTETICI (database temporaneo)"
  $PY manage.py seed_demo --if-needed
fi
echo "==> File statici (nomi con hash, compressi)"
$PY manage.py collectstatic --noinput -v 0

echo "==> gunicorn su https://$GUNICORN_BIND/ e worker dei lavori (Ctrl+C ferma entrambi)"
$PY scripts/run_together.py "$PY manage.py jobs_worker --no-reload" \
  "$PY -m gunicorn -c deploy/gunicorn.conf.py config.wsgi"
