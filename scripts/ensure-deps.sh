#!/usr/bin/env bash
# Sourced after node-env.sh. Installs what a fresh machine lacks; each step is skipped when already done.

# npm dependencies: reinstalled whenever package-lock.json changes (stamp inside node_modules).
ensure_node_modules() {
  local stamp=node_modules/.phonghop-lock-hash
  local want
  want="$(sha256sum package-lock.json | cut -d' ' -f1)-$(node -p process.version)"
  if [ -f "$stamp" ] && [ "$(cat "$stamp")" = "$want" ]; then return 0; fi
  echo "phonghop: cài các gói npm (installing npm packages)…" >&2
  # `npm install` with the committed lockfile (not `npm ci`): this registry lacks some optional
  # platform packages that npm ci would insist on. Native addons build against Node 24's headers.
  npm_config_nodedir="${PHONGHOP_NODEDIR:-}" npm install --no-audit --no-fund --loglevel=error
  echo "$want" > "$stamp"
}

# Debian's Chromium for the end-to-end tests (playwright's own browser download cannot work offline).
ensure_chromium() {
  if [ -x /usr/bin/chromium ]; then return 0; fi
  apt_install chromium
}

# PDF tools for meeting documents: qpdf linearizes uploads (and detects encryption in tests), Ghostscript makes
# test PDFs from another producer, DejaVu Sans is the Unicode font stamped on confidential documents, Liberation
# Serif 2 (Times New Roman metrics, Vietnamese) prints minutes, poppler's pdftotext/pdfinfo/pdffonts check them in tests.
ensure_pdf_tools() {
  local missing=()
  command -v qpdf >/dev/null 2>&1 || missing+=(qpdf)
  command -v gs >/dev/null 2>&1 || missing+=(ghostscript)
  [ -f /usr/share/fonts/truetype/dejavu/DejaVuSans.ttf ] || missing+=(fonts-dejavu-core)
  [ -f /usr/share/fonts/truetype/liberation2/LiberationSerif-Regular.ttf ] || missing+=(fonts-liberation2)
  command -v pdftotext >/dev/null 2>&1 || missing+=(poppler-utils)
  if [ ${#missing[@]} -eq 0 ]; then return 0; fi
  apt_install "${missing[@]}"
}

# ffmpeg for the conference tests (RTP into and out of the SFU) and for recording conferences; tc (iproute2) for
# the test that caps a site's downlink on loopback.
ensure_media_tools() {
  local missing=()
  command -v ffmpeg >/dev/null 2>&1 || missing+=(ffmpeg)
  command -v tc >/dev/null 2>&1 || missing+=(iproute2)
  if [ ${#missing[@]} -eq 0 ]; then return 0; fi
  apt_install "${missing[@]}"
}

# Digital signatures: openssl makes test keys and certificates, acts as the test timestamp authority and checks CMS
# signatures; SoftHSM (softhsm2) is the software PKCS#11 token the tests sign with; poppler's pdfsig (from
# ensure_pdf_tools) checks signed PDFs independently. In production only a real token's PKCS#11 module is needed.
ensure_signature_tools() {
  local missing=()
  command -v openssl >/dev/null 2>&1 || missing+=(openssl)
  command -v softhsm2-util >/dev/null 2>&1 || missing+=(softhsm2)
  if [ ${#missing[@]} -eq 0 ]; then return 0; fi
  apt_install "${missing[@]}"
}

apt_install() {
  if [ "$(id -u)" != 0 ]; then
    echo "phonghop: cần cài gói Debian '$*' (needs root: apt-get install $*)" >&2
    return 1
  fi
  echo "phonghop: apt-get install $*" >&2
  apt-get update -qq >/dev/null || true
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "$@" >/dev/null
}

# mediasoup's C++ worker: built from the npm package's own sources against Debian's libraries (its own
# postinstall is off: it downloads from GitHub), cached by version outside the checkout, installed as
# node_modules/mediasoup/worker/out/Release/mediasoup-worker. Well under a second when the cache has the
# binary (installed or only copied), 12–20 minutes on 2 cores for a real build (docs/operations-mediasoup.md).
# Nothing to do when the operator supplies MEDIASOUP_WORKER_BIN. Needs ensure_node_modules first.
ensure_mediasoup_worker() {
  bash scripts/mediasoup-worker/build.sh
}
