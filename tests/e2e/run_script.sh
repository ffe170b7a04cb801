# `sdi run SCRIPT.lua [ARGS]`: a sandboxed script with the engine's API and its arguments.
source "$(dirname "$0")/lib/assert.bash"
cat >"$WORK/helper.lua" <<'LUA'
return { per_second = function(q) return q:to("/s") end }
LUA
cat >"$WORK/script.lua" <<'LUA'
local helper = require "helper"
local dau = sdi.q(arg[1] .. " users")
print("write QPS", tostring(helper.per_second(dau * sdi.q("2 /day"))))
for _, p in ipairs(packs()) do io_missing = io end
print("io", tostring(io_missing))
print("packs", #packs())
LUA
run run "$WORK/script.lua" 300M
expect_rc 0 "sdi run"
expect_out "write QPS	6.94K users/s"
expect_out "io	nil"
expect_out "packs	5"

printf 'local x = 1\nerror("stop here")\n' >"$WORK/bad.lua"
run run "$WORK/bad.lua"
expect_rc 2 "failing script"
expect_err "sdi: $WORK/bad.lua:2: stop here"
run run "$WORK/missing.lua"
expect_rc 2 "missing script"
finish
