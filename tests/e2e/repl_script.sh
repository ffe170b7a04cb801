# The REPL driven by a script on stdin: a whole interview, then `sdi grade` of the saved file
# gives the score :grade gave; sessions are journaled and survive kill -9.
source "$(dirname "$0")/lib/assert.bash"
export XDG_STATE_HOME="$WORK/state"
cd "$WORK"

cat >"$WORK/script" <<'IN'
:help
:start url-shortener
:ask How many new URLs are shortened per month?
:ask What is the read to write ratio?
:ask Do links expire?
:ask What colour is the logo?
We shorten long URLs into 7-character keys and redirect visitors to the original URL.
:next
Redirects must be highly available and fast, under 50 ms at p99, because every published link breaks when we are down.
:next
:calc 100M /month -> /s
Write QPS = 100M / 2.6M s ≈ 40 writes/s and read QPS = 40 × 100 = 4K/s.
:hint
:check
:step data model
We store links in a key-value store such as DynamoDB because every read is a lookup by the short key.
:next
Client -> Load balancer -> App servers -> Redis cache -> DB
:next
We hash the URL with MD5 and encode 43 bits in Base62; on a hash collision we retry with a salt.
=q"2.5 TB/month":to("GB/day")
:undo
:show
We hash the URL with MD5 and encode 43 bits in Base62; on a hash collision we retry with a salt.
:explain consistent hashing
:time
:grade
:save answer.md
:quit
IN
"$SDI" repl <"$WORK/script" >"$WORK/out" 2>"$WORK/err"
rc=$?
OUT="$(cat "$WORK/out")"
ERR="$(cat "$WORK/err")"
expect_rc 0 "scripted interview"
expect_out ":start PROBLEM [TEMPLATE]"
expect_out "Interviewer: About 100 million new short links a month"
expect_out "Interviewer: Reads dominate"
expect_out "State your assumption and move on"
expect_out "38.6/s"
expect_out "Hint (estimation 1/3)"
expect_out "Capacity estimations:"
expect_out "83.3 GB/day"
expect_out "Removed the last paragraph."
expect_out "Consistent hashing"
expect_out "Saved answer.md"
checks=$((checks + 1))
[ "$(grep -c 'sdi >' "$WORK/out")" -eq 0 ] || fail "prompt decoration printed when stdin is not a terminal"
repl_score="$(grep -oE '\(this session\)  url-shortener · classic  [0-9.]+/100' "$WORK/out" | grep -oE '[0-9.]+/100' | cut -d/ -f1)"
checks=$((checks + 1))
[ -n "$repl_score" ] || fail ":grade printed no score"

run grade answer.md --format json
expect_rc 0 "grade the saved session"
expect_true "d['results'][0]['score'] == $repl_score"
expect_true "d['results'][0]['template'] == 'classic'"
expect_true "[c for s in d['results'][0]['steps'] for c in s['checks'] if c['id'] == 'est_write_qps'][0]['status'] == 'pass'"
checks=$((checks + 1))
grep -q 'hints_used = { estimation = 1 }' answer.md || fail "hints not recorded in the saved answer"
checks=$((checks + 1))
grep -q "question = 'What colour is the logo?'" answer.md || fail "questions not logged in the saved answer"

# The session was journaled: it is listed, and resuming restores it.
run repl --resume </dev/null
expect_rc 0 "list sessions"
expect_out "url-shortener"
id="$(ls "$XDG_STATE_HOME/sdi/sessions" | head -1)"
printf ':show\n:quit\n' | "$SDI" repl --resume "$id" >"$WORK/out" 2>&1
checks=$((checks + 1))
grep -q "Resumed session $id" "$WORK/out" && grep -q "key-value store such as DynamoDB" "$WORK/out" \
  || fail "resume did not restore the answer: $(head -c 600 "$WORK/out")"

# kill -9 in the middle of an interview loses nothing that was typed.
mkfifo "$WORK/fifo"
"$SDI" repl url-shortener <"$WORK/fifo" >"$WORK/killed.out" 2>&1 &
pid=$!
exec 3>"$WORK/fifo"
printf 'A line typed before the crash.\n:next\nAnother line in step two.\n' >&3
for _ in $(seq 1 50); do grep -q "Step 2" "$WORK/killed.out" && break; sleep 0.1; done
sleep 0.3
kill -9 "$pid"
exec 3>&-
wait "$pid" 2>/dev/null
killed="$(ls -t "$XDG_STATE_HOME/sdi/sessions" | head -1)"
printf ':show\n:time\n:quit\n' | "$SDI" repl --resume "$killed" >"$WORK/out" 2>&1
checks=$((checks + 1))
grep -q "A line typed before the crash." "$WORK/out" && grep -q "Another line in step two." "$WORK/out" \
  || fail "lines typed before kill -9 were lost: $(head -c 800 "$WORK/out")"
checks=$((checks + 1))
grep -q "> 2. Functional and non-functional requirements" "$WORK/out" || fail "resume lost the current step"

# Errors are one clear line and the session goes on.
printf 'error("boom")\nt = {\n1, 2,\n}\nprint(#t)\nwhile true do end\nprint("still here")\n:nope\n' | "$SDI" repl >"$WORK/out" 2>&1
checks=$((checks + 1))
grep -q 'stdin:1: boom' "$WORK/out" || fail "Lua error not reported: $(cat "$WORK/out")"
checks=$((checks + 1))
grep -q '^2$' "$WORK/out" || fail "multi-line Lua statement did not run"
checks=$((checks + 1))
# The loop ends on its instruction budget, or on the wall-clock net when the machine is slow
# enough (a loaded sanitizer build) to reach that first; either way the REPL carries on.
grep -Eq '(instruction budget|time limit) exceeded' "$WORK/out" && grep -q 'still here' "$WORK/out" ||
  fail "runaway loop stopped the REPL: $(tail -5 "$WORK/out")"
checks=$((checks + 1))
grep -q 'Unknown command :nope' "$WORK/out" || fail "unknown command not reported"
# :edit runs $VISUAL/$EDITOR on the step and reads it back.
printf ':start url-shortener\nThe old sentence.\n:edit\n:show\n:quit\n' |
  EDITOR="sed -i s/old/edited/" "$SDI" repl >"$WORK/out" 2>&1
checks=$((checks + 1))
grep -q "The edited sentence." "$WORK/out" && grep -q "Step updated." "$WORK/out" || fail ":edit did not apply: $(cat "$WORK/out")"

# A pack error during a session is reported and the session stays usable.
cp -r "$SDI_SOURCE/problems/url-shortener" "$WORK/url-shortener"
cat >>"$WORK/url-shortener/pack.lua" <<'LUA'
sdi.check { id = "explodes", title = "A check with a bug", facet = "clarify", kind = "custom", weight = 1,
  feedback = "n/a", run = function(answer) return answer.nothing.here end }
LUA
printf ':start url-shortener\nWe shorten URLs.\n:check\n:calc 2 x 10^5\n:quit\n' |
  "$SDI" --pack-path "$WORK/url-shortener" repl >"$WORK/out" 2>&1
checks=$((checks + 1))
grep -q "explodes" "$WORK/out" && grep -q "200K" "$WORK/out" || fail "a pack error stopped the session: $(cat "$WORK/out")"

run repl no-such-problem </dev/null
expect_rc 2 "unknown problem"
expect_out "Unknown problem 'no-such-problem'"

# A pack that could not be read is a warning when the REPL starts, and naming it says why.
mkdir -p "$WORK/packs/broken"
printf 'id = "broken"\ntitle = "Broken"\n[[[\n' >"$WORK/packs/broken/pack.toml"
printf ':start broken\n:quit\n' | "$SDI" --pack-path "$WORK/packs" repl >"$WORK/out" 2>"$WORK/err"
checks=$((checks + 1))
grep -q "^sdi: warning: .*packs/broken/pack.toml:3: invalid TOML" "$WORK/err" ||
  fail "the REPL did not warn of the broken pack: $(cat "$WORK/err")"
checks=$((checks + 1))
grep -q "Unknown problem 'broken': its pack could not be read: .*packs/broken/pack.toml:3" "$WORK/out" ||
  fail ":start of a broken pack did not say why: $(cat "$WORK/out")"
finish
