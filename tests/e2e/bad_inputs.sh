# Every bad input gets one line naming the file (and line) and what to do, exit 2, and the other
# answers in the same run are still graded.
source "$(dirname "$0")/lib/assert.bash"
GOOD="$SDI_SOURCE/problems/url-shortener/answers/strong.md"

expect_one() {  # NAME EXPECTED_STDERR_TEXT ARGS...
  local name="$1" text="$2"
  shift 2
  run grade "$@" "$GOOD" --format json
  expect_rc 2 "$name"
  expect_err "$text"
  checks=$((checks + 1))
  [ "$(grep -c '^sdi: ' "$WORK/err")" -ge 1 ] || fail "$name: no 'sdi: ' error line"
  expect_true "any(r['file'].endswith('strong.md') and r['graded'] and r['score'] >= 80 for r in d['results'])"
}

expect_one "missing file" "sdi: $WORK/nope.md: no such file" "$WORK/nope.md"

mkdir -p "$WORK/empty"
touch "$WORK/empty/notes.txt"
run grade "$WORK/empty" "$GOOD" --format json
expect_rc 2 "empty folder"
expect_err "$WORK/empty: folder holds no .md answers"
expect_true "len(d['results']) == 1 and d['results'][0]['graded']"

printf 'abc\0def\n' >"$WORK/binary.md"
expect_one "binary" "binary.md: binary file" "$WORK/binary.md"

printf '+++\nproblem = "url-shortener"\n+++\n# Title\nok line\nbad \xff byte\n' >"$WORK/utf8.md"
expect_one "invalid UTF-8" "utf8.md:6:5: " "$WORK/utf8.md"

head -c 50000000 /dev/zero | tr '\0' 'a' >"$WORK/huge.md"
expect_one "50 MB file" "huge.md: file is 50.0 MB" "$WORK/huge.md"

printf '+++\nproblem = "no-such-problem"\n+++\n# Answer\ntext\n' >"$WORK/unknown.md"
expect_one "unknown problem" "unknown problem 'no-such-problem'" "$WORK/unknown.md"

printf '+++\nproblem = "url-shortener\ntemplate = 3\n+++\n# Answer\n' >"$WORK/frontmatter.md"
expect_one "malformed front matter" "frontmatter.md:2:" "$WORK/frontmatter.md"

printf '# Notes\nNothing in here is about any system at all.\n' >"$WORK/noproblem.md"
expect_one "no problem named or fitting" "noproblem.md:1: no problem named and none fits" "$WORK/noproblem.md"

# An answer that names no problem but clearly is one is matched to it, runner-up reported.
grep -v '^problem = ' "$SDI_SOURCE/problems/twitter/answers/strong.md" >"$WORK/unnamed.md"
run grade "$WORK/unnamed.md" --format json
expect_rc 0 "best fit"
expect_true "d['results'][0]['problem'] == 'twitter' and d['results'][0]['matched_by'].startswith('best fit (runner-up: ')"

# A pack with a syntax error: its answers fail with the pack's file and line; others grade.
mkdir -p "$WORK/packs/broken/answers"
cat >"$WORK/packs/broken/pack.toml" <<'TOML'
id = "broken"
title = "Broken pack"
version = "0.1.0"
engine = ">=0.1"
difficulty = "easy"
template = "classic"
prompt = "A pack whose Lua does not compile."
TOML
printf 'sdi.question {\n  id = "x",\n  text = "oops"\n  answer = "missing comma"\n}\n' >"$WORK/packs/broken/pack.lua"
printf '+++\nproblem = "broken"\n+++\n# Answer\ntext\n' >"$WORK/broken.md"
run --pack-path "$WORK/packs" grade "$WORK/broken.md" "$GOOD" --format json
expect_rc 2 "pack with a syntax error"
expect_err "packs/broken/pack.lua:4:"
expect_true "any(r['graded'] and r['score'] >= 80 for r in d['results'])"

# Several bad files in one run: each reported, the good one still graded.
run grade "$WORK/nope.md" "$WORK/binary.md" "$GOOD" "$WORK/unknown.md" --format json
expect_rc 2 "several bad files"
checks=$((checks + 1))
[ "$(grep -c '^sdi: ' "$WORK/err")" -eq 3 ] || fail "expected 3 error lines, got: $ERR"
expect_true "len(d['results']) == 4 and sum(1 for r in d['results'] if r['graded']) == 1"

run grade
expect_rc 2 "no arguments"
run grade "$GOOD" --format nosuch
expect_rc 2 "unknown format"
expect_err "unknown format 'nosuch'"
finish
