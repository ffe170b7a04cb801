-- The terminal report: per answer, the score and level, the strongest and weakest steps, then
-- every step with its checks, their feedback, the line that earned the credit and what to add.

local colors = {
  reset = "\27[0m", bold = "\27[1m", dim = "\27[2m",
  red = "\27[31m", green = "\27[32m", yellow = "\27[33m", magenta = "\27[35m", cyan = "\27[36m",
}

local use_color = false

local function paint(text, ...)
  if not use_color then return text end
  local codes = {}
  for _, name in ipairs({ ... }) do codes[#codes + 1] = colors[name] end
  return table.concat(codes) .. text .. colors.reset
end

local marks = { pass = "✓", partial = "~", fail = "✗", error = "!" }
local tints = { pass = "green", partial = "yellow", fail = "red", error = "magenta" }
local level_tints = { strong = "green", pass = "green", borderline = "yellow", fail = "red", error = "magenta" }

local function num(x)
  -- Most points are integers, which concatenation spells as %d does, without a format to read.
  if math.type(x) == "integer" then return x .. "" end
  if x == math.floor(x) then return string.format("%d", x) end
  return string.format("%.1f", x)
end

-- Whether text holds whitespace other than single spaces (%s is the space and \t to \r), which one
-- line folds into one space.
local function loose(text)
  return text:find("  ", 1, true) or text:find("[\t-\r]")
end

-- Cuts at a character boundary so multi-byte text is never split.
local function shorten(text, limit)
  if loose(text) then text = text:gsub("%s+", " ") end
  if #text <= limit then return text end
  local cut = limit - 3
  while cut > 0 and (text:byte(cut + 1) or 0) >= 0x80 and (text:byte(cut + 1) or 0) < 0xC0 do
    cut = cut - 1
  end
  return text:sub(1, cut) .. "..."
end

-- Fills lines greedily with whole words (a longer word gets a line of its own). Cuts at the last
-- space that fits rather than visiting word by word: feedback is most of a report.
local function wrap(text, indent, width)
  -- Most text is already single-spaced: gsub only when it is not.
  if loose(text) then text = text:gsub("%s+", " ") end
  if text:byte(1) == 32 then text = text:sub(2) end
  if text:byte(-1) == 32 then text = text:sub(1, -2) end
  local n = #text
  if n <= width then return indent .. text end
  local lines, pos = {}, 1
  while n - pos + 1 > width do
    -- The last space of the window, found from its end by a plain search instead of a pattern
    -- that backtracks over the window.
    local window = text:sub(pos, pos + width)
    local back = window:reverse():find(" ", 1, true)
    if back then
      local after = #window - back + 2
      lines[#lines + 1] = text:sub(pos, pos + after - 3)
      pos = pos + after - 1
    else
      local e = text:find(" ", pos, true)
      if not e then break end
      lines[#lines + 1] = text:sub(pos, e - 1)
      pos = e + 1
    end
  end
  lines[#lines + 1] = text:sub(pos)
  return indent .. table.concat(lines, "\n" .. indent)
end

local function step_percent(s)
  if s.max <= 0 then return nil end
  return math.floor(100 * s.points / s.max + 0.5)
end

local PAD = string.rep(" ", 64)

-- A check's line per answer is concatenated rather than formatted: reports have hundreds.
local function render_check(out, c)
  local head = "    " .. paint(marks[c.status] or "?", tints[c.status] or "bold") .. " " .. c.title
  local pts = num(c.points) .. "/" .. num(c.max)
  out[#out + 1] = head .. PAD:sub(1, math.max(1, 64 - #c.title)) .. paint(pts, "dim")
  if c.feedback ~= "" then out[#out + 1] = wrap(c.feedback, "        ", 90) end
  local ev = c.evidence[1]
  if ev and ev.text ~= "" then
    local where = ev.line > 0 and ("line " .. ev.line) or "front matter"
    out[#out + 1] = paint("        " .. where .. ': "' .. shorten(ev.text, 80) .. '"', "dim")
  end
  if c.suggestion ~= "" then out[#out + 1] = paint(wrap("→ " .. c.suggestion, "        ", 90), "cyan") end
end

local function render(r)
  local out = {}
  if not r.graded then
    out[#out + 1] = paint(r.file, "bold") .. "  " .. paint("not graded", "magenta")
    for _, e in ipairs(r.errors) do out[#out + 1] = "  " .. e end
    out[#out + 1] = ""
    return table.concat(out, "\n") .. "\n"
  end
  out[#out + 1] = string.format("%s  %s  %s",
    paint(r.file, "bold"),
    paint(r.problem .. " · " .. r.template, "dim"),
    paint(num(r.score) .. "/100 " .. r.level, "bold", level_tints[r.level] or "bold"))

  local graded = {}
  for _, s in ipairs(r.steps) do
    if s.max > 0 then graded[#graded + 1] = s end
  end
  if #graded > 1 then
    local best, worst = graded[1], graded[1]
    for _, s in ipairs(graded) do
      if s.points / s.max > best.points / best.max then best = s end
      if s.points / s.max < worst.points / worst.max then worst = s end
    end
    out[#out + 1] = string.format("  strongest: %s (%d%%)   weakest: %s (%d%%)",
      best.title, step_percent(best), worst.title, step_percent(worst))
  end

  if #r.facets > 0 then
    local parts = {}
    for _, f in ipairs(r.facets) do
      parts[#parts + 1] = string.format("%s %s/%s %s", f.id, num(f.points), num(f.max), f.verdict)
    end
    out[#out + 1] = paint(wrap("facets: " .. table.concat(parts, " · "), "  ", 96), "dim")
  end

  for i, s in ipairs(r.steps) do
    local pct = step_percent(s)
    local right = pct and string.format("%s/%s  %3d%%  %s", num(s.points), num(s.max), pct, s.verdict)
      or "not graded"
    local title = string.format("  %d. %s", i, s.title)
    out[#out + 1] = ""
    out[#out + 1] = paint(title, "bold") .. string.rep(" ", math.max(1, 52 - #title)) .. right
    for _, c in ipairs(s.checks) do render_check(out, c) end
  end

  if #r.estimates > 0 then
    out[#out + 1] = ""
    out[#out + 1] = paint("  Estimates", "bold")
    for _, e in ipairs(r.estimates) do
      local mark = e.stated == "" and paint("✗", "red") or
        (e.credit >= 0.75 and paint("✓", "green") or paint("~", "yellow"))
      out[#out + 1] = "    " .. mark .. " " .. e.derivation
    end
  end
  for _, f in ipairs(r.flags) do
    out[#out + 1] = paint(string.format("  ! line %d: %s = %s is outside the plausible range %s",
      f.line, f.id, f.stated, f.range), "yellow")
  end
  for _, e in ipairs(r.errors) do out[#out + 1] = paint("  error: " .. e, "magenta") end
  out[#out + 1] = ""
  return table.concat(out, "\n") .. "\n"
end

return {
  description = "Readable terminal report (colour when the output is a terminal)",

  start = function(run)
    use_color = run.color
    return nil
  end,

  -- Runs on the worker that graded the answer; its text is written as is.
  render = function(r, run)
    use_color = run.color
    return render(r)
  end,

  finish = function(s)
    if s.files <= 1 and s.errors == 0 and s.min_score == 0 then return nil end
    local parts = {
      string.format("%d answer%s", s.files, s.files == 1 and "" or "s"),
      string.format("%d graded", s.graded),
    }
    if s.errors > 0 then parts[#parts + 1] = paint(string.format("%d with errors", s.errors), "magenta") end
    parts[#parts + 1] = "mean " .. num(s.mean)
    local levels = {}
    for _, name in ipairs({ "strong", "pass", "borderline", "fail" }) do
      levels[#levels + 1] = string.format("%s %d", name, s.levels[name] or 0)
    end
    parts[#parts + 1] = table.concat(levels, ", ")
    local line = table.concat(parts, " · ")
    if s.min_score > 0 then
      line = line .. string.format(" · %d below %s", s.below_min_score, num(s.min_score))
    end
    return paint(line, "bold") .. "\n"
  end,
}
