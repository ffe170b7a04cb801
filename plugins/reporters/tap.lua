-- TAP version 14 (https://testanything.org/tap-version-14-specification.html): one test point
-- per answer, so `sdi grade answers/ --format tap | tappy` (or prove, tap-parser...) reads it.
--
--   TAP version 14
--   ok 1 - answers/strong.md (url-shortener, score 97.2 strong)
--     ---
--     file: "answers/strong.md"
--     ...                               score, level, min_score, problem, template, failed checks
--     ...
--   not ok 2 - answers/weak.md (twitter, score 2.5 fail)
--   1..2
--
-- A point is "not ok" when the answer could not be graded, had an error while grading, or scores
-- under --min-score (without --min-score a graded answer without errors is ok whatever its score).
-- The plan comes last because results stream. The YAML block lists the checks in status "fail"
-- or "error" under `failed` (partial checks are counted under `partial`); every string is a
-- JSON-style double-quoted scalar, which YAML reads as written. Descriptions escape "\" and "#".

local esc = require "lib.escape"
local R = require "lib.results"

local count = 0

local q = esc.quote

-- A description is one line; "#" would start a directive and "\" escapes it.
local function description(text)
  return (esc.line(text):gsub("\\", "\\\\"):gsub("#", "\\#"))
end

-- The test point after its number (known on the main thread), and whether it is "not ok".
local function render(r, run)
  local bad = R.below_bar(r, run)
  local out = {}
  local function y(line) out[#out + 1] = "  " .. line end

  local what
  if r.graded then
    what = string.format("%s (%s, score %s %s)", r.file, r.problem, esc.num(r.score), r.level)
  else
    what = r.file .. " (not graded)"
  end
  out[#out + 1] = " - " .. description(what)

  y("---")
  if bad then
    local msg
    if not r.graded then msg = "the answer could not be graded"
    elseif #r.errors > 0 then msg = "errors while grading"
    else msg = string.format("score %s is below --min-score %s", esc.num(r.score), esc.num(run.min_score)) end
    y("message: " .. q(msg))
    y("severity: " .. q(#r.errors > 0 and "error" or "fail"))
  end
  y("file: " .. q(r.file))
  y("problem: " .. q(r.problem))
  y("template: " .. q(r.template))
  y("graded: " .. (r.graded and "true" or "false"))
  y("score: " .. esc.num(r.score))
  y("level: " .. q(r.level))
  y("min_score: " .. esc.num(run.min_score))
  if #r.errors > 0 then
    y("errors:")
    for _, e in ipairs(r.errors) do y("  - " .. q(e)) end
  end
  if r.graded then
    local failed, partial = {}, 0
    for _, m in ipairs(R.missed(r)) do
      if m.check.status == "partial" then partial = partial + 1 else failed[#failed + 1] = m end
    end
    y("partial: " .. partial)
    if #failed == 0 then
      y("failed: []")
    else
      y("failed:")
      for _, m in ipairs(failed) do
        local c = m.check
        y("  - id: " .. q(c.id))
        y("    title: " .. q(c.title))
        y("    step: " .. q(m.step.id))
        y("    status: " .. q(c.status))
        y("    points: " .. q(esc.num(c.points) .. "/" .. esc.num(c.max)))
        y("    feedback: " .. q(c.feedback ~= "" and c.feedback or c.suggestion))
        local line = R.first_line(c)
        if line then y("    line: " .. line) end
      end
    end
  end
  y("...")
  return { bad = bad and true or false, text = table.concat(out, "\n") .. "\n" }
end

return {
  description = "TAP version 14: a test point per answer (not ok under --min-score or on errors)",

  start = function()
    count = 0
    return "TAP version 14\n"
  end,

  -- Runs on the worker that graded the answer; the main thread numbers the points.
  render = render,

  result = function(x)
    count = count + 1
    return (x.bad and "not ok " or "ok ") .. count .. x.text
  end,

  finish = function()
    return "1.." .. count .. "\n"
  end,
}
