-- {{title}}: the rubric, the interviewer's answers and the numbers.
-- One of each element; replace the content with your problem's. Reference: CONTRIBUTING.md.

-- Which reading of the 80/20 rule the cache estimate uses.
sdi.cache_rule "20% of items draw 80% of reads: cache 20% of one day's reads"

-- A clarifying question: how candidates ask it, and what the interviewer answers.
sdi.question {
  id = "scale",
  text = "How many daily active users do we expect?",
  phrasings = { "how many users", "daily active users", "dau", "scale" },
  answer = "About 10 million daily active users, each reading 20 items a day.",
}

-- Assumptions the estimates rest on: a default, a plausible range, the phrases that name them.
sdi.assumption {
  id = "dau",
  title = "Daily active users",
  default = "10M",
  range = { "100K", "1B" },
  names = { "daily active users", "DAU", "active users" },
}
sdi.assumption {
  id = "reads_per_user",
  title = "Reads per user per day",
  default = "20 /day",
  range = { "1 /day", "1000 /day" },
  names = { "reads per user", "reads a day", "each user reads" },
}

-- An estimate: a formula over assumption ids, how to show it, the phrases that name it.
sdi.estimate {
  id = "read_qps",
  title = "Read QPS",
  formula = "dau * reads_per_user",
  unit = "/s",
  names = { "read QPS", "reads per second", "read rate" },
}

-- Rubric checks: one per kind. `feedback` teaches what a strong answer says.
sdi.check {
  id = "clarifying_questions", title = "Asks about scale", facet = "clarify", kind = "questions",
  weight = 2, full = 1,
  feedback = "Ask how many users and requests to expect before sizing anything.",
}
sdi.check {
  id = "read_qps", title = "Estimates read QPS", facet = "estimation", kind = "estimate",
  estimate = "read_qps", weight = 2,
  feedback = "10M users x 20 reads a day is about 2.3K reads per second.",
}
sdi.check {
  id = "cache", title = "Caches the hot reads", facet = "deep_dive", kind = "concepts", weight = 3,
  concepts = { { "in_memory_cache", "caching" } },
  feedback = "Reads dominate: put a cache such as Redis in front of the database and say why.",
}
sdi.check {
  id = "store", title = "Chooses a database and says why", facet = "data_model", kind = "concepts", weight = 2,
  concepts = { { "relational_database", "key_value_store", "nosql_database" } },
  feedback = "Name the database and the reason: the access pattern (lookups by id) decides it.",
}
sdi.check {
  id = "diagram", title = "Draws the high-level design", facet = "high_level", kind = "diagram", weight = 3,
  components = { "load_balancer", "application_server", "database" },
  connections = { { from = "load_balancer", to = "application_server", text = "the load balancer in front of the app servers" } },
  feedback = "Draw client -> load balancer -> app servers -> cache -> database.",
}
sdi.check {
  id = "api", title = "Defines the read API", facet = "api", kind = "custom", weight = 2,
  feedback = "Write the API call a client makes, e.g. GET /items/{id}.",
  run = function(answer)
    local hits = answer.find("GET /")
    if #hits > 0 then return { score = 1, evidence = { { line = hits[1].line, text = hits[1].text } } } end
    return 0
  end,
}

-- A concept the glossary lacks (most designs need none).
sdi.concept {
  id = "{{concept_id}}_item",
  name = "Item",
  definition = "The thing users of this system read and write.",
  synonyms = { "items" },
}

-- Hints for the REPL, gentle first.
sdi.hint { facet = "estimation", levels = {
  "Start from the number of users.",
  "Multiply users by reads per user and divide by a day.",
  "10M x 20 / 86,400 s is about 2.3K reads per second." } }
