-- The terminal report: per answer, the score and level, the strongest and weakest steps, then
-- every step with its checks, their feedback, the line that earned the credit and what to add.
-- The engine writes each answer's report itself (sdi.text_render); the run's totals are here.

local colors = {
  reset = "\27[0m", bold = "\27[1m", magenta = "\27[35m",
}

local use_color = false

local function paint(text, ...)
  if not use_color then return text end
  local codes = {}
  for _, name in ipairs({ ... }) do codes[#codes + 1] = colors[name] end
  return table.concat(codes) .. text .. colors.reset
end

local function num(x)
  if math.type(x) == "integer" then return x .. "" end
  if x == math.floor(x) then return string.format("%d", x) end
  return string.format("%.1f", x)
end

return {
  description = "Readable terminal report (colour when the output is a terminal)",

  start = function(run)
    use_color = run.color
    return nil
  end,

  -- Runs on the worker that graded the answer; its text is written as is. The engine writes it
  -- straight from the grade, in colour when run.color is set, without making the result table.
  render = sdi.text_render(),

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
