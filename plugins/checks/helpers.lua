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

-- The engine passes its native half of this library as the chunk's argument: the reading rules
-- and searches run for every check of every answer, so they are C++ (core/grade/reading*.cpp).
local native = ...
assert(type(native) == "table", "plugins/checks/helpers.lua runs only as a check plugin of the engine")

local H = {}

---------------------------------------------------------------------------------------------------
-- Text tests: plain strings, usable anywhere
---------------------------------------------------------------------------------------------------

-- Returns the first of `words` that `text` contains (ignoring case, plain substring), or nil.
H.contains_any = native.contains_any

-- Returns how many of the word lists `lists` have a word that `text` contains (ignoring case,
-- plain substring): `count_any(block.text, { { "timestamp", "time" }, { "level", "severity" } })`
-- is 2 for "timestamp, severity". One call reads the text once, however many lists there are.
H.count_any = native.count_any

-- Returns true when `text` is a question: its last character, ignoring spaces and closing
-- Markdown (")", "*", "_"), is "?". Asking about something does not propose it.
H.is_question = native.is_question

-- Returns true when `text` is a comma- or semicolon-separated run of short terms ("raw events,
-- aggregated data, per hour, per minute", "Tables: users (user_id, name), tweets (tweet_id)"):
-- three or more pieces of under four words on average, and no word that makes a clause ("each
-- log has a timestamp, a level and the message" is a sentence).
H.term_list = native.term_list

-- Returns true when at least one occurrence of `word` in `text` is not negated: "we do not need
-- a dead-letter queue", "no need for a cache", "pull instead of push" and "a cache is overkill"
-- reject the queue, the cache and push; "timelines are not precomputed for inactive users"
-- still names inactive users. Negation is read in the clause around the word (a clause ends at
-- punctuation or at "but", "and", "while" ...): a negator among the three words before it,
-- unless a preposition between them moves the negation onto a verb; "instead of", "rather than"
-- or "no need" among the four words before it; or a verdict ("not needed", "overkill", "out of
-- scope" ...) among the four words after it.
H.affirms = native.affirms

-- Returns the sentences of a block (`{ line, text }` with `line` the line its text starts on,
-- such as an entry of `answer.blocks`) as a list of `{ line, text }`. Sentences end at ".", "!",
-- "?" or ";" followed by a space or the end. Block texts join wrapped lines with spaces, so a
-- sentence's line is exact only when the text keeps its line breaks (code); `said_together`
-- asks the engine for the exact line.
H.sentences_of = native.sentences_of

---------------------------------------------------------------------------------------------------
-- Finding statements in the answer
---------------------------------------------------------------------------------------------------

-- The index into `answer.blocks` of the block holding a line, or nil.
local block_index = native.block_index

-- Returns the entry of `answer.blocks` (`{ kind, text, line, end_line, section, info }`) that
-- holds `line`, or nil when no block does (front matter, blank lines).
function H.block_at(answer, line)
  local i = block_index(answer, line)
  return i and answer.blocks[i] or nil
end

-- Returns the block holding words of the most groups of words (as `count_any` counts them), as an
-- entry of `answer.blocks`, and how many groups it has; nil and 0 when no block has a word of any.
-- Headings and questions never count, and ties go to the earlier block. With
-- `{ join_table_rows = true }` as `options`, a table's consecutive rows count as one block (the
-- first row's entry, with the rows' texts joined by newlines and the last row's `end_line`): use
-- it when fields count only if they are laid out together, in one table, sample or list item.
-- One call reads the whole answer, so a check need not loop over `answer.blocks`.
H.best_block = native.best_block

-- Returns the entries of `answer.blocks` (headings excluded) that contain any of `words`, in
-- answer order: the blocks a loop over `answer.blocks` needs to look at when it looks for text
-- holding one of the words.
H.blocks_with = native.blocks_with

-- Returns the blocks that state any of `words` in a sentence, as the hits of `answer.said`
-- (`{ line, text, kind, prose }`, `line` where the word is) sorted by line, one per block. The
-- engine must read the block as prose, and the sentence holding the word must be neither a
-- question nor a `term_list` and must not negate the word (`affirms`): a keyword salad, "Do we
-- need a cache?" and "we don't need a cache" earn nothing. With a number `limit` as a third
-- argument, only the first `limit` hits are returned, and the search reads no further: pass 1
-- when only `hits[1]` matters. The third argument may instead be a table `{ limit, kinds, with }`:
-- `kinds`, a list of block kinds ("table_row", "code", "list_item", "paragraph" ...), keeps only
-- the hits in blocks of those kinds, as filtering the whole result by `hit.kind` would, and
-- `with`, a list of words, only the hits whose text contains one of them, as filtering by
-- `contains_any(hit.text, with)` would; the search does not read the blocks they leave out:
-- `structured_any(answer, words, { limit = 1, kinds = { "table_row" } })[1]` is the first table
-- row stating a word. `found_any` and `structured_any` take the same third argument.
H.said_any = native.said_any

-- Returns the hits of `answer.said` for all of `words`, one per line (the first word's when two
-- first show on the same line), sorted by line. Unlike `said_any`, a block counts once for each
-- line a word is first found on, and sentences are not read (questions and negations count):
-- use it to count places where the answer uses some wording, such as trade-off markers. Also
-- returns how many hits there are; with a number `limit` as a third argument, only the first
-- `limit` hits are returned, the count still being of them all: pass one when only a few are read.
H.said_lines = native.said_lines

-- Returns how many of `words` the answer states (each read as `said_any` reads it), and the
-- first hit of each of them, sorted by line. Use it when distinct facts count even in one
-- paragraph ("62^7 is 3.5 trillion, so 7 characters are enough" states two). Hits on the same
-- line keep the order of their words.
H.said_each = native.said_each

-- Returns every block (headings excluded) that contains any of `words`, whatever its form (list
-- items, table rows and code included) but not a question, as the hits of `answer.find` sorted
-- by line, one per block. Use it for names that live in listings (endpoints, field names);
-- `said_any` for claims and `structured_any` for schemas and signatures.
H.found_any = native.found_any

-- Returns the blocks that state any of `words` in a structured form, sorted by line, one per
-- block: a sentence (as `said_any` reads it), a table row, code, or a list item or paragraph
-- shaped like a definition or a signature (containing ":", "(", "/", "=", "{" or an arrow).
-- Questions and bare comma-separated lists of terms do not count. Use it for schemas and APIs.
H.structured_any = native.structured_any

-- Returns the sentences that contain a word of every list (`said_together(answer, { "cache" },
-- { "ttl", "expire" })`, two lists or more), as `{ line, text }` sorted by line. The sentences
-- come from prose blocks, and neither a question nor a `term_list` counts. Working per sentence
-- keeps "Kafka" in one sentence and "buffer" in the next from counting as one claim. Negation
-- is not read: "pull rather than push" pairs both. With a number `limit` after the lists, only
-- the first `limit` sentences are returned, and the search reads no further than it must: pass 1
-- when only `hits[1]` matters (`said_in_block` takes it too).
H.said_together = native.said_together

-- Returns the prose blocks that contain a word of every list, possibly in different sentences,
-- as hits sorted by line (the first list's word must be in a sentence that is neither a
-- question nor a `term_list`; negation is not read). Use it when a claim and its reason may sit
-- in neighbouring sentences ("Some users have millions of followers. For those we fetch their
-- tweets at read time."); `said_together` when they must share a sentence.
H.said_in_block = native.said_in_block

-- Returns how many of the groups of words `find` finds (default `said_any`; pass
-- `H.found_any` or `H.structured_any`), and the evidence: the first hit of each group found
-- (its `line` and `text` are what a verdict's evidence reads), in group order. `find` is called
-- as `find(answer, group, 1)`: only its first hit is read.
function H.groups_score(answer, groups, find)
  find = find or H.said_any
  local got, ev = 0, {}
  for _, g in ipairs(groups) do
    -- Only the first hit is used: the engine's searches stop reading the answer there.
    local hits = find(answer, g, 1)
    if hits[1] then
      got = got + 1
      ev[#ev + 1] = hits[1]
    end
  end
  return got, ev
end

---------------------------------------------------------------------------------------------------
-- Questions and concepts
---------------------------------------------------------------------------------------------------

-- Returns the candidate's first question (in answer order) that asks one of the pack questions
-- `ids`, as an `answer.questions` entry `{ text, line, matches }`, or nil. The engine reads its
-- findings directly: a check that only asks this never builds `answer.questions`.
H.asked = native.asked

-- Returns how many of the pack questions `ids` the candidate asked, and the evidence: the first
-- question asking each, as `{ line, text }`, in answer order.
H.asked_each = native.asked_each

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
H.best_use = native.best_use

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
