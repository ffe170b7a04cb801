# The authoring kit: `sdi pack new` makes a pack that passes lint and test untouched; lint and
# test report a deliberately broken pack precisely; pack test speaks junit, json and tap.
source "$(dirname "$0")/lib/assert.bash"
cd "$WORK"

run pack new news-feed
expect_rc 0 "pack new"
expect_out "Created ./news-feed/"
for f in pack.toml pack.lua answers/strong.md answers/weak.md .luarc.json; do
  checks=$((checks + 1))
  [ -f "news-feed/$f" ] || fail "pack new did not write $f"
done
run pack new news-feed
expect_rc 2 "pack new over an existing folder"
expect_err "already exists"
run pack new Bad_Id
expect_rc 2 "pack new with a bad id"
expect_err "not a pack id"

run pack lint news-feed
expect_rc 0 "lint of a new pack"
expect_out "1 pack linted: 0 errors, 0 warnings"
run pack test news-feed
expect_rc 0 "test of a new pack"
expect_out "2 passed, 0 failed"
(cd news-feed && "$SDI" pack lint >"$WORK/out" 2>&1)
checks=$((checks + 1))
grep -q "1 pack linted: 0 errors" "$WORK/out" || fail "lint inside the pack folder: $(cat "$WORK/out")"

# Formats for pack CI.
run pack test news-feed --format "junit:$WORK/report.xml" --format "json:$WORK/report.json" --format tap
expect_rc 0 "pack test formats"
expect_out "TAP version 14"
expect_out "1..2"
expect_out "ok 1 - news-feed answers/strong.md"
checks=$((checks + 1))
python3 - "$WORK/report.xml" <<'PY' || fail "JUnit report is not the expected XML"
import sys, xml.etree.ElementTree as ET
root = ET.parse(sys.argv[1]).getroot()
assert root.tag == "testsuites" and root.get("tests") == "2" and root.get("failures") == "0", root.attrib
suite = root.find("testsuite")
assert suite.get("name") == "news-feed" and len(suite.findall("testcase")) == 2
PY
checks=$((checks + 1))
python3 -c "
import json; d = json.load(open('$WORK/report.json'))
assert d['schema'] == 'sdi.pack-test.v1' and d['summary'] == {'passed': 2, 'failed': 0, 'errors': 0}, d
" || fail "JSON pack report"

# A broken copy: every problem is named with its file and line.
cp -r news-feed broken
sed -i 's/^id = "news-feed"/id = "broken"/; s/problem = "news-feed"/problem = "broken"/' broken/pack.toml broken/answers/*.md
sed -i 's/facet = "deep_dive", kind = "concepts"/facet = "deep_diving", kind = "concepts"/' broken/pack.lua
run pack lint broken
expect_rc 1 "lint: unknown facet"
expect_out "broken/pack.lua:"
expect_out "facet 'deep_diving' is not one of clarify"
run pack test broken
expect_rc 2 "test: unknown facet"
expect_err "broken/pack.lua:"

cp news-feed/pack.lua broken/pack.lua
sed -i 's/formula = "dau \* reads_per_user"/formula = "dau * reads_per_visitor"/' broken/pack.lua
line="$(grep -n 'id = "read_qps",' broken/pack.lua | head -1 | cut -d: -f1)"
run pack lint broken
expect_rc 1 "lint: failing formula"
expect_out "broken/pack.lua:"
expect_out "estimate 'read_qps': formula 'dau * reads_per_visitor' fails"
expect_out "reads_per_visitor"

cp news-feed/pack.lua broken/pack.lua
sed -i 's/{ "in_memory_cache", "caching" }/{ "in_memory_cache", "flux_capacitor" }/' broken/pack.lua
run pack lint broken
expect_rc 1 "lint: unknown concept"
expect_out "concept 'flux_capacitor' is not in the glossary"

cp news-feed/pack.lua broken/pack.lua
printf '\nsdi.check { id = "cache", title = "Again", facet = "api", kind = "concepts", concepts = { "caching" }, feedback = "x" }\n' >>broken/pack.lua
run pack lint broken
expect_rc 1 "lint: duplicate id"
expect_out "check id 'cache' is already used at line"

cp news-feed/pack.lua broken/pack.lua
printf '\nsdi.question { id = "q2", text = "What?" }\n' >>broken/pack.lua
run pack lint broken
expect_rc 1 "lint: question without an answer"
expect_out "sdi.question: missing required field 'answer'"

cp news-feed/pack.lua broken/pack.lua
printf '\nsdi.check { id = "oops", title = "x", facet = "api", kind = "concepts", concepts = { "caching" } feedback = "x" }\n' >>broken/pack.lua
run pack lint broken
expect_rc 1 "lint: syntax error"
expect_out "broken/pack.lua:$(wc -l <broken/pack.lua):"
run pack test broken
expect_rc 2 "test: syntax error"

cp news-feed/pack.lua broken/pack.lua
sed -i 's/band = \[0, 40\]/band = [50, 100]/' broken/pack.toml
run pack test broken --format junit
expect_rc 1 "test: sample outside its band"
expect_out "<failure message=\"score"
expect_out "outside band 50-100"
run pack test broken
expect_out "FAIL  answers/weak.md"
expect_out "too low; moved by:"

printf 'id = "broken"\ntitle = "x"\n' >broken/pack.toml
run pack lint broken
expect_rc 1 "lint: bad manifest"
expect_out "broken/pack.toml:1: missing required key 'version'"

# Every shipped pack lints clean and reports its counts for tooling.
run pack lint
expect_rc 0 "lint of the shipped packs"
expect_out "0 errors"
for p in url-shortener twitter whatsapp logging view-counter; do
  run show "$p" --json
  expect_rc 0 "show $p --json"
  expect_true "d['counts']['questions'] >= 12 and d['counts']['estimates'] >= 6 and d['counts']['checks'] >= 35"
  expect_true "all(n > 0 for n in d['counts']['checks_per_facet'].values())"
  expect_true "d['counts']['hints'] >= 9 and d['counts']['samples'] >= 6 and d['cache_rule'] != ''"
  checks=$((checks + 1))
  ! grep -q '"answer"' "$WORK/out" || fail "show --json leaks interviewer answers"
done
finish
