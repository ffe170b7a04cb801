-- JUnit XML for CI test reporters (GitHub, GitLab, Jenkins, Azure...): `sdi grade answers/
-- --format junit:sdi-junit.xml`.
--
-- Shape:
--   <testsuites name="sdi grade" tests failures errors skipped="0" time="0">  totals of the run
--     <testsuite name=FILE ...>            one per answer, in input order
--       <properties>                       problem, template, matched_by, score, level
--       <testcase classname="FILE.STEP" name="TITLE [ID]" time="0">   one per check
--     extra testcases, classname FILE:
--       "grading errors [errors]"          errors of the answer that no check result carries
--       "score at least N [min_score]"     only with --min-score: a failure when the score is under
--       "grade [not_graded]"               the only testcase of an answer that could not be graded
--
-- Check status: pass and partial pass (partial keeps its points, feedback and suggestion in
-- <system-out>: the check earned something, and the score bar is what gates a run); fail is a
-- <failure type="fail">; error (the check could not be judged) an <error type="error">. Bodies
-- hold the points, the feedback, the suggestion and the evidence lines.
--
-- The root's totals are only known at the end: the suites stream out as results arrive, and the
-- engine puts the root that `finish` returns before them (`prologue`). There are no
-- timestamps or host names: the same run gives the same bytes. Text is escaped for XML 1.0
-- (characters XML cannot carry become U+FFFD).

local esc = require "lib.escape"
local R = require "lib.results"

local totals

local a = esc.xml_attr

local function message(text)
  return esc.shorten(esc.line(text), 1000)
end

local function check_body(c)
  local lines = { string.format("%s/%s points (%s)", esc.num(c.points), esc.num(c.max), c.status) }
  if c.feedback ~= "" then lines[#lines + 1] = c.feedback end
  if c.suggestion ~= "" then lines[#lines + 1] = "suggestion: " .. c.suggestion end
  for _, ev in ipairs(c.evidence) do
    local where = ev.line > 0 and ("line " .. ev.line) or "front matter"
    lines[#lines + 1] = ev.text ~= "" and (where .. ": " .. ev.text) or where
  end
  return esc.xml(table.concat(lines, "\n"))
end

-- One <testcase>; `class_attr` is its classname already escaped, `inner` its already escaped
-- content (nil for a pass).
local function testcase(class_attr, name, inner)
  local head = '    <testcase classname="' .. class_attr .. '" name="' .. a(name) .. '" time="0"'
  if not inner then return head .. "/>\n" end
  return head .. ">\n" .. inner .. "    </testcase>\n"
end

local function outcome(kind, msg, type_, body)
  return string.format('      <%s message="%s" type="%s">%s</%s>\n', kind, a(message(msg)), a(type_),
    body, kind)
end

local function property(name, value)
  return string.format('      <property name="%s" value="%s"/>\n', a(name), a(value))
end

local function render(r, run)
  -- parts[1] becomes the testsuite's head once its counts are known; the testcases follow it.
  local parts, n, failures, errors = { "" }, 0, 0, 0
  local function add(text) parts[#parts + 1] = text; n = n + 1 end

  if not r.graded then
    local msg = r.errors[1] or "the answer could not be graded"
    add(testcase(a(r.file), "grade [not_graded]",
      outcome("error", msg, "not_graded", esc.xml(table.concat(r.errors, "\n")))))
    errors = errors + 1
  else
    for _, s in ipairs(r.steps) do
      local classname = a(r.file .. "." .. s.id)
      for _, c in ipairs(s.checks) do
        local name = c.title .. " [" .. c.id .. "]"
        if c.status == "fail" then
          local msg = c.feedback ~= "" and c.feedback or (c.suggestion ~= "" and c.suggestion or "check failed")
          add(testcase(classname, name, outcome("failure", msg, "fail", check_body(c))))
          failures = failures + 1
        elseif c.status == "error" then
          add(testcase(classname, name,
            outcome("error", c.feedback ~= "" and c.feedback or "check error", "error", check_body(c))))
          errors = errors + 1
        elseif c.status == "partial" then
          add(testcase(classname, name, "      <system-out>" .. check_body(c) .. "</system-out>\n"))
        else
          add(testcase(classname, name, nil))
        end
      end
    end
    local unattributed = R.answer_errors(r)
    if #unattributed > 0 then
      add(testcase(a(r.file), "grading errors [errors]",
        outcome("error", unattributed[1], "error", esc.xml(table.concat(unattributed, "\n")))))
      errors = errors + 1
    end
    if run.min_score > 0 then
      local name = "score at least " .. esc.num(run.min_score) .. " [min_score]"
      if r.score < run.min_score then
        local msg = string.format("score %s is below --min-score %s", esc.num(r.score), esc.num(run.min_score))
        add(testcase(a(r.file), name, outcome("failure", msg, "below_min_score", esc.xml(msg))))
        failures = failures + 1
      else
        add(testcase(a(r.file), name, nil))
      end
    end
  end

  parts[1] = string.format('  <testsuite name="%s" tests="%d" failures="%d" errors="%d" skipped="0" time="0">\n',
      a(r.file), n, failures, errors)
    .. "    <properties>\n"
    .. property("problem", r.problem) .. property("template", r.template)
    .. property("matched_by", r.matched_by) .. property("score", esc.num(r.score))
    .. property("level", r.level)
    .. "    </properties>\n"
  parts[#parts + 1] = "  </testsuite>\n"
  return { tests = n, failures = failures, errors = errors, text = table.concat(parts) }
end

return {
  description = "JUnit XML: a testsuite per answer, a testcase per check (fail = failure), for CI",
  prologue = true,

  start = function()
    totals = { tests = 0, failures = 0, errors = 0 }
    return nil
  end,

  -- Runs on the worker that graded the answer; the totals add up on the main thread.
  render = render,

  result = function(x)
    totals.tests = totals.tests + x.tests
    totals.failures = totals.failures + x.failures
    totals.errors = totals.errors + x.errors
    return x.text
  end,

  finish = function()
    local head = '<?xml version="1.0" encoding="UTF-8"?>\n'
      .. string.format('<testsuites name="sdi grade" tests="%d" failures="%d" errors="%d" skipped="0" time="0">\n',
        totals.tests, totals.failures, totals.errors)
    return { head = head, tail = "</testsuites>\n" }
  end,
}
