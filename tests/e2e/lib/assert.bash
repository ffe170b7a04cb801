# Shared helpers for the end-to-end tests. Each test script sources this file; $SDI is the binary
# under test and $SDI_SOURCE the project root (both set by CTest).
set -uo pipefail

: "${SDI:?SDI must point at the sdi binary}"
: "${SDI_SOURCE:?SDI_SOURCE must point at the project root}"
export NO_COLOR=1
WORK="$(mktemp -d)"
trap 'rm -rf "$WORK"' EXIT
failures=0
checks=0

fail() {
  echo "FAIL: $*" >&2
  failures=$((failures + 1))
}

# run CMD...: runs sdi with the arguments, capturing stdout, stderr and the exit code.
run() {
  "$SDI" "$@" >"$WORK/out" 2>"$WORK/err"
  rc=$?
  OUT="$(cat "$WORK/out")"
  ERR="$(cat "$WORK/err")"
}

expect_rc() {
  checks=$((checks + 1))
  [ "$rc" -eq "$1" ] || fail "${2:-command}: exit code $rc, expected $1 (stderr: ${ERR:0:400})"
}

expect_out() {
  checks=$((checks + 1))
  grep -qF -- "$1" "$WORK/out" || fail "stdout lacks '$1'; got: ${OUT:0:600}"
}

expect_err() {
  checks=$((checks + 1))
  grep -qF -- "$1" "$WORK/err" || fail "stderr lacks '$1'; got: ${ERR:0:600}"
}

expect_no_err() {
  checks=$((checks + 1))
  [ -z "$ERR" ] || fail "stderr should be empty; got: ${ERR:0:600}"
}

# json_get EXPR: evaluates a Python expression over the JSON on stdout (bound to `d`).
json_get() {
  python3 -c "import json,sys; d=json.load(open('$WORK/out')); print($1)"
}

expect_true() {
  checks=$((checks + 1))
  local v
  v="$(json_get "$1" 2>&1)"
  [ "$v" = "True" ] || fail "expected true: $1 (got $v)"
}

finish() {
  echo "$checks checks, $failures failed"
  [ "$failures" -eq 0 ]
}
