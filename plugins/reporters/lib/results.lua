-- Readings of an sdi.Result shared by the reporters (`local R = require "lib.results"`).

local M = {}

-- The graded step (max > 0) with the lowest share of its points; the first one on a tie. nil
-- when no step is graded.
function M.weakest(r)
  local worst
  for _, s in ipairs(r.steps or {}) do
    if s.max > 0 and (worst == nil or s.points / s.max < worst.points / worst.max) then worst = s end
  end
  return worst
end

-- Every check of the answer that did not pass, in step order, as { step = s, check = c }.
function M.missed(r)
  local out = {}
  for _, s in ipairs(r.steps or {}) do
    for _, c in ipairs(s.checks) do
      if c.status ~= "pass" then out[#out + 1] = { step = s, check = c } end
    end
  end
  return out
end

-- The answer's errors that are not already the feedback of a check in status "error" (a broken
-- custom check is reported both ways by the engine): what no check result carries.
function M.answer_errors(r)
  local seen = {}
  for _, s in ipairs(r.steps or {}) do
    for _, c in ipairs(s.checks) do
      if c.status == "error" then seen[c.feedback] = true end
    end
  end
  local out = {}
  for _, e in ipairs(r.errors or {}) do
    if not seen[e] then out[#out + 1] = e end
  end
  return out
end

-- True when the answer fails the run's bar: not graded, an error while grading, or a score under
-- a --min-score that was set.
function M.below_bar(r, run)
  if not r.graded or #r.errors > 0 then return true end
  return run.min_score > 0 and r.score < run.min_score
end

-- The first evidence line of a check usable as a file position (line 0 is front matter data).
function M.first_line(c)
  local ev = c.evidence and c.evidence[1]
  if ev and ev.line and ev.line > 0 then return ev.line end
  return nil
end

return M
