-- sdi.grade.v1 JSON: one document with every result and the run's summary.
-- The schema is documented in docs/grade-report.schema.json; keep the two in step.

local first = true

return {
  description = "JSON report (schema sdi.grade.v1), for tools and dashboards",

  start = function(run)
    first = true
    -- A shard says which one it is, so `sdi report merge` can put shards back in order.
    local shard = run.shard and (',\n  "shard": ' .. sdi.json(run.shard)) or ""
    return '{\n  "schema": "sdi.grade.v1",\n  "engine": ' .. sdi.json(run.version) .. shard .. ',\n  "results": ['
  end,

  -- Runs on the worker that graded the answer; the separator is the main thread's business.
  -- The same as function(r) return sdi.json(r, 2, "    ") end, but the engine writes this JSON
  -- straight from the grade, without making the table.
  render = sdi.json_render(2, "    "),

  -- Written before each rendered result, which the engine then writes as is: the separator
  -- needs no look at the result's text, so that text never has to become a Lua string here.
  before = function()
    local sep = first and "\n    " or ",\n    "
    first = false
    return sep
  end,

  finish = function(summary)
    local body = sdi.json(summary, 2, "  ")
    return (first and "]" or "\n  ]") .. ',\n  "summary": ' .. body .. "\n}\n"
  end,
}
