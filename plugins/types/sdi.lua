---@meta sdi

-- LuaLS definitions for the Lua API of sdi: what problem packs (pack.lua), check plugins
-- (plugins/checks/*.lua), custom checks and reporters (plugins/reporters/*.lua) can call.
-- Nothing here runs: the engine provides the real `sdi` table inside its sandbox. See README.md
-- in this folder for the editor set-up. tests/unit/pack/luals_definitions_test.cpp keeps these
-- definitions in step with the C++ bindings, so change both together.

---------------------------------------------------------------------------------------------------
-- Names
---------------------------------------------------------------------------------------------------

---A canonical kind of interview content. Checks and hints attach to facets; templates map
---facets to their steps, so one pack grades under any template.
---@alias sdi.Facet
---| "clarify"      # Clarifying questions asked before designing.
---| "requirements" # Functional and non-functional requirements.
---| "estimation"   # Back-of-the-envelope numbers: traffic, storage, bandwidth.
---| "api"          # The interface: endpoints, calls, their parameters.
---| "data_model"   # Entities, schemas, storage choices.
---| "high_level"   # The high-level design: components and how they connect.
---| "deep_dive"    # A detailed look at one or two hard parts.
---| "bottlenecks"  # Limits, failure points and how the design copes with them.
---| "justify"      # Trade-offs and the reasons behind the choices.

---What a rubric check measures; it decides which other fields `sdi.check` reads.
---@alias sdi.CheckKind
---| "concepts"  # Coverage of concepts from the glossary (field `concepts`, optional `need`).
---| "estimate"  # A back-of-the-envelope figure compared with a pack estimate (field `estimate`).
---| "diagram"   # Components and connections of the design (`components`, `connections`).
---| "questions" # Coverage of the pack's clarifying questions (optional `full`).
---| "custom"    # A Lua function judging the answer (field `run`).

---The outcome of one check.
---@alias sdi.Status
---| "pass"    # At least 75% of the check's points.
---| "partial" # Some points, under 75%.
---| "fail"    # No points.
---| "error"   # The check could not be judged (a broken custom check, an unknown concept id).

---The overall band of an answer's score.
---@alias sdi.Level
---| "strong"     # 80 and above.
---| "pass"       # 60 to under 80.
---| "borderline" # 40 to under 60.
---| "fail"       # Under 40.
---| "error"      # The file could not be graded at all.

---How a concept is used where it is named, weakest first.
---@alias sdi.Use
---| "heading"  # Only in a heading: earns nothing.
---| "bare"     # In a bare list of terms: 0.3 credit.
---| "used"     # In a sentence: 0.8 credit.
---| "reasoned" # In a sentence with its reason or trade-off ("because", "so that"): full credit.

---The kind of a Markdown block of the answer.
---@alias sdi.BlockKind
---| "heading"   # An ATX or setext heading.
---| "paragraph" # A paragraph of prose.
---| "list_item" # One item of a bulleted or numbered list.
---| "table_row" # One row of a table.
---| "code"      # A fenced or indented code block (Mermaid diagrams included).
---| "quote"     # A block quote.
---| "html"      # Raw HTML.

---What a quantity text should mean when it is ambiguous ("5B": five billion or five bytes).
---@alias sdi.Expect
---| "any"   # Best reading (the default).
---| "count" # Prefer counts: "5B" is five billion.
---| "bytes" # Prefer sizes: "5B" is five bytes.
---| "rate"  # Prefer rates.

---------------------------------------------------------------------------------------------------
-- The sdi table
---------------------------------------------------------------------------------------------------

---The engine's API. Packs and check plugins get every declaration function and `sdi.q`;
---reporters get `sdi.json`, `sdi.json_render`, `sdi.text_render`, `sdi.escape` and `sdi.version`
---only.
---@class sdi
---@field escape sdi.Escapes Text escapes for reports, done in one pass (reporters only; `plugins/reporters/lib/escape.lua` offers them).
---@field helpers sdi.Helpers Shared helpers for custom checks (plugins/checks/helpers.lua).
---@field version string The engine's version, e.g. "0.1.0" (packs, check plugins and reporters).
sdi = {}

---Fields of `sdi.question`: a clarifying question and the interviewer's reply.
---@class sdi.QuestionSpec
---@field id string Unique id of the question within the pack, e.g. "scale".
---@field text string The question as a candidate would ask it; matched on word stems.
---@field phrasings? string|string[] Other ways to ask it, matched on stems; default none.
---@field answer string The interviewer's reply, shown in the REPL when the candidate asks.

---Declares a clarifying question with the interviewer's answer. Unknown fields are errors.
---@param spec sdi.QuestionSpec
function sdi.question(spec) end

---Fields of `sdi.assumption`: a number the estimates rest on.
---@class sdi.AssumptionSpec
---@field id string Id the estimate formulas use for it, e.g. "dau".
---@field title? string Display name; default the first of `names`.
---@field default string The pack's value as quantity text, e.g. "200M users" or "100M /month".
---@field range? string[] Plausible range { low, high } as quantity texts; values outside are flagged.
---@field names string|string[] Phrases that name it in answers ("daily active users", "DAU"); required.

---Declares an assumption: a number the estimates rest on, with its default and plausible range.
---@param spec sdi.AssumptionSpec
function sdi.assumption(spec) end

---Fields of `sdi.estimate`: a figure the candidate should work out.
---@class sdi.EstimateSpec
---@field id string Id checks refer to (`sdi.check { kind = "estimate", estimate = id }`).
---@field title? string Display name; default the first of `names`.
---@field formula string Quantity expression over assumption ids, e.g. "dau * tweets_per_user / day".
---@field unit? string Unit to show the figure in, e.g. "/s", "TB", "GB/day"; default as computed.
---@field names string|string[] Phrases that name the figure in answers ("write QPS"); required.

---Declares an estimate, recomputed from the candidate's own assumptions when graded.
---@param spec sdi.EstimateSpec
function sdi.estimate(spec) end

---An edge a diagram check looks for. Direction does not matter; a sentence naming both ends
---earns half when no diagram draws it.
---@class sdi.Connection
---@field from string|string[] Concept id at one end, or a list of alternative ids.
---@field to string|string[] Concept id at the other end, or a list of alternative ids.
---@field text? string How feedback names a missing edge; default "<from name> -> <to name>".

---What a custom check's `run` may return.
---@alias sdi.CheckOutcome
---| number          # A score from 0 to 1 (clamped): 0.75 and above passes, above 0 is partial.
---| boolean         # true: full score; false: none.
---| "pass"          # Full score.
---| "partial"       # Half the score.
---| "fail"          # No score.
---| sdi.CheckVerdict # A score or status with feedback and evidence.

---A detailed outcome returned by a custom check's `run`.
---@class sdi.CheckVerdict
---@field score? number Score from 0 to 1 (clamped); when given, `status` is ignored.
---@field status? "pass"|"partial"|"fail" Used when `score` is absent: 1, 0.5 or 0.
---@field feedback? string What the grader concluded; default the check's `praise` when it passes.
---@field suggestion? string What to add; default the check's `feedback` when it does not pass.
---@field evidence? (sdi.EvidenceSpec|integer)[] Lines that earned the score (a bare number is a line); at most 20 are read.

---One piece of evidence returned by a custom check.
---@class sdi.EvidenceSpec
---@field line integer Line of the answer file (1-based; 0 for front matter data).
---@field text? string The text quoted from that line; default "".

---The second argument of a custom check's `run`: which check is running.
---@class sdi.CheckContext
---@field check string The id of the check being run.
---@field facet sdi.Facet The facet the check is on.
---@field weight number The check's weight (its points when fully met).

---Fields of `sdi.check`: a rubric item. Fields marked with a kind are read only for that kind;
---giving them for another kind is an "unknown field" error.
---@class sdi.CheckSpec
---@field id string Unique id; a pack check with the id of a generic check replaces that check.
---@field title? string One line shown in reports; default the id.
---@field facet sdi.Facet The facet the check grades.
---@field kind sdi.CheckKind What the check measures; decides which of the fields below apply.
---@field weight? number Points the check is worth, above 0 and at most 100; default 1.
---@field feedback string Shown when the check is missed: what was missing, why it matters, what a strong answer says.
---@field praise? string Shown when the check passes; default the grader's own summary.
---@field concepts? string|(string|string[])[] For kind "concepts": concept ids; an entry may be a list of alternatives, any of which counts.
---@field need? integer For kind "concepts": how many entries earn full credit (the best ones count); 0 or absent means all.
---@field estimate? string For kind "estimate": the id of the `sdi.estimate` the candidate must state; required for that kind.
---@field components? string|(string|string[])[] For kind "diagram": concept ids (or lists of alternatives) the design must draw as boxes.
---@field connections? sdi.Connection[] For kind "diagram": edges the design must draw, each { from, to, text }.
---@field full? integer For kind "questions": questions asked for full credit; default a third of the pack's (at least 3, at most all).
---@field run? fun(answer: sdi.Answer, ctx: sdi.CheckContext): sdi.CheckOutcome For kind "custom": judges the answer; an error inside marks only this check as "error".

---Declares a rubric check on a facet. In plugins/checks/*.lua it declares a generic check that
---templates list by id.
---@param spec sdi.CheckSpec
function sdi.check(spec) end

---Fields of `sdi.hint`: hints the REPL gives for a facet.
---@class sdi.HintSpec
---@field facet sdi.Facet The facet the hints help with.
---@field levels string|string[] Hints from gentle to specific; the REPL reveals one more each time.

---Declares hints for the REPL.
---@param spec sdi.HintSpec
function sdi.hint(spec) end

---Fields of `sdi.concept`: a glossary entry (the format of plugins/concepts/*.toml).
---@class sdi.ConceptSpec
---@field id string Id, lowercase with underscores; a glossary id adds this entry's name and forms to that concept.
---@field name string Display name; it is matched as well.
---@field definition string One line ending with a period, shown in feedback.
---@field synonyms? string|string[] Other phrasings, matched on stems, case-insensitive.
---@field abbreviations? string|string[] One-token short forms, matched regardless of case ("LB").
---@field exact? string|string[] One-token forms matched only in exactly this case.
---@field products? string|string[] Technologies whose mention implies the concept ("HAProxy").
---@field broader? string|string[] Ids of more general concepts a hit here also satisfies.
---@field related? string|string[] Ids worth suggesting alongside; they earn nothing.
---@field category? string The area, e.g. "networking"; groups concepts in reports.
---@field risk? boolean A risk ("single point of failure") counts even when negated; default false.

---Declares a concept the shared glossary lacks, so checks may name it by id; with the id of a
---glossary concept, adds its name and forms (synonyms, abbreviations, exact, products) to that one.
---@param spec sdi.ConceptSpec
function sdi.concept(spec) end

---States which reading of the 80/20 rule the pack's cache estimates use, e.g.
---`sdi.cache_rule "20% of URLs draw 80% of redirects: cache 20% of a day's reads"`.
---@param text string
function sdi.cache_rule(text) end

---Makes a quantity: `sdi.q "2.5 TB/month"`, `sdi.q("5B", "bytes")` or `sdi.q(5, "GB")`.
---Raises an error naming the byte where the text stops making sense.
---@param text string Free text: "~4K writes/sec", "3-5K QPS", "10^7 x 20 / 10^5", "1 Gbps".
---@param expect? sdi.Expect How to read ambiguous suffixes; default "any".
---@return sdi.Quantity
---@overload fun(value: number, unit?: string): sdi.Quantity
function sdi.q(text, expect) end

---Encodes a value as JSON: objects with sorted keys, whole numbers without a fraction, 1..n
---tables and the result's lists as arrays. Raises on functions, userdata and cycles.
---Available to reporters only.
---@param value any
---@param indent? integer Spaces per level; 0 or absent gives one line.
---@param prefix? string Written after every line break, before the indentation: nests the text in an enclosing document (`sdi.json(r, 2, "    ")`).
---@return string
function sdi.json(value, indent, prefix) end

---Makes a `render` hook that returns `sdi.json(r, indent, prefix)`. As a reporter's own `render`
---the engine writes that same text straight from the grade, without making the result table,
---which is much cheaper for large reports. Available to reporters only.
---@param indent? integer Spaces per level; 0 or absent gives one line.
---@param prefix? string Written after every line break, before the indentation.
---@return fun(r: sdi.Result, run?: sdi.Run): string
function sdi.json_render(indent, prefix) end

---Makes a `render` hook for the terminal report (`text.lua`): as a reporter's own `render` the
---engine writes each answer's report straight from the grade, in colour when `run.color` is set.
---Only the engine runs it: called from Lua it raises. Available to reporters only.
---@return fun(r: sdi.Result, run?: sdi.Run): string
function sdi.text_render() end

---The escapes reporters share (`sdi.escape`). Each takes any value (nil gives "", other values
---go through tostring) and returns a string; `clean` comes first in all of them. `num` formats
---a number.
---@class sdi.Escapes
---@field clean fun(v: any): string Invalid UTF-8 bytes, C0 controls but tab/LF/CR, DEL, C1 controls and U+FFFE/U+FFFF become U+FFFD.
---@field line fun(v: any): string `clean`, runs of whitespace become one space, ends trimmed.
---@field xml fun(v: any): string XML character data: & < > " ' and CR as references.
---@field xml_attr fun(v: any): string A double-quoted XML attribute value: as `xml`, plus LF and tab as references.
---@field html fun(v: any): string HTML text or a double-quoted attribute value: & < > " ' as references.
---@field quote fun(v: any): string A double-quoted JSON string that is also a YAML double-quoted scalar.
---@field gh_data fun(v: any): string GitHub workflow command data: % CR LF as %25 %0D %0A.
---@field gh_property fun(v: any): string A GitHub workflow command property: as `gh_data`, plus : and , as %3A %2C.
---@field md fun(v: any): string Markdown inline text: `line`, with markup punctuation backslash-escaped.
---@field num fun(x: any): string A number as people read it (8, 2.7, 97.25): `tonumber(x) or 0`, whole numbers under 1e15 as integers, others with at most two decimals and no trailing zeros.

---------------------------------------------------------------------------------------------------
-- Quantities
---------------------------------------------------------------------------------------------------

---A value with units from the quantity engine: bytes vs bits, time, counted nouns as soft tags.
---Numbers mix in as plain counts. Comparisons (==, <, <=, >, >=) work between quantities of the
---same dimension (== is false across dimensions; the others raise); tostring() formats it.
---Arithmetic across dimensions that cannot mix (5 GB + 3 s) raises an error.
---@class sdi.Quantity
---@operator add(sdi.Quantity|number): sdi.Quantity
---@operator sub(sdi.Quantity|number): sdi.Quantity
---@operator mul(sdi.Quantity|number): sdi.Quantity
---@operator div(sdi.Quantity|number): sdi.Quantity
---@operator pow(number|sdi.Quantity): sdi.Quantity
---@operator unm: sdi.Quantity
---@operator concat(string|number|sdi.Quantity): string
local Quantity = {}

---A new quantity shown in another unit of the same dimension: `q"2.5 TB/month":to("GB/day")`
---gives 83.3 GB/day. Raises when the dimensions differ.
---@param unit string
---@return sdi.Quantity
function Quantity:to(unit) end

---The number in base units: bytes, seconds, per second for rates (`q"1 KB":value()` is 1000).
---@return number
function Quantity:value() end

---The base unit as text: "B", "/s", "B/s", "s^2", or "" for plain counts.
---@return string
function Quantity:unit() end

---Formats for people with 3 significant digits and K/M/B or KB..PB ("2.5 TB/month").
---@param approx? boolean Prefix "~" when the value was written as approximate.
---@return string
function Quantity:format(approx) end

---The counted noun, singular ("user" for "300M users"), or nil.
---@return string?
function Quantity:noun() end

---For a range such as "3-5K": its low and high ends in base units; nil otherwise.
---@return number? low
---@return number? high
function Quantity:range() end

---The factor (>= 1) between this quantity and another; NaN when their dimensions differ.
---@param other sdi.Quantity|number
---@return number
function Quantity:ratio(other) end

---------------------------------------------------------------------------------------------------
-- The answer, as custom checks see it
---------------------------------------------------------------------------------------------------

---The answer being graded, the first argument of a custom check's `run`. Its query functions
---work only while `run` runs. Call them with a dot: `answer.find("cache")`.
---@class sdi.Answer
---@field file string Path of the answer file as given to the grader.
---@field problem string Id of the pack the answer is graded against.
---@field template string Id of the interview template it is graded under.
---@field text string The Markdown after the front matter (LF line ends).
---@field words integer Count of content words, a measure of length.
---@field sections sdi.AnswerSection[] The headings of the answer, in order.
---@field blocks sdi.AnswerBlock[] Every Markdown block, headings included, in order.
---@field questions sdi.AskedQuestion[] Clarifying questions the candidate asked, in order.
local Answer = {}

---The best use of a concept in the answer (a negated mention when there is nothing better),
---or nil when it is never named. Raises when the id is not in the glossary.
---@param id string
---@return sdi.ConceptUse?
function Answer.concept(id) end

---Every mention of a concept or of a narrower one (whose `broader` leads to it), in answer
---order; empty when none. Raises when the id is not in the glossary.
---@param id string
---@return sdi.ConceptUse[]
function Answer.concepts(id) end

---Every block (headings excluded) containing the text, case-insensitive, lists and tables
---included; empty when none.
---@param text string
---@return sdi.FoundBlock[]
function Answer.find(text) end

---Like `find`, keeping only blocks written as sentences: no questions, lists of terms or runs
---of comma-separated names. Prefer it for evidence, so a keyword list earns nothing.
---@param text string
---@return sdi.FoundBlock[]
function Answer.said(text) end

---The candidate's figure for a pack estimate and how it compares. Raises when the pack declares
---no estimate with that id.
---@param id string
---@return sdi.EstimateFinding
function Answer.estimate(id) end

---A heading of the answer and the text under it.
---@class sdi.AnswerSection
---@field title string The heading text.
---@field level integer Heading level, 1 for "#".
---@field line integer Line of the heading in the answer file.
---@field step? string Id of the template step the section maps to; absent when it maps to none.
---@field facets? sdi.Facet[] Facets of that step; absent when it maps to none.
---@field text string Text of the section's blocks (headings excluded), one per line.

---One Markdown block of the answer.
---@class sdi.AnswerBlock
---@field kind sdi.BlockKind What the block is.
---@field text string The block's text, without Markdown markers.
---@field line integer First line of the block in the answer file.
---@field end_line integer Last line of the block.
---@field section? integer Index into `answer.sections` of the enclosing section; absent before any heading.
---@field info? string Info string of a fenced code block, e.g. "mermaid"; absent otherwise.

---A clarifying question the candidate asked.
---@class sdi.AskedQuestion
---@field text string The question as written.
---@field line integer Line in the answer file; 0 when it comes from the front matter log.
---@field matches? string Id of the pack's `sdi.question` it asks; absent when it matches none.

---Where and how a concept is used (`answer.concept`, `answer.concepts`).
---@class sdi.ConceptUse
---@field use sdi.Use How it is used there.
---@field line integer Line of the sentence.
---@field text string The sentence.
---@field negated boolean True when the sentence rejects it ("we do not need a cache").
---@field question boolean True when the sentence is a question: asking about it is not proposing it.

---A block returned by `answer.find` and `answer.said`.
---@class sdi.FoundBlock
---@field line integer Line of the first match.
---@field text string The whole block's text.
---@field kind sdi.BlockKind What the block is ("paragraph", "list_item", "table_row"...).
---@field prose boolean True when the block holds at least one real sentence that is not a question.

---The candidate's figure for an estimate (`answer.estimate`).
---@class sdi.EstimateFinding
---@field stated string The candidate's figure, formatted; "" when not found.
---@field expected string The formula on the candidate's own assumptions (pack defaults otherwise), formatted.
---@field derivation string How `expected` was computed, for feedback.
---@field ratio number Factor (>= 1) between stated and expected; 0 when not stated.
---@field credit number Credit from 0 to 1: within 25% full, within 2x most, within 10x some.
---@field line integer Line of the stated figure; 0 when not stated.

---------------------------------------------------------------------------------------------------
-- Reporters (plugins/reporters/NAME.lua)
---------------------------------------------------------------------------------------------------

---The table a reporter file returns. Each function returns text to append to the report, or
---nil; a missing function is skipped.
---@class sdi.Reporter
---@field description? string One line shown in `--help` and format listings.
---@field start? fun(run: sdi.Run): string? Called once before any result.
---@field render? fun(r: sdi.Result, run: sdi.Run): sdi.Rendered Formats one answer on the worker that graded it, in that worker's own instance of the reporter: it must not depend on other results (no counters, no separators). What it returns goes to `result` instead of the result, or, without `result`, a string is written as is.
---@field result? fun(r: sdi.Result|sdi.Rendered, run: sdi.Run): string?, string? Called for each graded answer, in input order, with the result, or what `render` returned when the reporter has `render`. A second string is an appendix (the answer's detail section), kept in a temporary file and written after finish's text.
---@field before? fun(run: sdi.Run): string? For a reporter with `render` and no `result`: called on the main thread, in input order, before each rendered string is written as is; its text goes first (a separator). The rendered text itself never enters this instance.
---@field finish? fun(summary: sdi.Summary, run: sdi.Run): string|sdi.ReportEnd|nil Called once after the last result: the text that follows the results, or a table placing a head and a tail too.
---@field prologue? boolean When true, what start and result return is kept aside (in a temporary file, so memory stays flat) so that finish's `head` can go before it: for formats whose first lines hold totals (JUnit's root element).

---What a reporter's `render` returns: the answer's text, or a flat table (string or integer
---keys; string, number or boolean values), e.g. the text and counts to add up in `result`.
---@alias sdi.Rendered string|table<string|integer, string|number|boolean>|nil

---How a report ends, when finish returns a table. The report is: head (only with `prologue`),
---what start and result returned, text, the results' appendices, tail.
---@class sdi.ReportEnd
---@field head? string The report's first text (totals); needs `prologue = true`.
---@field text? string Text after the results and before the appendices.
---@field tail? string The report's last text, after the appendices.

---The run a reporter reports on (the last argument of every reporter function).
---@class sdi.Run
---@field color boolean True when the report may use ANSI colours (a terminal, --color).
---@field min_score number The --min-score bar; 0 when none was set.
---@field command string The command running: "grade", "pack test" or "report merge".
---@field version string The engine's version.
---@field shard? string "K/N" when the run grades one shard of its inputs (--shard); nil otherwise.

---One answer's result (a `results[]` entry of sdi.grade.v1; docs/grade-report.schema.json).
---@class sdi.Result
---@field file string Path of the answer file.
---@field problem string Id of the pack it was graded against.
---@field template string Id of the template it was graded under.
---@field matched_by string How the pack was chosen: "front matter", "--problem", "best fit (runner-up: x)".
---@field score number Total from 0 to 100.
---@field level sdi.Level The band of the score; "error" when not graded.
---@field graded boolean False when the file could not be graded at all (see `errors`).
---@field steps sdi.StepResult[] The template's steps, in order.
---@field facets sdi.FacetResult[] Points per facet in canonical order, only facets with checks.
---@field estimates sdi.EstimateResult[] Each pack estimate against the candidate's figure.
---@field flags sdi.AssumptionFlag[] Stated assumptions outside their plausible range.
---@field errors string[] Problems met while grading, as "file:line: message".

---One template step of a result.
---@class sdi.StepResult
---@field id string Id of the step in the template.
---@field title string Title of the step.
---@field points number Points earned.
---@field max number Points available; 0 when no check applies.
---@field score number Percentage of `max` earned, rounded, 0 to 100.
---@field verdict string "strong", "solid", "thin", "weak", "no credit", "missing" (nothing written) or "not graded".
---@field sections integer[] Lines of the headings that mapped to this step.
---@field checks sdi.CheckResult[] The checks of the step.

---One check of a result.
---@class sdi.CheckResult
---@field id string Id of the check.
---@field title string Title of the check.
---@field facet sdi.Facet Facet of the check.
---@field kind sdi.CheckKind Kind of the check.
---@field status sdi.Status Outcome of the check.
---@field points number Points earned, 0 to `max`.
---@field max number Points available: the check's weight.
---@field feedback string What the grader concluded, in the candidate's terms.
---@field suggestion string What to add; "" when passed.
---@field evidence sdi.Evidence[] The lines that earned the points.

---A line of the answer cited as evidence.
---@class sdi.Evidence
---@field line integer Line in the answer file; 0 for front matter data.
---@field text string The text quoted.

---Points per facet.
---@class sdi.FacetResult
---@field id sdi.Facet The facet.
---@field points number Points earned.
---@field max number Points available.
---@field verdict string Short verdict, as for steps.

---A pack estimate against the candidate's figure.
---@class sdi.EstimateResult
---@field id string Id of the estimate.
---@field title string Title of the estimate.
---@field stated string The candidate's figure; "" when not found.
---@field expected string Recomputed from the candidate's own assumptions, pack defaults otherwise.
---@field derivation string How `expected` was computed.
---@field ratio number Factor (>= 1) between stated and expected, to 2 decimals; 0 when not stated.
---@field credit number Credit from 0 to 1, to 2 decimals.
---@field line integer Line of the stated figure; 0 when not stated.

---A stated assumption outside the pack's plausible range.
---@class sdi.AssumptionFlag
---@field id string Id of the assumption.
---@field stated string The value as the candidate stated it.
---@field range string The plausible range, as text.
---@field line integer Line of the statement.

---Totals over the run (the `summary` of sdi.grade.v1).
---@class sdi.Summary
---@field files integer Answers seen.
---@field graded integer Answers graded.
---@field errors integer Answers with at least one error, or not graded.
---@field below_min_score integer Graded answers under `min_score`.
---@field min_score number The --min-score bar; 0 when none was set.
---@field mean number Mean score of the graded answers, to one decimal.
---@field levels sdi.LevelCounts Graded answers per level.

---Graded answers per level.
---@class sdi.LevelCounts
---@field strong integer Answers scoring 80 and above.
---@field pass integer Answers scoring 60 to under 80.
---@field borderline integer Answers scoring 40 to under 60.
---@field fail integer Answers scoring under 40.


---The options of `said_any`, `found_any` and `structured_any` (a number is a `limit`).
---@class sdi.SearchOptions
---@field limit? integer Only the first `limit` hits; the search reads no further.
---@field kinds? string[] Only hits in blocks of these kinds ("table_row", "code", "list_item", "paragraph" ...), as a filter of the whole result would leave them; blocks of other kinds are not read.
---@field with? string[] Only hits whose text contains one of these words (case-insensitive), as a filter of the whole result would leave them; other blocks are not read.

---Shared helpers for custom checks (plugins/checks/helpers.lua); packs use these instead of
---private copies. A "hit" is a block found in the answer: { line, text, kind, prose }.
---@class sdi.Helpers
---@field contains_any fun(text: string, words: string[]): string? The first of `words` that `text` contains (case-insensitive), or nil.
---@field count_any fun(text: string, lists: string[][]): integer How many of the word lists have a word that `text` contains (case-insensitive).
---@field is_question fun(text: string): boolean True when `text` ends with a question mark.
---@field term_list fun(text: string): boolean True when `text` is a comma-separated run of short terms, not a sentence.
---@field affirms fun(text: string, word: string): boolean True when `text` mentions `word` without negating it.
---@field sentences_of fun(block: table): table[] The sentences of a block, each { line, text }.
---@field block_at fun(answer: sdi.Answer, line: integer): table? The block holding a line.
---@field best_block fun(answer: sdi.Answer, groups: string[][], options?: { join_table_rows?: boolean }): sdi.AnswerBlock?, integer The block (not a heading or question) with words of the most groups, and how many; `join_table_rows` reads a table's consecutive rows as one block.
---@field blocks_with fun(answer: sdi.Answer, words: string[]): sdi.AnswerBlock[] The blocks (headings excluded) containing any of the words, in answer order.
---@field said_any fun(answer: sdi.Answer, words: string[], options?: integer|sdi.SearchOptions): table[] Sentences (not questions, term lists or negations) stating any word, one hit per block, by line; `options` a limit or `{ limit, kinds, with }`.
---@field said_lines fun(answer: sdi.Answer, words: string[], limit?: integer): sdi.FoundBlock[], integer The `answer.said` hits of all the words, one per line, sorted by line, and how many there are; with `limit`, only the first that many hits (the count is of them all).
---@field said_each fun(answer: sdi.Answer, words: string[]): integer, table[] How many of the words are stated, and the first hit of each.
---@field found_any fun(answer: sdi.Answer, words: string[], options?: integer|sdi.SearchOptions): table[] Any block but headings and questions containing a word, one per block.
---@field structured_any fun(answer: sdi.Answer, words: string[], options?: integer|sdi.SearchOptions): table[] Sentences, table rows, code, or definition-shaped list items containing a word.
---@field said_together fun(answer: sdi.Answer, ...: string[]|integer): table[] Single sentences containing a word from every list; a number after the lists keeps only the first that many.
---@field said_in_block fun(answer: sdi.Answer, ...: string[]|integer): table[] Prose blocks containing a word from every list; a number after the lists keeps only the first that many.
---@field groups_score fun(answer: sdi.Answer, groups: string[][], find?: function): integer, table[] How many groups are found, and evidence.
---@field asked fun(answer: sdi.Answer, ids: string[]): table? The first candidate question matching one of the pack question ids.
---@field asked_each fun(answer: sdi.Answer, ids: string[]): integer, table[] How many of the ids were asked, and evidence.
---@field credit fun(use: sdi.ConceptUse|string|nil): number 1 reasoned, 0.8 used, 0.3 bare, 0 otherwise.
---@field use_score fun(hit: table?, bare: number, used: number): number 0 for no hit or a heading, `bare` for a bare mention, `used` for one in a sentence.
---@field best_use fun(answer: sdi.Answer, ids: string[], words?: string[]): table?, number The best mention (not negated, not a heading or question) and its credit.
---@field used fun(answer: sdi.Answer, ids: string[]): table?, number Like best_use, but only a mention in a sentence counts.
---@field evidence fun(hit: table): sdi.EvidenceSpec { line, text } for a hit.
