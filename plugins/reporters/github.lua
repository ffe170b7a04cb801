-- GitHub Actions workflow commands: `sdi grade answers/ --format github` in a workflow step turns
-- missed checks into annotations on the answer files (run it from the repository root with
-- relative paths, so the annotations land on the files of the diff).
--
--   ::error file=F,line=L,title=T::message      a check that failed or could not be judged, an
--                                               answer not graded, with errors, or under --min-score
--   ::warning file=F,line=L,title=T::message    a partial check
--   ::notice title=sdi grade::...               last: the run's totals and how many were left out
--
-- L is the check's first evidence line, else 1. The message is the check's feedback, then its
-- suggestion. Escaping follows the runner: in the message % -> %25, CR -> %0D, LF -> %0A; in
-- property values also : -> %3A and , -> %2C.
--
-- GitHub shows at most 10 error and 10 warning annotations per step, so at most 10 of each are
-- printed, the most important first (answers not graded or with errors, checks in error, then
-- the checks that lost the most points; input order on ties), and the notice says how many were
-- left out. Annotations are therefore printed at the end of the run.
--
-- This format prints annotations only. For the job summary, add the Markdown report:
--   sdi grade answers/ --format github --format "markdown:$GITHUB_STEP_SUMMARY"
-- (the file is replaced, so this works when nothing else in the step writes a summary; otherwise
-- write markdown:sdi-summary.md and append it with `cat sdi-summary.md >> "$GITHUB_STEP_SUMMARY"`).

local esc = require "lib.escape"
local R = require "lib.results"

local LIMIT = 10

local errors, warnings, seq

-- More important first: answers not graded or with errors, checks in error, then the checks that
-- lost the most points; input order on ties.
local function before(x, y)
  if x.rank ~= y.rank then return x.rank < y.rank end
  if x.lost ~= y.lost then return x.lost > y.lost end
  return x.seq < y.seq
end

-- Keeps the `LIMIT` most important annotations of a list and counts the others, so memory stays
-- the same however many answers there are.
local function add(list, a)
  seq = seq + 1
  a.seq = seq
  list.total = list.total + 1
  local kept = list.kept
  if #kept == LIMIT then
    if not before(a, kept[LIMIT]) then return end
    kept[LIMIT] = nil
  end
  local i = #kept
  while i > 0 and before(a, kept[i]) do
    kept[i + 1] = kept[i]
    i = i - 1
  end
  kept[i + 1] = a
end

local function check_message(c)
  local parts = {}
  if c.feedback ~= "" then parts[#parts + 1] = c.feedback end
  if c.suggestion ~= "" and c.suggestion ~= c.feedback then parts[#parts + 1] = "Suggestion: " .. c.suggestion end
  if #parts == 0 then parts[1] = c.title end
  return table.concat(parts, "\n\n")
end

local function collect(r, run)
  if not r.graded then
    add(errors, { file = r.file, title = "sdi: not graded", rank = 0, lost = 0,
      message = #r.errors > 0 and table.concat(r.errors, "\n") or "the answer could not be graded" })
    return
  end
  local unattributed = R.answer_errors(r)
  if #unattributed > 0 then
    add(errors, { file = r.file, title = "sdi: errors while grading", rank = 0, lost = 0,
      message = table.concat(unattributed, "\n") })
  end
  if run.min_score > 0 and r.score < run.min_score then
    add(errors, { file = r.file, title = "sdi: below --min-score", rank = 0, lost = 0,
      message = string.format("%s scores %s (%s) on %s, below --min-score %s.", r.file,
        esc.num(r.score), r.level, r.problem, esc.num(run.min_score)) })
  end
  for _, m in ipairs(R.missed(r)) do
    local c = m.check
    local a = {
      file = r.file,
      line = R.first_line(c) or 1,
      title = string.format("%s [%s] %s/%s", c.title, c.id, esc.num(c.points), esc.num(c.max)),
      message = check_message(c),
      lost = c.max - c.points,
    }
    if c.status == "partial" then
      a.rank = 2
      add(warnings, a)
    else
      a.rank = c.status == "error" and 1 or 2
      add(errors, a)
    end
  end
end

-- The annotations kept of a list, in input order, and how many were left out.
local function pick(list)
  local kept = {}
  for i, a in ipairs(list.kept) do kept[i] = a end
  table.sort(kept, function(x, y) return x.seq < y.seq end)
  return kept, list.total - #kept
end

local function command(kind, a)
  local props = { "file=" .. esc.gh_property(a.file) }
  if a.line then props[#props + 1] = "line=" .. a.line end
  props[#props + 1] = "title=" .. esc.gh_property(a.title)
  return string.format("::%s %s::%s\n", kind, table.concat(props, ","), esc.gh_data(a.message))
end

local function plural(n, word)
  return string.format("%d %s%s", n, word, n == 1 and "" or "s")
end

return {
  description = "GitHub Actions annotations (at most 10 errors and 10 warnings; summary: markdown)",

  start = function()
    errors, warnings, seq = { kept = {}, total = 0 }, { kept = {}, total = 0 }, 0
    return nil
  end,

  result = function(r, run)
    collect(r, run)
    return nil
  end,

  finish = function(s)
    local out = {}
    local kept_errors, left_errors = pick(errors)
    local kept_warnings, left_warnings = pick(warnings)
    for _, a in ipairs(kept_errors) do out[#out + 1] = command("error", a) end
    for _, a in ipairs(kept_warnings) do out[#out + 1] = command("warning", a) end

    local text = string.format("%s, %d graded, mean %s", plural(s.files, "answer"), s.graded, esc.num(s.mean))
    if s.errors > 0 then text = text .. string.format(", %d with errors", s.errors) end
    if s.min_score > 0 then
      text = text .. string.format(", %d below --min-score %s", s.below_min_score, esc.num(s.min_score))
    end
    text = text .. string.format("; %s and %s annotated", plural(#kept_errors, "error"),
      plural(#kept_warnings, "warning"))
    if left_errors + left_warnings > 0 then
      text = text .. string.format("; %s and %s left out (GitHub shows at most %d of each per step):"
        .. " see the markdown or text report for all of them", plural(left_errors, "more error"),
        plural(left_warnings, "more warning"), LIMIT)
    end
    out[#out + 1] = "::notice title=" .. esc.gh_property("sdi grade") .. "::" .. esc.gh_data(text .. ".") .. "\n"
    return table.concat(out)
  end,
}
