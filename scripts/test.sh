#!/usr/bin/env bash
# Every test, in the order a failure is cheapest to find. Called by `./phonghop test` (after node-env and
# dependency installs) and therefore by CI. Runs all stages, then prints one summary; exits non-zero on any failure.
set -uo pipefail
cd "$(dirname "$0")/.."
results=tmp/test-results
rm -rf "$results" && mkdir -p "$results"
failed_stages=()

stage() {
  local name=$1; shift
  local start=$SECONDS
  echo "::: $name"
  if "$@"; then echo "::: $name ok ($((SECONDS - start)) s)"; else echo "::: $name FAILED ($((SECONDS - start)) s)"; failed_stages+=("$name"); fi
}

jest_stage() {
  local name=$1; shift
  npx jest --ci --json --outputFile="$results/$name.json" "$@"
}

lint() {
  # The module-boundary rule reads Nx's project graph, which `nx show projects` computes first.
  npx nx show projects >/dev/null && npx eslint --max-warnings=0 apps libs test scripts
}

integration_postgres() {
  local out rc
  out=$(bash scripts/postgres-for-tests.sh start) || return 1
  local PG_TEST_DIR TEST_DATABASE_URL
  eval "$out"
  TEST_DATABASE_URL=$TEST_DATABASE_URL jest_stage integration-postgres -c jest.config.cjs --selectProjects integration
  rc=$?
  bash scripts/postgres-for-tests.sh stop "$PG_TEST_DIR"
  return $rc
}

stage lint lint
stage typecheck npx nx run-many -t typecheck --parallel=2 --outputStyle=static
stage unit jest_stage unit -c jest.config.cjs --selectProjects unit
stage build npx nx run-many -t build --projects=api,web --parallel=1 --outputStyle=static
stage integration-sqlite jest_stage integration-sqlite -c jest.config.cjs --selectProjects integration
if [ "${PHONGHOP_SKIP_POSTGRES:-}" = 1 ]; then echo "::: integration-postgres skipped (PHONGHOP_SKIP_POSTGRES=1)"; else
  stage integration-postgres integration_postgres
fi
stage e2e jest_stage e2e -c test/e2e/jest.config.cjs

node scripts/test-summary.mjs "$results" "${failed_stages[@]}"
