#!/usr/bin/env bash
# Optional system library for `make run`: Pango, which WeasyPrint needs for PDF exports.
# Installed when we may (root or sudo without a password); otherwise the app still runs and PDF
# exports answer with an Italian message suggesting XLSX.
set -uo pipefail
ldconfig -p 2>/dev/null | grep -q libpango-1.0 && exit 0
if [ "$(id -u)" = 0 ]; then sudo=""; elif sudo -n true 2>/dev/null; then sudo="sudo -n"; else
  echo "  · Pango non installato: le esportazioni PDF non saranno disponibili (apt-get install libpango-1.0-0)"
  exit 0
fi
echo "==> Libreria Pango per i PDF"
$sudo apt-get update -qq >/dev/null 2>&1
DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends libpango-1.0-0 libpangoft2-1.0-0 fonts-dejavu-core >/dev/null 2>&1 \
  || echo "  · Installazione di Pango non riuscita: le esportazioni PDF non saranno disponibili"
exit 0
