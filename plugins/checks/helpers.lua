-- The shared library for custom checks, published as `sdi.helpers`. Packs and check plugins use
-- it instead of keeping their own copies, so every pack reads an answer the same way:
--
--   local H = sdi.helpers
--   run = function(answer)
--     local hits = H.said_any(answer, { "custom alias", "vanity" })
--     if hits[1] then return { score = 1, evidence = { H.evidence(hits[1]) } } end
--     return 0
--   end
--
-- The functions that take `answer` work only inside a check's `run`, like the `answer` queries
-- they call. Words are matched as plain substrings, ignoring case ("enumerat" finds "Enumerate"
-- and "enumeration"; "replica " with its space skips "replication"). A hit is
-- `{ line, text, ... }`: the line where the word is and the text of the whole block (or
-- sentence) that holds it.
--
-- This file runs after generic.lua (files in plugins/checks run in alphabetical order): a check
-- plugin may use `sdi.helpers` inside its `run` functions, but not while it loads.

local H = {}

---------------------------------------------------------------------------------------------------
-- Text tests: plain strings, usable anywhere
---------------------------------------------------------------------------------------------------

-- Returns the first of `words` that `text` contains (ignoring case, plain substring), or nil.
function H.contains_any(text, words)
  local low = string.lower(text)
  for _, w in ipairs(words) do
    if string.find(low, string.lower(w), 1, true) then return w end
  end
  return nil
end

-- Returns true when `text` is a question: its last character, ignoring spaces and closing
-- Markdown (")", "*", "_"), is "?". Asking about something does not propose it.
function H.is_question(text)
  return string.find(text, "%?[%s%)%*_]*$") ~= nil
end

-- A set of the words in a space-separated string.
local function set_of(words)
  local set = {}
  for w in string.gmatch(words, "%S+") do set[w] = true end
  return set
end

-- Words that make a clause of a run of terms: pronouns, auxiliaries and conjunctions.
local CLAUSE = set_of("we i you they it this that which who is are was were be been has have had "
  .. "will would can could should must may might do does did because so when if then there")

-- Returns true when `text` is a comma- or semicolon-separated run of short terms ("raw events,
-- aggregated data, per hour, per minute", "Tables: users (user_id, name), tweets (tweet_id)"):
-- three or more pieces of under four words on average, and no word that makes a clause ("each
-- log has a timestamp, a level and the message" is a sentence).
function H.term_list(text)
  local words, segments = 0, 1
  for _ in string.gmatch(text, "%S+") do words = words + 1 end
  for _ in string.gmatch(text, "[,;]") do segments = segments + 1 end
  if segments < 3 or words / segments >= 4 then return false end
  for w in string.gmatch(string.lower(text), "[%a']+") do
    if CLAUSE[w] or string.find(w, "n't$") then return false end
  end
  return true
end

-- Negation is read in the clause around the word (a clause ends at punctuation or at "but",
-- "and", "while" ...): a negator among the three words before it, unless a preposition between
-- them moves the negation onto a verb; a negating phrase among the four words before it; or a
-- verdict among the four words after it.
local NEGATORS = set_of("no not never without nor neither")
local NEGATING_PHRASES = { "instead of", "rather than", "no need" }
local VERDICTS = { "is not needed", "isn't needed", "not needed", "not required", "unnecessary",
  "overkill", "not necessary", "out of scope", "not worth" }
local PREPOSITIONS = set_of("for to on in of with by from at into per about")
local CLAUSE_BREAKS = set_of("but however although though and while whereas yet")

-- The words of the clause that `piece` ends with, nearest first (with `ahead`: that it starts
-- with, in order).
local function clause_words(piece, ahead)
  local cut
  if ahead then
    cut = string.match(piece, "^[^%.;:,!%?%(%)]*")
  else
    cut = string.match(piece, "[^%.;:,!%?%(%)]*$")
  end
  local words = {}
  for w in string.gmatch(cut, "[%a']+") do words[#words + 1] = w end
  local out = {}
  local first, last, step = #words, 1, -1
  if ahead then first, last, step = 1, #words, 1 end
  for i = first, last, step do
    if CLAUSE_BREAKS[words[i]] then break end
    out[#out + 1] = words[i]
  end
  return out
end

-- True when the occurrence of a word between byte `i` and `j` of lower-case `low` is negated.
local function negated_at(low, i, j)
  local before = clause_words(string.sub(low, 1, i - 1))
  for k = 1, math.min(3, #before) do
    if NEGATORS[before[k]] or string.find(before[k], "n't$") then return true end
    if PREPOSITIONS[before[k]] then break end
  end
  local near = {}
  for k = math.min(4, #before), 1, -1 do near[#near + 1] = before[k] end
  local tail = " " .. table.concat(near, " ") .. " "
  for _, p in ipairs(NEGATING_PHRASES) do
    if string.find(tail, " " .. p .. " ", 1, true) then return true end
  end
  local after = clause_words(string.sub(low, j + 1), true)
  local head = " " .. table.concat(after, " ", 1, math.min(4, #after)) .. " "
  for _, p in ipairs(VERDICTS) do
    if string.find(head, " " .. p .. " ", 1, true) then return true end
  end
  return false
end

-- Returns true when at least one occurrence of `word` in `text` is not negated: "we do not need
-- a dead-letter queue", "no need for a cache", "pull instead of push" and "a cache is overkill"
-- reject the queue, the cache and push; "timelines are not precomputed for inactive users"
-- still names inactive users.
function H.affirms(text, word)
  local low, w = string.lower(text), string.lower(word)
  local from = 1
  while true do
    local i, j = string.find(low, w, from, true)
    if not i then return false end
    if not negated_at(low, i, j) then return true end
    from = i + 1
  end
end

-- Returns the sentences of a block (`{ line, text }` with `line` the line its text starts on,
-- such as an entry of `answer.blocks`) as a list of `{ line, text }`. Sentences end at ".", "!",
-- "?" or ";" followed by a space or the end. Block texts join wrapped lines with spaces, so a
-- sentence's line is exact only when the text keeps its line breaks (code); `said_together`
-- asks the engine for the exact line.
function H.sentences_of(block)
  local out, text = {}, block.text
  local function push(i, j)
    local piece = string.sub(text, i, j)
    local lead = string.match(piece, "^%s*()") or 1
    piece = string.match(piece, "^%s*(.-)%s*$")
    if piece ~= "" then
      local _, newlines = string.gsub(string.sub(text, 1, i + lead - 2), "\n", "")
      out[#out + 1] = { line = block.line + newlines, text = piece }
    end
  end
  local start = 1
  for i = 1, #text do
    local c = string.sub(text, i, i)
    if (c == "." or c == "!" or c == "?" or c == ";")
        and (i == #text or string.find(string.sub(text, i + 1, i + 1), "%s")) then
      push(start, i)
      start = i + 1
    end
  end
  if start <= #text then push(start, #text) end
  return out
end

---------------------------------------------------------------------------------------------------
-- Finding statements in the answer
---------------------------------------------------------------------------------------------------

-- The index into `answer.blocks` of the block holding each line, built once per answer.
local block_maps = setmetatable({}, { __mode = "k" })
local function block_index(answer, line)
  local map = block_maps[answer]
  if not map then
    map = {}
    for i, b in ipairs(answer.blocks) do
      for l = b.line, b.end_line do map[l] = i end
    end
    block_maps[answer] = map
  end
  return map[line]
end

-- Returns the entry of `answer.blocks` (`{ kind, text, line, end_line, section, info }`) that
-- holds `line`, or nil when no block does (front matter, blank lines).
function H.block_at(answer, line)
  local i = block_index(answer, line)
  return i and answer.blocks[i] or nil
end

-- Sorts hits by line in place, keeping the order of hits on the same line; returns them.
local function sort_by_line(hits)
  for i, h in ipairs(hits) do h._order = i end
  table.sort(hits, function(a, b)
    if a.line ~= b.line then return a.line < b.line end
    return a._order < b._order
  end)
  for _, h in ipairs(hits) do h._order = nil end
  return hits
end

-- Sorts hits by line and keeps the first hit of each block.
local function one_per_block(answer, hits)
  local out, seen = {}, {}
  for _, h in ipairs(sort_by_line(hits)) do
    local b = block_index(answer, h.line) or -h.line
    if not seen[b] then
      seen[b] = true
      out[#out + 1] = h
    end
  end
  return out
end

-- True when a found block states `word`: the engine reads the block as prose, and a sentence
-- holding the word is neither a question nor a term list and (unless `negation_ok`) does not
-- negate the word.
local function states(hit, word, negation_ok)
  if not hit.prose then return false end
  local w = string.lower(word)
  for _, s in ipairs(H.sentences_of(hit)) do
    if string.find(string.lower(s.text), w, 1, true) and not H.is_question(s.text)
        and not H.term_list(s.text) and (negation_ok or H.affirms(s.text, w)) then
      return true
    end
  end
  return false
end

-- Returns the blocks that state any of `words` in a sentence, as the hits of `answer.said`
-- (`{ line, text, kind, prose }`, `line` where the word is) sorted by line, one per block. The
-- engine must read the block as prose, and the sentence holding the word must be neither a
-- question nor a `term_list` and must not negate the word (`affirms`): a keyword salad, "Do we
-- need a cache?" and "we don't need a cache" earn nothing.
function H.said_any(answer, words)
  local hits = {}
  for _, w in ipairs(words) do
    for _, hit in ipairs(answer.said(w)) do
      if states(hit, w) then hits[#hits + 1] = hit end
    end
  end
  return one_per_block(answer, hits)
end

-- Returns how many of `words` the answer states (each read as `said_any` reads it), and the
-- first hit of each of them, sorted by line. Use it when distinct facts count even in one
-- paragraph ("62^7 is 3.5 trillion, so 7 characters are enough" states two).
function H.said_each(answer, words)
  local got, hits = 0, {}
  for _, w in ipairs(words) do
    local hit = H.said_any(answer, { w })[1]
    if hit then
      got = got + 1
      hits[#hits + 1] = hit
    end
  end
  return got, sort_by_line(hits)
end

-- Returns every block (headings excluded) that contains any of `words`, whatever its form (list
-- items, table rows and code included) but not a question, as the hits of `answer.find` sorted
-- by line, one per block. Use it for names that live in listings (endpoints, field names);
-- `said_any` for claims and `structured_any` for schemas and signatures.
function H.found_any(answer, words)
  local hits = {}
  for _, w in ipairs(words) do
    for _, hit in ipairs(answer.find(w)) do
      if not H.is_question(hit.text) then hits[#hits + 1] = hit end
    end
  end
  return one_per_block(answer, hits)
end

-- True when a found block is laid out to state something: a table row, code, or a list item or
-- paragraph shaped like a definition or a call ("Tweet: tweet_id, ...", "postTweet(user_id)",
-- "POST /tweets", "ttl = 7 days", "client -> server").
local function shaped(hit)
  if hit.kind == "table_row" or hit.kind == "code" then return true end
  if hit.kind ~= "list_item" and hit.kind ~= "paragraph" then return false end
  return string.find(hit.text, "[:(/={]") ~= nil or string.find(hit.text, "->", 1, true) ~= nil
    or string.find(hit.text, "→", 1, true) ~= nil
end

-- Returns the blocks that state any of `words` in a structured form, sorted by line, one per
-- block: a sentence (as `said_any` reads it), a table row, code, or a list item or paragraph
-- shaped like a definition or a signature (containing ":", "(", "/", "=", "{" or an arrow).
-- Questions and bare comma-separated lists of terms do not count. Use it for schemas and APIs.
function H.structured_any(answer, words)
  local hits = {}
  for _, w in ipairs(words) do
    for _, hit in ipairs(answer.find(w)) do
      if not H.is_question(hit.text) and (shaped(hit) or states(hit, w)) then
        hits[#hits + 1] = hit
      end
    end
  end
  return one_per_block(answer, hits)
end

-- The prose blocks that state a word of `words`, negated or not, one per block.
local function prose_blocks(answer, words)
  local hits = {}
  for _, w in ipairs(words) do
    for _, hit in ipairs(answer.said(w)) do
      if states(hit, w, true) then hits[#hits + 1] = hit end
    end
  end
  return one_per_block(answer, hits)
end

-- True when `text` contains a word of every list.
local function has_all(text, lists)
  for _, list in ipairs(lists) do
    if not H.contains_any(text, list) then return false end
  end
  return true
end

-- Returns the sentences that contain a word of every list (`said_together(answer, { "cache" },
-- { "ttl", "expire" })`, two lists or more), as `{ line, text }` sorted by line. The sentences
-- come from prose blocks, and neither a question nor a `term_list` counts. Working per sentence
-- keeps "Kafka" in one sentence and "buffer" in the next from counting as one claim. Negation
-- is not read: "pull rather than push" pairs both.
function H.said_together(answer, ...)
  local lists = { ... }
  local out = {}
  for _, hit in ipairs(prose_blocks(answer, lists[1])) do
    local b = block_index(answer, hit.line)
    local first_line = b and answer.blocks[b].line or hit.line
    for _, s in ipairs(H.sentences_of({ line = first_line, text = hit.text })) do
      if not H.is_question(s.text) and not H.term_list(s.text) and has_all(s.text, lists) then
        -- Block texts join wrapped lines, so ask the engine where the sentence starts.
        for _, f in ipairs(answer.find(s.text)) do
          if block_index(answer, f.line) == b then
            s.line = f.line
            break
          end
        end
        out[#out + 1] = s
      end
    end
  end
  return sort_by_line(out)
end

-- Returns the prose blocks that contain a word of every list, possibly in different sentences,
-- as hits sorted by line (the first list's word must be in a sentence that is neither a
-- question nor a `term_list`; negation is not read). Use it when a claim and its reason may sit
-- in neighbouring sentences ("Some users have millions of followers. For those we fetch their
-- tweets at read time."); `said_together` when they must share a sentence.
function H.said_in_block(answer, ...)
  local lists = { ... }
  local out = {}
  for _, hit in ipairs(prose_blocks(answer, lists[1])) do
    if has_all(hit.text, lists) then out[#out + 1] = hit end
  end
  return out
end

-- Returns how many of the groups of words `find` finds (default `said_any`; pass
-- `H.found_any` or `H.structured_any`), and the evidence: the first hit of each group found,
-- as `{ line, text }`, in group order.
function H.groups_score(answer, groups, find)
  find = find or H.said_any
  local got, ev = 0, {}
  for _, g in ipairs(groups) do
    local hits = find(answer, g)
    if hits[1] then
      got = got + 1
      ev[#ev + 1] = H.evidence(hits[1])
    end
  end
  return got, ev
end

---------------------------------------------------------------------------------------------------
-- Questions and concepts
---------------------------------------------------------------------------------------------------

-- Returns the candidate's first question (in answer order) that asks one of the pack questions
-- `ids`, as the `answer.questions` entry `{ text, line, matches }`, or nil.
function H.asked(answer, ids)
  for _, q in ipairs(answer.questions) do
    for _, id in ipairs(ids) do
      if q.matches == id then return q end
    end
  end
  return nil
end

-- Returns how many of the pack questions `ids` the candidate asked, and the evidence: the first
-- question asking each, as `{ line, text }`, in answer order.
function H.asked_each(answer, ids)
  local want = {}
  for _, id in ipairs(ids) do want[id] = true end
  local got, ev, seen = 0, {}, {}
  for _, q in ipairs(answer.questions) do
    if q.matches and want[q.matches] and not seen[q.matches] then
      seen[q.matches] = true
      got = got + 1
      ev[#ev + 1] = { line = q.line, text = q.text }
    end
  end
  return got, ev
end

local CREDIT = { reasoned = 1, used = 0.8, bare = 0.3, heading = 0 }

-- Returns the credit a concept use earns, as the concepts checks grade it: 1 for "reasoned",
-- 0.8 for "used", 0.3 for "bare", 0 for "heading", a negated use or nil. Takes a use table
-- (`answer.concept`, `best_use`) or a use name.
function H.credit(use)
  if type(use) == "string" then return CREDIT[use] or 0 end
  if not use or use.negated then return 0 end
  return CREDIT[use.use] or 0
end

-- Returns the points a pack gives a concept hit by how it was used: 0 for no hit or a heading,
-- `bare` for a bare mention, `used` for a mention in a sentence (reasoned or not). Custom checks
-- that weigh a concept against other evidence use it instead of spelling the rule out each time.
function H.use_score(hit, bare, used)
  if not hit or hit.use == "heading" then return 0 end
  return hit.use == "bare" and bare or used
end

-- Returns the best use of any of the concepts `ids`, as `{ use, line, text, credit }`, and its
-- credit; nil and 0 when no mention earns anything. Every mention is read (`answer.concepts`):
-- negated ones, headings and questions do not count ("Do we need a cache?" proposes nothing),
-- and a sentence that is a `term_list` is only a bare use. Ties go to the earlier id, then the
-- earlier mention. When `words` is given and the best use is weaker than "used", the first
-- `said_any(answer, words)` hit counts as a plain use (the concept written out in other words).
function H.best_use(answer, ids, words)
  local best, best_credit = nil, 0
  for _, id in ipairs(ids) do
    for _, c in ipairs(answer.concepts(id)) do
      if not c.negated and not c.question and c.use ~= "heading" then
        local use = c.use
        if use ~= "bare" and H.term_list(c.text) then use = "bare" end
        if CREDIT[use] > best_credit then
          best_credit = CREDIT[use]
          best = { use = use, line = c.line, text = c.text, credit = best_credit }
        end
      end
    end
  end
  if words and best_credit < CREDIT.used then
    local hit = H.said_any(answer, words)[1]
    if hit then
      best_credit = CREDIT.used
      best = { use = "used", line = hit.line, text = hit.text, credit = best_credit }
    end
  end
  return best, best_credit
end

-- Returns the best use of any of the concepts `ids` (as `best_use` finds it) when it is written
-- in a sentence ("used" or "reasoned"), and its credit; nil and 0 for a bare mention or none.
function H.used(answer, ids)
  local best, credit = H.best_use(answer, ids)
  if credit < CREDIT.used then return nil, 0 end
  return best, credit
end

-- Returns a hit, a question or a concept use as evidence for a check's verdict, `{ line, text }`;
-- nil for nil.
function H.evidence(hit)
  if not hit then return nil end
  return { line = hit.line, text = hit.text }
end

sdi.helpers = H
