# The interactive REPL in a real terminal (tmux): Tab completion of commands, pack ids and Lua
# fields, the prompt with the step and its clock, and resume after the process is killed.
source "$(dirname "$0")/lib/assert.bash"
command -v tmux >/dev/null || { echo "tmux is required (scripts/setup installs it)"; exit 1; }
export XDG_STATE_HOME="$WORK/state"
# One tmux server per REPL started, so a stopping server never swallows the next session.
RUN=0
SOCK="sdi-e2e-$$-0"
T() { tmux -L "$SOCK" "$@"; }
cleanup() {
  for i in $(seq 0 "$RUN"); do tmux -L "sdi-e2e-$$-$i" kill-server 2>/dev/null; done
  rm -rf "$WORK"
}
trap cleanup EXIT

screen() { T capture-pane -t repl -p; }
wait_for() {  # TEXT: waits up to 10 s for TEXT on the screen
  for _ in $(seq 1 100); do
    screen | grep -qF -- "$1" && return 0
    sleep 0.1
  done
  return 1
}
expect_screen() {
  checks=$((checks + 1))
  wait_for "$1" || fail "screen lacks '$1':
$(screen)"
}

start_repl() {
  T kill-server 2>/dev/null
  RUN=$((RUN + 1))
  SOCK="sdi-e2e-$$-$RUN"
  T new-session -d -s repl -x 140 -y 40 \
    "env XDG_STATE_HOME='$XDG_STATE_HOME' LANG=C.UTF-8 TERM=xterm NO_COLOR=1 '$SDI' $*; sleep 60"
}

start_repl
expect_screen "Start one with :start PROBLEM"
T send-keys -t repl ':sta' Tab
expect_screen "sdi > :start"
T send-keys -t repl 'url-sh' Tab
expect_screen ":start url-shortener"
T send-keys -t repl Enter
expect_screen "url-shortener · gather · 02:5"
T send-keys -t repl 'A line typed in a terminal.' Enter
T send-keys -t repl ':next' Enter
expect_screen "url-shortener · requirements · 04:5"
T send-keys -t repl '=sdi.ca' Tab
expect_screen "=sdi.calc"
T send-keys -t repl '("2 x 10^5")' Enter
expect_screen "200K"
T send-keys -t repl ':expl' Tab 'consistent_h' Tab Enter
expect_screen "Places nodes and keys on a hash ring"

# Kill the process, not the terminal: the session comes back with its text and step.
# Only this pane's process: other tests may run sdi at the same time.
pane="$(T list-panes -t repl -F '#{pane_pid}' | head -1)"
pid="$(pgrep -P "$pane" -f "$SDI" || true)"
checks=$((checks + 1))
[ -n "$pid" ] && kill -9 "$pid" || fail "no sdi process to kill"
sleep 0.5
start_repl repl --resume
expect_screen "url-shortener"
id="$(ls "$XDG_STATE_HOME/sdi/sessions" | head -1)"
start_repl repl --resume "$id"
expect_screen "Resumed session $id"
expect_screen "> 2. Functional and non-functional requirements"
expect_screen "url-shortener · requirements · "
T send-keys -t repl ':show' Enter
expect_screen "A line typed in a terminal."

# Ctrl-C stops a running evaluation, and at the prompt drops the line, never the session.
T send-keys -t repl '=(function() while true do end end)()' Enter
sleep 0.3
T send-keys -t repl C-c
expect_screen "interrupted"
T send-keys -t repl 'half a line' C-c
T send-keys -t repl '=6 * 7' Enter
expect_screen "42"
T send-keys -t repl ':show' Enter
checks=$((checks + 1))
sleep 0.3
! screen | grep -q "half a line" || fail "a line dropped with Ctrl-C reached the answer"

# History persists across sessions.
T send-keys -t repl ':quit' Enter
sleep 0.5
checks=$((checks + 1))
grep -qF ':start\040url-shortener' "$XDG_STATE_HOME/sdi/history" || fail "history not saved: $(cat "$XDG_STATE_HOME/sdi/history" 2>&1)"
finish
