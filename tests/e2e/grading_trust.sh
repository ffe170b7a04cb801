# What DESIGN.md promises about grading, checked on whole answers through the CLI: negation,
# keyword salad, headings, reshaped answers, estimates from the candidate's own assumptions,
# the REPL's question log, implausible assumptions, and isolated custom-check errors.
source "$(dirname "$0")/lib/assert.bash"

# A copy of the url-shortener pack under $1, with the Lua on stdin appended to its pack.lua (a
# check under test).
url_shortener_with() {
  mkdir -p "$1"
  cp -r "$SDI_SOURCE/problems/url-shortener" "$1/url-shortener"
  cat >>"$1/url-shortener/pack.lua"
}

P="$SDI_SOURCE/problems/url-shortener/answers"

answer() {  # FILE BODY: writes an url-shortener answer with front matter
  printf '+++\nproblem = "url-shortener"\n+++\n%s\n' "$2" >"$WORK/$1"
}
check_points() {  # ID: points of a check in the first result
  json_get "[c['points'] for s in d['results'][0]['steps'] for c in s['checks'] if c['id'] == '$1'][0]"
}

# Negation: a design that rules components out earns nothing for them.
answer negated.md "# High level design

We need no load balancer and no cache: a single server with a database is enough for this.
We won't shard the data either."
run grade "$WORK/negated.md" --format json
expect_rc 0 "negated design"
expect_true "[c for s in d['results'][0]['steps'] for c in s['checks'] if c['id'] == 'read_path_cache'][0]['points'] == 0"
expect_true "[c for s in d['results'][0]['steps'] for c in s['checks'] if c['id'] == 'partitioning'][0]['points'] == 0"
expect_true "'Ruled out: Load balancer' in [c for s in d['results'][0]['steps'] for c in s['checks'] if c['id'] == 'load_balancer'][0]['feedback']"

# The same words proposed with reasons earn the credit.
answer proposed.md "# High level design

We put a load balancer in front of the app servers so that no single server takes all the load,
and a Redis cache in front of the database because reads outnumber writes 100 to 1."
run grade "$WORK/proposed.md" --format json
expect_true "[c for s in d['results'][0]['steps'] for c in s['checks'] if c['id'] == 'read_path_cache'][0]['status'] == 'pass'"

# Keyword salad of every term the pack names: under 30.
run grade "$P/salad.md" --format json
expect_true "d['results'][0]['score'] < 30"

# Headings are not credit: placeholder sections score nothing.
answer headings.md "# Load balancer

TBD

# Caching

TODO

# Sharding

..."
run grade "$WORK/headings.md" --format json
expect_true "d['results'][0]['score'] == 0"

# The strong answer under other headings, with typos, scores within 10 points.
run grade "$P/strong.md" --format json
strong="$(json_get "d['results'][0]['score']")"
run grade "$P/reshaped.md" --format json
reshaped="$(json_get "d['results'][0]['score']")"
checks=$((checks + 1))
python3 -c "import sys; sys.exit(0 if abs($strong - $reshaped) <= 10 else 1)" \
  || fail "reshaped answer scored $reshaped, strong $strong"

# The strong answer with no headings at all still earns most of its credit.
grep -v '^#' "$P/strong.md" >"$WORK/flat.md"
run grade "$WORK/flat.md" --format json
expect_true "d['results'][0]['score'] >= 70"

# Estimates: right arithmetic from the candidate's own (plausible) assumption is credited,
# and the feedback shows the derivation.
answer own.md "# Estimates

We expect 50M new URLs per month, so write QPS = 50M / 2.6M s = 20 writes/s."
run grade "$WORK/own.md" --format json
expect_true "[e for e in d['results'][0]['estimates'] if e['id'] == 'write_qps'][0]['credit'] == 1"
expect_true "'from your 50M/month' in [e for e in d['results'][0]['estimates'] if e['id'] == 'write_qps'][0]['derivation']"

answer off.md "# Estimates

We expect 50M new URLs per month, so write QPS is about 200 writes/s."
run grade "$WORK/off.md" --format json
expect_true "0 < [e for e in d['results'][0]['estimates'] if e['id'] == 'write_qps'][0]['credit'] < 1"
expect_true "'off by 10' in [e for e in d['results'][0]['estimates'] if e['id'] == 'write_qps'][0]['derivation']"

# Figures in tables and LaTeX fractions are read too.
answer table.md '# Estimates

| Figure | Value |
|---|---|
| New URLs per month | 100M |
| Write QPS | 40/s |

Read QPS = $\frac{100M \times 100}{2.6M}$ ≈ 4K/s.'
run grade "$WORK/table.md" --format json
expect_true "[e for e in d['results'][0]['estimates'] if e['id'] == 'write_qps'][0]['credit'] == 1"
expect_true "[e for e in d['results'][0]['estimates'] if e['id'] == 'read_qps'][0]['credit'] == 1"

# An assumption far outside its plausible range is flagged.
answer wild.md "# Estimates

Assume 900B new URLs per month, so write QPS is about 350K/s."
run grade "$WORK/wild.md" --format json
expect_true "any(f['id'] == 'new_urls_per_month' for f in d['results'][0]['flags'])"

# The REPL's question log in front matter counts as clarifying questions.
printf '+++\nproblem = "url-shortener"\nquestions = ["How many new URLs per month?", "What is the read to write ratio?", "Do links expire?", "Can users pick a custom alias?"]\n+++\n# Notes\nfine\n' >"$WORK/logged.md"
run grade "$WORK/logged.md" --format json
expect_true "[c for s in d['results'][0]['steps'] for c in s['checks'] if c['id'] == 'clarifying_questions'][0]['status'] == 'pass'"

# A custom check that fails is that check's error only; the rest is graded and the run exits 2.
url_shortener_with "$WORK" <<'LUA'
sdi.check {
  id = "explodes", title = "A check with a bug", facet = "deep_dive", kind = "custom", weight = 1,
  feedback = "n/a",
  run = function(answer) return answer.sections[1].nope.deeper end,
}
sdi.check {
  id = "spins", title = "A check that never ends", facet = "deep_dive", kind = "custom", weight = 1,
  feedback = "n/a",
  run = function(answer) while true do end end,
}
LUA
run --pack-path "$WORK/url-shortener" grade "$P/strong.md" --format json
expect_rc 2 "custom check error"
expect_err "explodes"
expect_true "[c for s in d['results'][0]['steps'] for c in s['checks'] if c['id'] == 'explodes'][0]['status'] == 'error'"
expect_true "[c for s in d['results'][0]['steps'] for c in s['checks'] if c['id'] == 'spins'][0]['status'] == 'error'"
expect_true "'instruction' in [c for s in d['results'][0]['steps'] for c in s['checks'] if c['id'] == 'spins'][0]['feedback']"
expect_true "d['results'][0]['graded'] and d['results'][0]['score'] > 80"

# The answer's fields read as they are written, however a check reaches them; an answer table
# kept from an earlier answer says so instead of showing the next one; checks cannot swap the
# metatable they share.
url_shortener_with "$WORK/fields" <<'LUA'
local kept
sdi.check {
  id = "reads_fields", title = "Reads every field", facet = "deep_dive", kind = "custom", weight = 1,
  feedback = "n/a",
  run = function(answer)
    -- The first answer leaves its text unread; the second reads the first's.
    local stale_ok, stale, text = true, "none", "-"
    if kept then
      stale_ok, stale = pcall(function() return kept.text end)
      text = answer.text:sub(1, 8)
    end
    kept = answer
    local locked = not pcall(setmetatable, answer, nil)
    local b = answer.blocks[1]
    local s = answer.sections[1]
    local q = answer.questions[1]
    local same = rawequal(answer.blocks, answer.blocks)
    return { score = 1, feedback = string.format("%s|%d|%s|%d|%s|%s|%s|%s|%s|%s", b.kind, b.line,
      s.title, #answer.sections, tostring(q and q.line), text,
      tostring(same), tostring(locked), tostring(stale_ok), tostring(stale)) }
  end,
}
LUA
printf '+++\nproblem = "url-shortener"\n+++\n# Requirements\n\nHow many URLs a month?\n\n# Design\n\nA cache.\n' >"$WORK/fields1.md"
cp "$WORK/fields1.md" "$WORK/fields2.md"
run --pack-path "$WORK/fields/url-shortener" grade "$WORK/fields1.md" "$WORK/fields2.md" --format json --jobs 1
feedback_of() {  # RESULT: the feedback of reads_fields, as a Python expression
  echo "[c['feedback'] for s in d['results'][$1]['steps'] for c in s['checks'] if c['id'] == 'reads_fields'][0]"
}
expect_true "$(feedback_of 0) == 'heading|4|Requirements|2|6|-|true|true|true|none'"
expect_true "$(feedback_of 1).startswith('heading|4|Requirements|2|6|# Requir|true|true|false|')"
expect_true "'answer.text: this answer is no longer being graded' in $(feedback_of 1)"

# said_together reads sentence by sentence and gives the line a sentence starts on, wrapped
# paragraphs included; said_in_block takes the whole block; questions and term lists say nothing.
url_shortener_with "$WORK/together" <<'LUA'
sdi.check {
  id = "together", title = "Pairs words", facet = "deep_dive", kind = "custom", weight = 1,
  feedback = "n/a",
  run = function(answer)
    local H = sdi.helpers
    local out = {}
    for _, s in ipairs(H.said_together(answer, { "cache" }, { "ttl", "expire" })) do
      out[#out + 1] = s.line .. ":" .. s.text
    end
    for _, h in ipairs(H.said_in_block(answer, { "cache" }, { "ttl", "expire" })) do
      out[#out + 1] = "block " .. h.line .. ":" .. h.kind
    end
    local b, c = H.best_use(answer, { "caching", "load_balancer" })
    out[#out + 1] = string.format("%s@%d %s %s %s", b.use, b.line, math.type(c), c, b.text)
    local w, wc = H.best_use(answer, { "load_balancer" }, { "links rarely" })
    out[#out + 1] = string.format("%s@%d %s %s", w.use, w.line, math.type(wc), wc)
    local none, zero = H.best_use(answer, { "load_balancer" })
    out[#out + 1] = string.format("%s %s %s", none, math.type(zero), zero)
    local _, err = pcall(function() local b = H.best_use(answer, { "no_such_concept" }); return b end)
    out[#out + 1] = tostring(err)
    return { score = 1, feedback = table.concat(out, "|") }
  end,
}
LUA
printf '+++\nproblem = "url-shortener"\n+++\n# Design\n\nWe put a cache in front of the database so reads are cheap. Entries\nexpire after a day. The cache keys carry a TTL of one day because\nlinks rarely change.\n\nDo we need a cache with a TTL?\n\n- cache, ttl, expire, redis\n' >"$WORK/together.md"
run --pack-path "$WORK/together/url-shortener" grade "$WORK/together.md" --format json
expect_true "[c['feedback'] for s in d['results'][0]['steps'] for c in s['checks'] if c['id'] == 'together'][0].split('|')[:5] == ['7:The cache keys carry a TTL of one day because links rarely change.', 'block 6:paragraph', 'reasoned@7 integer 1 The cache keys carry a TTL of one day because links rarely change.', 'used@8 float 0.8', 'nil integer 0']"
expect_true "bool(__import__('re').search(r'pack.lua:[0-9]+: concept .no_such_concept. is not in the glossary$', [c['feedback'] for s in d['results'][0]['steps'] for c in s['checks'] if c['id'] == 'together'][0]))"

# best_block and blocks_with scan the whole answer in the engine; a search's limit keeps its first
# hits by line.
url_shortener_with "$WORK/scans" <<'LUA'
sdi.check {
  id = "scans", title = "Scans blocks", facet = "deep_dive", kind = "custom", weight = 1,
  feedback = "n/a",
  run = function(answer)
    local H = sdi.helpers
    local groups = { { "short_key", "short key" }, { "long_url", "original url" }, { "created_at" } }
    local out = {}
    local b, n = H.best_block(answer, groups)
    out[#out + 1] = string.format("%s@%d-%d %d %s", b.kind, b.line, b.end_line, n, b.text)
    b, n = H.best_block(answer, groups, { join_table_rows = true })
    out[#out + 1] = string.format("%s@%d-%d %d %s", b.kind, b.line, b.end_line, n, b.text:gsub("\n", "/"))
    out[#out + 1] = string.format("%s %d", H.best_block(answer, { { "nowhere" } }), select(2, H.best_block(answer, {})))
    for _, blk in ipairs(H.blocks_with(answer, { "CACHE", "created_at" })) do
      out[#out + 1] = blk.kind .. "@" .. blk.line
    end
    out[#out + 1] = #H.found_any(answer, { "cache", "short_key" }) .. " " .. #H.found_any(answer, { "cache", "short_key" }, 1)
      .. " " .. H.found_any(answer, { "cache", "short_key" }, 1)[1].line .. " " .. #H.said_any(answer, { "cache" }, 0)
    local lines = {}
    for _, h in ipairs(H.said_lines(answer, { "cache", "short_key", "front", "database" })) do
      lines[#lines + 1] = h.line .. h.kind
    end
    out[#out + 1] = table.concat(lines, ",")
    local q = H.asked(answer, { 7, "retention", "read_write_ratio", "scale" })
    local got, ev = H.asked_each(answer, { "read_write_ratio", "scale", "scale", "auth" })
    out[#out + 1] = string.format("%s@%d %s %s %d %d@%d %s", q.matches, q.line, q.text, H.asked(answer, { "auth" }),
      got, #ev, ev[1].line, ev[2].text)
    return { score = 1, feedback = table.concat(out, ";") }
  end,
}
LUA
printf '+++\nproblem = "url-shortener"\nquestions = ["How many new URLs per month?", "What is the read to write ratio?", "How many URLs a month?"]\n+++\n# Data model\n\nEach link has a short_key and a long_url.\n\n| field | type |\n|---|---|\n| short_key | text |\n| long_url | text |\n| created_at | time |\n\nDo we cache the short_key, long_url and created_at?\n\nWe put a cache in front of the database.\n' >"$WORK/scans.md"
run --pack-path "$WORK/scans/url-shortener" grade "$WORK/scans.md" --format json
scans="[c['feedback'] for s in d['results'][0]['steps'] for c in s['checks'] if c['id'] == 'scans'][0].split(';')"
# The table's header row stands alone: its delimiter row keeps it from the next row.
expect_true "$scans[:3] == ['paragraph@7-7 2 Each link has a short_key and a long_url.', 'table_row@11-13 3 short_key | text/long_url | text/created_at | time', 'nil 0']"
# blocks_with keeps questions; found_any does not.
expect_true "$scans[3:7] == ['table_row@13', 'paragraph@15', 'paragraph@17', '3 1 7 0']"
# said_lines: one hit per line, prose only (the question says nothing).
expect_true "$scans[7] == '7paragraph,17paragraph'"
# asked and asked_each read the questions in answer order, each pack question once.
expect_true "$scans[8] == 'scale@0 How many new URLs per month? nil 2 2@0 What is the read to write ratio?'"

# `run` gets which check is running as its second argument, when it declares one or takes `...`.
url_shortener_with "$WORK/ctx" <<'LUA'
sdi.check {
  id = "named_ctx", title = "Reads ctx", facet = "deep_dive", kind = "custom", weight = 2,
  feedback = "n/a",
  run = function(answer, ctx)
    return { score = 1, feedback = string.format("%s|%s|%s", ctx.check, ctx.facet, ctx.weight) }
  end,
}
sdi.check {
  id = "vararg_ctx", title = "Reads ctx", facet = "api", kind = "custom", weight = 1,
  feedback = "n/a",
  run = function(...)
    local answer, ctx = ...
    return { score = 1, feedback = string.format("%s|%s|%s|%d", ctx.check, ctx.facet, ctx.weight,
      select("#", ...)) }
  end,
}
-- What run returns is read as indexing reads it: a metatable may supply its fields.
sdi.check {
  id = "inherited_outcome", title = "Returns an outcome with a metatable", facet = "api",
  kind = "custom", weight = 1, feedback = "n/a",
  run = function(answer)
    return setmetatable({ evidence = { { line = 3, text = "own" }, 4 } },
      { __index = { score = 0.5, feedback = "from __index", suggestion = "inherited" } })
  end,
}
sdi.check {
  id = "plain_outcome", title = "Returns a plain outcome", facet = "api", kind = "custom", weight = 1,
  feedback = "n/a",
  run = function(answer)
    return { [1] = "ignored", score = "0.25", status = "pass", feedback = "plain\0cut",
      suggestion = 7, evidence = { { line = 5, text = "first" }, "skipped", 6 } }
  end,
}
LUA
run --pack-path "$WORK/ctx/url-shortener" grade "$WORK/together.md" --format json
check_of() {  # ID: the check's result, as a Python expression
  echo "[c for s in d['results'][0]['steps'] for c in s['checks'] if c['id'] == '$1'][0]"
}
expect_true "($(check_of inherited_outcome)['status'], $(check_of inherited_outcome)['feedback'], $(check_of inherited_outcome)['suggestion']) == ('partial', 'from __index', 'inherited')"
expect_true "[(e['line'], e['text']) for e in $(check_of inherited_outcome)['evidence']] == [(3, 'own'), (4, '')]"
expect_true "($(check_of plain_outcome)['status'], $(check_of plain_outcome)['feedback'], $(check_of plain_outcome)['suggestion']) == ('partial', 'plain', 'n/a')"
expect_true "[(e['line'], e['text']) for e in $(check_of plain_outcome)['evidence']] == [(5, 'first'), (6, '')]"
expect_true "[c['feedback'] for s in d['results'][0]['steps'] for c in s['checks'] if c['id'] == 'named_ctx'][0] == 'named_ctx|deep_dive|2.0'"
expect_true "[c['feedback'] for s in d['results'][0]['steps'] for c in s['checks'] if c['id'] == 'vararg_ctx'][0] == 'vararg_ctx|api|1.0|2'"

# Per facet: points and a verdict.
run grade "$P/strong.md" --format json
expect_true "[f['id'] for f in d['results'][0]['facets']] == ['clarify','requirements','estimation','api','data_model','high_level','deep_dive','bottlenecks','justify']"
finish
