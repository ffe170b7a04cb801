# `sdi grade` on the url-shortener samples: per-step scores in text, valid sdi.grade.v1 JSON,
# exit codes for --min-score.
source "$(dirname "$0")/lib/assert.bash"
P="$SDI_SOURCE/problems/url-shortener/answers"

run grade "$P/strong.md" "$P/weak.md"
expect_rc 0 "grade strong+weak"
expect_out "url-shortener · classic"
expect_out "1. Gather requirements"
expect_out "6. Deep dive"
expect_out "strongest:"
expect_out "line "
expect_out "2 answers · 2 graded"

run grade "$P/strong.md" --format json
expect_rc 0 "grade --format json"
checks=$((checks + 1))
python3 "$SDI_SOURCE/tests/tools/validate_json.py" "$SDI_SOURCE/docs/grade-report.schema.json" "$WORK/out" \
  || fail "JSON does not validate against docs/grade-report.schema.json"
expect_true "d['schema'] == 'sdi.grade.v1'"
expect_true "d['results'][0]['score'] >= 80"
expect_true "d['results'][0]['level'] == 'strong'"
expect_true "all(c['status'] in ('pass','partial','fail','error') for s in d['results'][0]['steps'] for c in s['checks'])"
expect_true "any(e['line'] > 0 for s in d['results'][0]['steps'] for c in s['checks'] for e in c['evidence'])"
expect_true "d['results'][0]['errors'] == []"

run grade "$P/weak.md" --format json
expect_true "d['results'][0]['score'] < 40"

run grade "$P/weak.md" --min-score 70
expect_rc 1 "weak answer below --min-score"
expect_out "1 below 70"

run grade "$P/strong.md" --min-score 70
expect_rc 0 "strong answer above --min-score"

# Same input, same output, byte for byte.
"$SDI" grade "$P/strong.md" --format json >"$WORK/a.json"
"$SDI" grade "$P/strong.md" --format json >"$WORK/b.json"
checks=$((checks + 1))
cmp -s "$WORK/a.json" "$WORK/b.json" || fail "grading is not deterministic"

# --format F:FILE writes the report atomically next to a text report on stdout.
run grade "$P/strong.md" --format text --format "json:$WORK/report.json"
expect_rc 0 "text + json:FILE"
expect_out "url-shortener · classic"
checks=$((checks + 1))
python3 "$SDI_SOURCE/tests/tools/validate_json.py" "$SDI_SOURCE/docs/grade-report.schema.json" "$WORK/report.json" \
  || fail "report file does not validate"
finish
