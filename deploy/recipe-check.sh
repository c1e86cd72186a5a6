#!/usr/bin/env bash
# Bring the README's production recipe up on this machine, loopback only, and go through it:
# nginx (Debian's package, workers as www-data) with deploy/nginx-ciep.conf and a self-signed
# certificate, gunicorn as the README starts it, DEBUG=false, X-Accel-Redirect, TRUSTED_PROXY_COUNT.
# deploy/recipe_client.py then fetches a page, logs in, uploads a poster and downloads it again
# through nginx, checking what a browser would be given. Everything lives in a temporary
# directory and is stopped and removed at the end. Needs root (apt, nginx's user switch).
#
#   deploy/recipe-check.sh              # installs nginx with apt if it is missing
#   RECIPE_DATABASE_URL=postgres://…/scratch deploy/recipe-check.sh  # default: SQLite in the
#                                       # temporary directory (never DATABASE_URL: it is migrated
#                                       # and written to)
set -euo pipefail
cd "$(dirname "$0")/.."
REPO=$PWD
PYTHON=$REPO/.venv/bin/python

if ! command -v nginx >/dev/null 2>&1; then
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq && apt-get install -y -qq nginx openssl >/dev/null
fi

WORK=$(mktemp -d /tmp/ciep-recipe.XXXXXX)
chmod 755 "$WORK"                          # nginx's workers (www-data) walk through it
PIDS=()
cleanup() {
  for pid in "${PIDS[@]}"; do kill "$pid" 2>/dev/null || true; done
  for pid in "${PIDS[@]}"; do wait "$pid" 2>/dev/null || true; done
  [ -f "$WORK/nginx.pid" ] && kill "$(cat "$WORK/nginx.pid")" 2>/dev/null || true
  sleep 0.5
  rm -rf "$WORK"
}
trap cleanup EXIT

free_port() { "$PYTHON" -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }
HTTP_PORT=$(free_port); HTTPS_PORT=$(free_port); APP_PORT=$(free_port)

# The README's environment, pointed at the temporary directory.
export DEBUG=false
export SECRET_KEY=$("$PYTHON" -c 'import secrets; print(secrets.token_urlsafe(50))')
export ALLOWED_HOSTS=127.0.0.1
export SITE_URL=https://127.0.0.1:$HTTPS_PORT
export BEHIND_TLS_PROXY=true TRUSTED_PROXY_COUNT=1
export X_ACCEL_REDIRECT_PREFIX=/protected-media/
export VAR_DIR=$WORK/var MEDIA_ROOT=$WORK/var/media
export DATABASE_URL=${RECIPE_DATABASE_URL:-sqlite:///$WORK/var/db.sqlite3}
unset CELERY_BROKER_URL CACHE_URL FILE_UPLOAD_TEMP_DIR   # tasks in-process, local-memory cache
export DJANGO_SETTINGS_MODULE=ciep_portal.settings

# Media belongs to nginx's group, set-group-ID: every file and directory created below it is
# in that group, and FILE_UPLOAD_PERMISSIONS (0640) lets the group read it (README).
install -d -m 2750 -g www-data "$WORK/var/media"
mkdir -p "$WORK/var/staticfiles" "$WORK/ssl"

openssl req -x509 -newkey rsa:2048 -nodes -days 2 -subj /CN=127.0.0.1 \
  -addext subjectAltName=IP:127.0.0.1 \
  -keyout "$WORK/ssl/ciep.key" -out "$WORK/ssl/ciep.crt" 2>/dev/null

echo "recipe: migrate, collectstatic, the 21st CIEP and one liaison"
timeout 300 "$PYTHON" manage.py migrate --noinput >/dev/null
timeout 300 "$PYTHON" manage.py collectstatic --noinput >/dev/null
timeout 300 "$PYTHON" manage.py load_ciep21 >/dev/null
timeout 120 "$PYTHON" manage.py shell --verbosity 0 -c "$(cat deploy/recipe_data.py)" >"$WORK/data.env"

# deploy/nginx-ciep.conf as the README shows it, with this machine's ports and paths.
sed -e "s#listen 80;#listen 127.0.0.1:$HTTP_PORT;#" \
    -e "s#listen 443 ssl;#listen 127.0.0.1:$HTTPS_PORT ssl;#" \
    -e "s#https://\$host\$request_uri#https://\$host:$HTTPS_PORT\$request_uri#" \
    -e "s#server 127.0.0.1:8000;#server 127.0.0.1:$APP_PORT;#" \
    -e "s#/etc/ssl/ciep/#$WORK/ssl/#g" \
    -e "s#/srv/ciep/var/#$WORK/var/#g" \
    -e "s#server_name ciep.example.cn;#server_name 127.0.0.1;#" \
    deploy/nginx-ciep.conf >"$WORK/site.conf"
cat >"$WORK/nginx.conf" <<CONF
user www-data;
worker_processes 1;
pid $WORK/nginx.pid;
error_log $WORK/nginx-error.log;
events { worker_connections 64; }
http {
    include /etc/nginx/mime.types;
    access_log $WORK/nginx-access.log;
    client_body_temp_path $WORK/nginx-body;
    proxy_temp_path $WORK/nginx-proxy;
    include $WORK/site.conf;
}
CONF
nginx -t -q -c "$WORK/nginx.conf"
nginx -c "$WORK/nginx.conf"

# The README's gunicorn line (Procfile's workers and timeout), on the upstream's port.
.venv/bin/gunicorn ciep_portal.wsgi --workers 2 --bind "127.0.0.1:$APP_PORT" --timeout 300 \
  --error-logfile "$WORK/gunicorn.log" &
PIDS+=($!)

echo "recipe: nginx https://127.0.0.1:$HTTPS_PORT -> gunicorn 127.0.0.1:$APP_PORT"
status=0
# shellcheck disable=SC1091
set -a; . "$WORK/data.env"; set +a
timeout 180 "$PYTHON" deploy/recipe_client.py \
  --https "https://127.0.0.1:$HTTPS_PORT" --http "http://127.0.0.1:$HTTP_PORT" \
  --cafile "$WORK/ssl/ciep.crt" --media "$WORK/var/media" || status=$?
if [ "$status" -ne 0 ]; then
  echo "--- nginx error log"; tail -n 20 "$WORK/nginx-error.log" || true
  echo "--- gunicorn log"; tail -n 40 "$WORK/gunicorn.log" || true
fi
exit "$status"
