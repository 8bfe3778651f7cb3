#!/usr/bin/env bash
# Builds mediasoup's C++ worker (mediasoup-worker) from the npm package's own sources
# against Debian's libraries, caches the binary outside the checkout by mediasoup
# version + hash of this recipe, and installs it where mediasoup looks by default:
#   node_modules/mediasoup/worker/out/Release/mediasoup-worker
# mediasoup's own postinstall is disabled ("allowScripts": {"mediasoup": false}) because
# it downloads a prebuilt worker from GitHub and meson subprojects from the internet.
#
# Usage: scripts/mediasoup-worker/build.sh [--force]
#   --force (or PHONGHOP_MEDIASOUP_REBUILD=1)  rebuild even when the cache has the binary
# Environment:
#   PHONGHOP_CACHE        cache root (default ~/.cache/phonghop)
#   MEDIASOUP_WORKER_BIN  operator-supplied worker binary: nothing is built or installed
#   PHONGHOP_KEEP_BUILD=1 keep the temporary build folder
# See docs/operations-mediasoup.md.
set -euo pipefail

recipe_dir="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
repo_root="$(cd "$recipe_dir/../.." && pwd)"
cd "$repo_root"

# Debian packages the build needs: package name, and a file proving it is installed.
build_packages=(
  "g++:/usr/bin/g++"
  "make:/usr/bin/make"
  "binutils:/usr/bin/strip"
  "pkg-config:/usr/bin/pkg-config"
  "libssl-dev:/usr/include/openssl/ssl.h"
  "libuv1-dev:/usr/include/uv.h"
  "libsrtp2-dev:/usr/include/srtp2/srtp.h"
  "libabsl-dev:/usr/include/absl/types/optional.h"
  "libflatbuffers-dev:/usr/include/flatbuffers/flatbuffers.h"
  "flatbuffers-compiler:/usr/bin/flatc"
)
meson_min=1.1.0

started=$SECONDS
say() { echo "phonghop: mediasoup-worker: $*" >&2; }
# Every failure names the missing piece in Vietnamese and in English.
die() {
  echo "phonghop: mediasoup-worker: LỖI: $1" >&2
  echo "phonghop: mediasoup-worker: ERROR: $2" >&2
  exit 1
}

force="${PHONGHOP_MEDIASOUP_REBUILD:-0}"
for arg in "$@"; do
  case "$arg" in
    --force) force=1 ;;
    -h|--help) sed -n '2,17p' "$recipe_dir/build.sh" | sed 's/^# \{0,1\}//'; exit 0 ;;
    *) die "tham số không hợp lệ: $arg" "unknown argument: $arg" ;;
  esac
done

# --- The operator supplies the worker: respect it, build nothing. ---------------------
if [ -n "${MEDIASOUP_WORKER_BIN:-}" ]; then
  [ -x "$MEDIASOUP_WORKER_BIN" ] || die \
    "MEDIASOUP_WORKER_BIN=$MEDIASOUP_WORKER_BIN không phải tệp chạy được" \
    "MEDIASOUP_WORKER_BIN=$MEDIASOUP_WORKER_BIN is not an executable file"
  say "dùng MEDIASOUP_WORKER_BIN, không build (using MEDIASOUP_WORKER_BIN=$MEDIASOUP_WORKER_BIN, skipping)"
  exit 0
fi

# --- What to build, and where the cache is. --------------------------------------------
ms_dir="$repo_root/node_modules/mediasoup"
[ -f "$ms_dir/package.json" ] && [ -f "$ms_dir/worker/meson.build" ] || die \
  "chưa có gói npm mediasoup trong node_modules (chạy npm install trước)" \
  "the mediasoup npm package is not in node_modules (run npm install first)"
ms_version="$(node -p 'require(process.argv[1]).version' "$ms_dir/package.json" 2>/dev/null || true)"
[ -n "$ms_version" ] || die "không đọc được phiên bản mediasoup" "cannot read the mediasoup version"

# The recipe: this script and the subproject shims (not the smoke test, not docs).
recipe_hash="$(cd "$recipe_dir" && find . -type f ! -name smoke.mjs ! -name '*.md' -print0 \
  | LC_ALL=C sort -z | xargs -0 sha256sum | sha256sum | cut -c1-16)"
cache_root="${PHONGHOP_CACHE:-$HOME/.cache/phonghop}/mediasoup-worker"
cache_dir="$cache_root/$ms_version-$recipe_hash"
cached_bin="$cache_dir/mediasoup-worker"
target_bin="$ms_dir/worker/out/Release/mediasoup-worker"
log_file="$cache_root/last-build.log"

# A worker started without MEDIASOUP_VERSION exits with 41 ("not called by Node"): this
# proves the binary loads (all shared libraries present) and starts.
worker_starts() {
  local code=0
  env -u MEDIASOUP_VERSION "$1" >/dev/null 2>&1 </dev/null || code=$?
  [ "$code" = 41 ]
}

missing_packages() {
  local entry
  for entry in "${build_packages[@]}"; do
    [ -e "${entry#*:}" ] || echo "${entry%%:*}"
  done
}

ensure_build_packages() {
  local missing
  mapfile -t missing < <(missing_packages)
  [ ${#missing[@]} -eq 0 ] && return 0
  say "cài gói Debian (installing Debian packages): ${missing[*]}"
  # shellcheck source=../ensure-deps.sh
  source "$repo_root/scripts/ensure-deps.sh"
  apt_install "${missing[@]}" || true
  mapfile -t missing < <(missing_packages)
  [ ${#missing[@]} -eq 0 ] || die \
    "thiếu gói Debian: ${missing[*]} (cần quyền root: apt-get install ${missing[*]})" \
    "missing Debian packages: ${missing[*]} (needs root: apt-get install ${missing[*]})"
}

# Explicit checks: this also runs where `set -e` does not apply (inside `if use_cache`).
install_binary() {
  local dir tmp
  dir="$(dirname "$target_bin")"
  tmp="$dir/.mediasoup-worker.$$"
  # Rename into place: a worker that is already running keeps its old file.
  mkdir -p "$dir" && cp "$cached_bin" "$tmp" && chmod 755 "$tmp" && mv -f "$tmp" "$target_bin" || die \
    "không chép được mediasoup-worker vào $target_bin" "cannot copy mediasoup-worker to $target_bin"
}

use_cache() {
  [ -f "$cached_bin" ] || return 1
  if ! worker_starts "$cached_bin"; then
    # Usually a shared library is missing (a machine where the -dev packages were never
    # installed); they bring the runtime libraries with them.
    ensure_build_packages
    if ! worker_starts "$cached_bin"; then
      say "bản trong cache không chạy, build lại (cached binary does not start, rebuilding)"
      rm -f "$cached_bin"
      return 1
    fi
  fi
  if ! cmp -s "$cached_bin" "$target_bin" 2>/dev/null; then
    install_binary
    say "đã cài từ cache (installed from cache) $cached_bin"
  else
    say "đã cài, khớp cache (already installed, matches cache) $ms_version-$recipe_hash"
  fi
  say "xong sau $((SECONDS - started)) giây (done in $((SECONDS - started)) s)"
}

if [ "$force" != 1 ] && use_cache; then exit 0; fi

# --- Build (one at a time per cache root). ---------------------------------------------
mkdir -p "$cache_root"
exec 9>"$cache_root/.build.lock"
if ! flock -n 9; then
  say "một bản build khác đang chạy, chờ (another build is running, waiting)…"
  flock 9
  # It may have produced exactly what we need.
  if [ "$force" != 1 ] && use_cache; then exit 0; fi
fi

say "build mediasoup $ms_version (recipe $recipe_hash): mất 8–12 phút trên 2 nhân (takes 8–12 minutes on 2 cores)"
: >"$log_file"

# Run one build step, output to the log; on failure show the log's tail and stop.
step() {
  local what_vi="$1" what_en="$2"
  shift 2
  say "$what_en…"
  if ! "$@" >>"$log_file" 2>&1; then
    tail -n 40 "$log_file" >&2
    die "$what_vi thất bại (nhật ký đầy đủ: $log_file)" "$what_en failed (full log: $log_file)"
  fi
}

ensure_build_packages

# meson >= 1.1 (Debian bookworm has 1.0) and ninja from pip, into the cache.
python="$(command -v python3 || true)"
[ -n "$python" ] || die "thiếu python3" "python3 is missing"
tools_dir="$cache_root/tools"
meson_version() {
  PYTHONPATH="$tools_dir" "$python" "$tools_dir/bin/meson" --version 2>/dev/null || true
}
version_ge() { [ "$(printf '%s\n%s\n' "$2" "$1" | sort -V | head -n1)" = "$2" ]; }
have_meson="$(meson_version)"
if [ -z "$have_meson" ] || ! version_ge "$have_meson" "$meson_min" || [ ! -e "$tools_dir/bin/ninja" ]; then
  if ! "$python" -m pip --version >/dev/null 2>&1; then
    # shellcheck source=../ensure-deps.sh
    source "$repo_root/scripts/ensure-deps.sh"
    apt_install python3-pip || true
  fi
  "$python" -m pip --version >/dev/null 2>&1 || die \
    "thiếu pip cho $python (apt-get install python3-pip)" "pip is missing for $python (apt-get install python3-pip)"
  rm -rf "$tools_dir.new"
  step "cài meson và ninja từ pip" "installing meson >= $meson_min and ninja from pip into $tools_dir" \
    "$python" -m pip install --quiet --no-user --disable-pip-version-check \
      --target "$tools_dir.new" "meson>=$meson_min" ninja
  rm -rf "$tools_dir"
  mv "$tools_dir.new" "$tools_dir"
  have_meson="$(meson_version)"
  [ -n "$have_meson" ] && version_ge "$have_meson" "$meson_min" || die \
    "không có meson >= $meson_min sau khi cài từ pip" "no meson >= $meson_min after installing it with pip"
fi
export PYTHONPATH="$tools_dir${PYTHONPATH:+:$PYTHONPATH}"
export PATH="$tools_dir/bin:$PATH"
say "meson $have_meson, ninja $(ninja --version)"

# A copy of the worker sources: node_modules is never modified except for the binary.
build_dir="$(mktemp -d "${TMPDIR:-/tmp}/phonghop-mediasoup-worker.XXXXXX")"
cleanup() {
  if [ "${PHONGHOP_KEEP_BUILD:-0}" = 1 ]; then say "giữ thư mục build (kept) $build_dir"; else rm -rf "$build_dir"; fi
}
trap cleanup EXIT
src="$build_dir/worker"
mkdir -p "$src"
tar -C "$ms_dir/worker" --exclude=./out -cf - . | tar -C "$src" -xf -

# Each shim replaces the subproject of the same wrap name, in the folder that wrap names:
# meson then uses that folder as it is and downloads nothing.
for shim in "$recipe_dir"/subprojects/*/; do
  name="$(basename "$shim")"
  wrap="$src/subprojects/$name.wrap"
  [ -f "$wrap" ] || die \
    "mediasoup $ms_version không còn subproject '$name' (cập nhật scripts/mediasoup-worker)" \
    "mediasoup $ms_version has no '$name' subproject any more (update scripts/mediasoup-worker)"
  dir="$(sed -n 's/^directory[[:space:]]*=[[:space:]]*//p' "$wrap" | tr -d '[:space:]')"
  [ -n "$dir" ] || die "không đọc được 'directory' trong $name.wrap" "cannot read 'directory' in $name.wrap"
  rm -rf "${src:?}/subprojects/$dir"
  cp -R "$shim" "$src/subprojects/$dir"
done

# DTLS fix. mediasoup's BIO callback returns 1 for every BIO operation but writes
# (`operationType == BIO_CB_RETURN` is false for BIO_CB_CTRL|BIO_CB_RETURN), so OpenSSL
# built with kernel TLS (Debian's) believes kTLS is on, skips allocating its write buffer
# and the worker segfaults in do_dtls1_write right after a browser's ClientHello.
dtls_file="$src/src/RTC/DtlsTransport.cpp"
dtls_old='(operationType == BIO_CB_RETURN)'
dtls_new='(operationType & BIO_CB_RETURN)'
if [ "$(grep -cF "$dtls_old" "$dtls_file" || true)" = 1 ]; then
  sed -i 's/(operationType == BIO_CB_RETURN)/(operationType \& BIO_CB_RETURN)/' "$dtls_file"
  grep -qF "$dtls_new" "$dtls_file" && ! grep -qF "$dtls_old" "$dtls_file" || die \
    "không áp dụng được bản sửa DTLS vào DtlsTransport.cpp" "the DTLS fix did not apply to DtlsTransport.cpp"
  say "applied the DTLS BIO callback fix: $dtls_new"
elif grep -qF "$dtls_new" "$dtls_file"; then
  say "DtlsTransport.cpp already tests $dtls_new: no fix needed"
else
  die "bản sửa DTLS không khớp mã nguồn mediasoup $ms_version (xem onSslBioOut trong DtlsTransport.cpp)" \
    "the DTLS fix does not match mediasoup $ms_version's sources (see onSslBioOut in DtlsTransport.cpp)"
fi

cd "$src"
step "cấu hình meson" "configuring with meson" \
  meson setup --buildtype=release -Db_ndebug=true --wrap-mode=nodownload \
    -Dms_build_tests=false -Dms_build_fuzzer=false out
# The FlatBuffers headers first: deps/libwebrtc includes them without depending on them.
step "sinh mã FlatBuffers" "generating the FlatBuffers headers" \
  meson compile -C out flatbuffers-generator
step "biên dịch mediasoup-worker" "compiling mediasoup-worker (only the worker binary)" \
  meson compile -C out -j "$(nproc)" mediasoup-worker:executable
built="$src/out/mediasoup-worker"
[ -x "$built" ] || die "không thấy tệp $built sau khi biên dịch" "no $built after compiling"
strip --strip-unneeded "$built"
worker_starts "$built" || die \
  "mediasoup-worker vừa build không khởi động được (ldd: $(ldd "$built" | grep 'not found' | tr -s ' \n' ' '))" \
  "the freshly built mediasoup-worker does not start (ldd: $(ldd "$built" | grep 'not found' | tr -s ' \n' ' '))"

mkdir -p "$cache_dir"
cp "$built" "$cached_bin.new"
mv -f "$cached_bin.new" "$cached_bin"
cd "$repo_root"
install_binary
say "đã build và cài (built and installed) $(du -h "$cached_bin" | cut -f1) → $target_bin"
say "cache: $cached_bin"
say "xong sau $((SECONDS - started)) giây (done in $((SECONDS - started)) s)"
