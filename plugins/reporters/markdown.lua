-- A Markdown report (GitHub-flavoured): a table of the answers (file, problem, template, score,
-- level, weakest step) and the run's totals, then a section per answer with a table of its steps
-- (points/max, percentage, verdict) and the checks it missed with their suggestions.
--
-- It doubles as the GitHub Actions job summary:
--   sdi grade answers/ --format github --format "markdown:$GITHUB_STEP_SUMMARY"
-- (see github.lua; GitHub caps a step summary at 1 MiB, a few hundred answers with many misses).
--
-- The header and table rows stream; each answer's section is returned as an appendix, which the
-- engine keeps in a temporary file and writes after the totals, so the sections follow the table.
-- All text from answers and packs is escaped (one line, markup characters backslash-escaped), so
-- a pipe cannot break a table and a "<" or "*" renders as written.

local esc = require "lib.escape"
local R = require "lib.results"

local md, num = esc.md, esc.num

local count, flagged

local marks = { pass = "✅", partial = "🟡", fail = "❌", error = "⚠️" }

local function row(cells)
  return "| " .. table.concat(cells, " | ") .. " |\n"
end

local function weakest_text(r)
  local w = R.weakest(r)
  if not w then return "" end
  return string.format("%s (%d%%)", md(w.title), w.score)
end

-- The answer's section after its heading (which holds its number, known on the main thread).
local function section(r, run)
  local out = {}
  local function add(s) out[#out + 1] = s end
  if not r.graded then
    add("**Not graded.**\n\n")
    for _, e in ipairs(r.errors) do add("- " .. md(e) .. "\n") end
    return table.concat(out)
  end
  local bar = ""
  if run.min_score > 0 then
    bar = r.score < run.min_score and string.format(" · **below --min-score %s**", num(run.min_score))
      or string.format(" · at or above --min-score %s", num(run.min_score))
  end
  add(string.format("**%s/100 %s** · problem %s · template %s · matched by %s%s\n\n", num(r.score),
    md(r.level), md(r.problem), md(r.template), md(r.matched_by), bar))

  add(row({ "Step", "Points", "Score", "Verdict" }))
  add("|---|---:|---:|---|\n")
  for _, s in ipairs(r.steps) do
    if s.max > 0 then
      add(row({ md(s.title), num(s.points) .. "/" .. num(s.max), s.score .. "%", md(s.verdict) }))
    else
      add(row({ md(s.title), "–", "–", md(s.verdict) }))
    end
  end

  local missed = R.missed(r)
  if #missed > 0 then
    add("\n**Missed checks**\n\n")
    for _, m in ipairs(missed) do
      local c = m.check
      add(string.format("- %s **%s** (%s, %s/%s, %s)", marks[c.status] or "", md(c.title), md(m.step.title),
        num(c.points), num(c.max), md(c.status)))
      local line = R.first_line(c)
      if line then add(string.format(", line %d", line)) end
      add("\n")
      if c.feedback ~= "" then add("  - " .. md(c.feedback) .. "\n") end
      if c.suggestion ~= "" and c.suggestion ~= c.feedback then add("  - → " .. md(c.suggestion) .. "\n") end
    end
  end

  local outside = r.flags or {}
  if #outside > 0 then
    add("\n**Assumptions outside their plausible range**\n\n")
    for _, f in ipairs(outside) do
      add(string.format("- line %d: %s = %s (plausible: %s)\n", f.line, md(f.id), md(f.stated), md(f.range)))
    end
  end
  local unattributed = R.answer_errors(r)
  if #unattributed > 0 then
    add("\n**Errors**\n\n")
    for _, e in ipairs(unattributed) do add("- " .. md(e) .. "\n") end
  end
  return table.concat(out)
end

return {
  description = "Markdown report: a table of answers, per answer its steps and missed checks",

  start = function()
    count, flagged = 0, false
    return "# sdi grade report\n\n" .. row({ "#", "File", "Problem", "Template", "Score", "Level", "Weakest step" })
      .. "|---:|---|---|---|---:|---|---|\n"
  end,

  -- Runs on the worker that graded the answer: everything but the answer's number.
  render = function(r, run)
    local file = md(r.file)
    local cells, below
    if not r.graded then
      cells = { file, md(r.problem), md(r.template), "–", "not graded", "" }
    else
      local level = md(r.level)
      below = R.below_bar(r, run)
      if below then level = level .. " ❗" end
      cells = { file, md(r.problem), md(r.template), num(r.score), level, weakest_text(r) }
    end
    return { row = table.concat(cells, " | ") .. " |\n", file = file, detail = section(r, run),
      below = below or false }
  end,

  result = function(x)
    count = count + 1
    if x.below then flagged = true end
    -- The answer's own section comes after the table: the engine keeps it until then.
    return "| " .. count .. " | " .. x.row, string.format("\n## %d. %s\n\n", count, x.file) .. x.detail
  end,

  finish = function(s)
    local parts = {
      string.format("%d answer%s", s.files, s.files == 1 and "" or "s"),
      string.format("%d graded", s.graded),
    }
    if s.errors > 0 then parts[#parts + 1] = string.format("%d with errors", s.errors) end
    parts[#parts + 1] = "mean " .. num(s.mean)
    local levels = {}
    for _, name in ipairs({ "strong", "pass", "borderline", "fail" }) do
      levels[#levels + 1] = string.format("%s %d", name, s.levels[name] or 0)
    end
    parts[#parts + 1] = table.concat(levels, ", ")
    if s.min_score > 0 then parts[#parts + 1] = string.format("%d below %s", s.below_min_score, num(s.min_score)) end
    local legend = flagged and "\n\n❗ under --min-score or with errors while grading" or ""
    return "\n" .. table.concat(parts, " · ") .. legend .. "\n"
  end,
}
