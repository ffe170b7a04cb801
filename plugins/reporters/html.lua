-- One self-contained HTML page (inline CSS, inline SVG, no scripts, no external resources, so it
-- reads offline and as a CI artifact): `sdi grade answers/ --format html:report.html`.
--
-- The page holds a table of the answers (file, problem, template, score, level, weakest step, a
-- link to the answer's section), the run's totals, then per answer a bar chart of the score of
-- every template step (an SVG <rect class="bar"> per step, label and percentage beside it; steps
-- no check applies to get an empty bar marked "not graded") and the checks it missed, with their
-- feedback and suggestions.
--
-- Table rows stream; each answer's section is an appendix the engine writes after the table. All text is HTML-escaped. The output
-- depends only on the results (no dates), so the same run gives the same bytes.

local esc = require "lib.escape"
local R = require "lib.results"

local h, num = esc.html, esc.num

local count

local CSS = [[
:root{--fg:#1f2328;--muted:#59636e;--line:#d1d9e0;--alt:#f6f8fa;--track:#eaeef2}
*{box-sizing:border-box}
body{font:15px/1.5 system-ui,-apple-system,"Segoe UI",Roboto,"Helvetica Neue",Arial,sans-serif;color:var(--fg);background:#fff;max-width:1100px;margin:2rem auto;padding:0 1.25rem}
h1{font-size:1.6rem;margin:0 0 1rem}
h2{font-size:1.2rem;margin:2.5rem 0 .25rem;padding-top:1rem;border-top:1px solid var(--line);overflow-wrap:anywhere}
p.meta,p.totals{color:var(--muted);margin:.25rem 0 1rem}
table{border-collapse:collapse;width:100%;margin:.5rem 0 1rem}
th,td{text-align:left;vertical-align:top;padding:.4rem .6rem;border-bottom:1px solid var(--line)}
th{background:var(--alt);font-weight:600}
td.num,th.num{text-align:right;font-variant-numeric:tabular-nums;white-space:nowrap}
td.file{overflow-wrap:anywhere}
td.lvl{white-space:nowrap}
a{color:#0969da}
.level{display:inline-block;padding:0 .55rem;border-radius:1rem;color:#fff;font-size:.85em;font-weight:600;white-space:nowrap}
.level-strong{background:#1a7f37}.level-pass{background:#2da44e}.level-borderline{background:#9a6700}.level-fail{background:#cf222e}.level-error{background:#8250df}
.below{color:#cf222e;font-weight:600}
svg.steps{display:block;width:100%;max-width:880px;height:auto;margin:.5rem 0 1rem}
svg.steps text{font-family:system-ui,-apple-system,"Segoe UI",Roboto,Arial,sans-serif;font-size:13px;fill:#1f2328}
svg.steps text.pct{font-variant-numeric:tabular-nums}
svg.steps text.na{fill:#59636e;font-style:italic}
svg.steps .track{fill:var(--track)}
.b-strong{fill:#1a7f37}.b-solid{fill:#4ac26b}.b-thin{fill:#d4a72c}.b-weak{fill:#e16f24}.b-none{fill:#cf222e}
details{margin:.25rem 0 1rem}
summary{cursor:pointer;font-weight:600}
ul.missed{padding-left:1.2rem}
ul.missed li{margin:.45rem 0}
.status{font-size:.8em;font-weight:600;text-transform:uppercase;letter-spacing:.03em}
.status-fail{color:#cf222e}.status-partial{color:#9a6700}.status-error{color:#8250df}
.fb{color:var(--fg)}.sg{color:#0550ae}
.where{color:var(--muted);font-size:.9em}
ul.errors{color:#8250df}
]]

local function bar_class(pct)
  if pct >= 80 then return "b-strong" end
  if pct >= 60 then return "b-solid" end
  if pct >= 40 then return "b-thin" end
  if pct > 0 then return "b-weak" end
  return "b-none"
end

-- Horizontal bars, one per step: label (right-aligned), track, bar, percentage.
local function chart(r)
  local row_h, top = 30, 6
  local label_end, bar_x, bar_w = 330, 342, 380
  local height = top * 2 + row_h * #r.steps
  local out = {
    string.format('<svg class="steps" viewBox="0 0 880 %d" width="880" height="%d" role="img" aria-label="%s">\n',
      height, height, h("Score per step of " .. r.file)),
  }
  for i, s in ipairs(r.steps) do
    local y = top + (i - 1) * row_h
    local graded = s.max > 0
    local pct = graded and math.max(0, math.min(100, s.score)) or 0
    local width = graded and math.floor(bar_w * pct / 100 + 0.5) or 0
    local tip = graded and string.format("%s: %s/%s points, %d%% (%s)", s.title, num(s.points), num(s.max), s.score, s.verdict)
      or (s.title .. ": no check applies (" .. s.verdict .. ")")
    out[#out + 1] = string.format('<g class="step"><title>%s</title>\n', h(tip))
    out[#out + 1] = string.format('<text class="label" x="%d" y="%d" text-anchor="end">%s</text>\n', label_end,
      y + 20, h(esc.shorten(esc.line(s.title), 48)))
    out[#out + 1] = string.format('<rect class="track" x="%d" y="%d" width="%d" height="20" rx="3"/>\n', bar_x, y + 5, bar_w)
    out[#out + 1] = string.format('<rect class="bar %s" data-step="%s" x="%d" y="%d" width="%d" height="20" rx="3"/>\n',
      graded and bar_class(pct) or "b-na", h(s.id), bar_x, y + 5, width)
    if graded then
      out[#out + 1] = string.format('<text class="pct" x="%d" y="%d">%d%% · %s/%s</text></g>\n', bar_x + bar_w + 10,
        y + 20, s.score, num(s.points), num(s.max))
    else
      out[#out + 1] = string.format('<text class="pct na" x="%d" y="%d">not graded</text></g>\n', bar_x + bar_w + 10, y + 20)
    end
  end
  out[#out + 1] = "</svg>\n"
  return table.concat(out)
end

local function level_badge(level)
  return string.format('<span class="level level-%s">%s</span>', h(level), h(level))
end

-- The answer's section after its opening lines (which hold its number, known on the main thread).
local function section(r, run)
  local out = {}
  local function add(s) out[#out + 1] = s end
  if not r.graded then
    add('<p class="meta">' .. level_badge("error") .. " not graded</p>\n<ul class=\"errors\">\n")
    for _, e in ipairs(r.errors) do add("<li>" .. h(e) .. "</li>\n") end
    add("</ul>\n</section>\n")
    return table.concat(out)
  end
  local bar = ""
  if run.min_score > 0 and r.score < run.min_score then
    bar = string.format(' · <span class="below">below --min-score %s</span>', num(run.min_score))
  end
  add(string.format('<p class="meta"><strong>%s/100</strong> %s · problem %s · template %s · matched by %s%s</p>\n',
    num(r.score), level_badge(r.level), h(r.problem), h(r.template), h(r.matched_by), bar))
  add(chart(r))

  local missed = R.missed(r)
  if #missed > 0 then
    add(string.format("<details><summary>Missed checks (%d)</summary>\n<ul class=\"missed\">\n", #missed))
    for _, m in ipairs(missed) do
      local c = m.check
      local line = R.first_line(c)
      add(string.format('<li><span class="status status-%s">%s</span> <strong>%s</strong> <span class="where">%s · %s/%s%s</span>',
        h(c.status), h(c.status), h(c.title), h(m.step.title), num(c.points), num(c.max),
        line and (" · line " .. line) or ""))
      if c.feedback ~= "" then add('<br><span class="fb">' .. h(c.feedback) .. "</span>") end
      if c.suggestion ~= "" and c.suggestion ~= c.feedback then add('<br><span class="sg">→ ' .. h(c.suggestion) .. "</span>") end
      add("</li>\n")
    end
    add("</ul>\n</details>\n")
  end
  local unattributed = R.answer_errors(r)
  if #unattributed > 0 then
    add('<ul class="errors">\n')
    for _, e in ipairs(unattributed) do add("<li>" .. h(e) .. "</li>\n") end
    add("</ul>\n")
  end
  add("</section>\n")
  return table.concat(out)
end

return {
  description = "Self-contained HTML page: a table of answers and a bar chart of steps per answer",

  start = function(run)
    count = 0
    return table.concat({
      "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n",
      '<meta name="viewport" content="width=device-width, initial-scale=1">\n',
      '<meta name="generator" content="sdi ', h(run.version), '">\n',
      "<title>sdi grade report</title>\n<style>\n", CSS, "</style>\n</head>\n<body>\n",
      "<h1>sdi grade report</h1>\n<table class=\"answers\">\n<thead><tr><th class=\"num\">#</th><th>File</th>",
      "<th>Problem</th><th>Template</th><th class=\"num\">Score</th><th>Level</th><th>Weakest step</th></tr></thead>\n<tbody>\n",
    })
  end,

  -- Runs on the worker that graded the answer: everything but the answer's number.
  render = function(r, run)
    local file = h(r.file)
    local row
    if not r.graded then
      row = string.format('</a></td><td></td><td></td><td class="num">–</td><td class="lvl">%s</td><td>not graded</td></tr>\n',
        level_badge("error"))
    else
      local w = R.weakest(r)
      local level = level_badge(r.level)
      if #r.errors > 0 then
        level = level .. ' <span class="below">errors</span>'
      elseif R.below_bar(r, run) then
        level = level .. ' <span class="below">below ' .. num(run.min_score) .. "</span>"
      end
      row = string.format('</a></td><td>%s</td><td>%s</td><td class="num">%s</td><td class="lvl">%s</td><td>%s</td></tr>\n',
        h(r.problem), h(r.template), num(r.score), level,
        w and string.format("%s (%d%%)", h(w.title), w.score) or "")
    end
    return { file = file, row = row, detail = section(r, run) }
  end,

  result = function(x)
    count = count + 1
    -- The answer's own section comes after the table: the engine keeps it until then.
    return string.format('<tr class="answer"><td class="num">%d</td><td class="file"><a href="#answer-%d">%s',
        count, count, x.file) .. x.row,
      string.format('<section class="answer" id="answer-%d">\n<h2>%d. %s</h2>\n', count, count, x.file)
        .. x.detail
  end,

  finish = function(s)
    local parts = {
      string.format("%d answer%s", s.files, s.files == 1 and "" or "s"),
      string.format("%d graded", s.graded),
    }
    if s.errors > 0 then parts[#parts + 1] = string.format("%d with errors", s.errors) end
    parts[#parts + 1] = "mean " .. num(s.mean)
    for _, name in ipairs({ "strong", "pass", "borderline", "fail" }) do
      parts[#parts + 1] = string.format("%s %d", name, s.levels[name] or 0)
    end
    if s.min_score > 0 then parts[#parts + 1] = string.format("%d below %s", s.below_min_score, num(s.min_score)) end
    return {
      text = "</tbody>\n</table>\n<p class=\"totals\">" .. h(table.concat(parts, " · ")) .. "</p>\n",
      tail = "</body>\n</html>\n",
    }
  end,
}
