-- Design a logging system: the rubric, the interviewer's answers, and the numbers.
--
-- The numbers follow one chain: 500M users, ~70% actually active (350M), ~70% of those in the
-- peak hour (245M), so ~68K users arrive per second at peak; one collector server holds about
-- 1,000 concurrent uploads, so ~70 servers. Per-user upload is bounded from what is logged (an
-- upper bound of ~25 KB/s, not a blind 500 KB/s), which caps ingest near 1.7 GB/s. Volume comes
-- from ~200 events of ~500 bytes per active user per day: 70B events, 35 TB a day.
--
-- Reading of the 80/20 rule used here: about 80% of searches look at the most recent slice of
-- the data, so the hot tier keeps 20% of one day's logs in memory (page cache and index caches).

sdi.cache_rule "80% of searches hit recent logs: keep 20% of one day's ingested volume in memory"

---------------------------------------------------------------------------------------------------
-- Concepts the glossary lacks (and a few extra forms for glossary concepts)
---------------------------------------------------------------------------------------------------

sdi.concept {
  id = "log_agent",
  name = "Log agent",
  definition = "A small process or SDK on each host or device that buffers, batches and ships log events, so the application never blocks on logging.",
  synonyms = { "logging agent", "log shipper", "log forwarder", "agent", "host agent", "collection agent",
    "agent on each host", "agent on every host", "sidecar agent", "logging SDK", "client SDK", "log SDK",
    "daemon on each host", "node agent", "client library", "logging library", "log library", "daemon",
    "DaemonSet", "Fluentd daemon", "Fluentd agent", "Fluentd DaemonSet", "Fluentd sidecar", "Fluent Bit agent",
    "Fluent Bit daemon", "Fluent Bit DaemonSet", "Fluent Bit sidecar", "tails log files", "tails the log files" },
  products = { "Filebeat", "rsyslog", "syslog-ng", "Promtail", "Logagent" },
  related = { "logging", "batching" },
  category = "observability",
}

sdi.concept {
  id = "log_collector",
  name = "Log collector",
  definition = "The stateless ingestion tier that receives batches from agents, validates and authenticates them, and writes them to the queue.",
  synonyms = { "collector", "collector service", "collector tier", "ingestion service", "ingestion tier",
    "ingestion servers", "ingest service", "ingest servers", "ingest tier", "ingestion endpoint",
    "ingest endpoint", "log receiver", "receiver service", "ingestion gateway", "ingest gateway" },
  broader = { "application_server" },
  related = { "load_balancer", "log_agent" },
  category = "observability",
}

sdi.concept {
  id = "log_processor",
  name = "Log processor",
  definition = "Workers that pull events from the queue, parse, enrich and deduplicate them, and write batches to the stores.",
  synonyms = { "processor", "processing service", "processing workers", "processing tier", "consumer",
    "consumer service", "consumer workers", "indexer", "indexer service", "indexing workers",
    "parser service", "log processing service" },
  related = { "consumer_group", "stream_processing", "checkpointing" },
  category = "processing",
}

sdi.concept {
  id = "log_sampling",
  name = "Log sampling",
  definition = "Keeping only a fraction of low-value events (e.g. 1% of DEBUG lines) to cut volume, at the cost of completeness.",
  synonyms = { "sampling", "sample rate", "sampling rate", "sampled", "head sampling", "tail sampling",
    "downsampling", "keep 1 in", "keep one in", "drop debug logs", "drop debug lines" },
  related = { "rate_limiting", "load_shedding" },
  category = "observability",
}

-- How candidates say it for Kafka consumers.
sdi.concept {
  id = "checkpointing",
  name = "Checkpointing",
  definition = "Persists progress (e.g. the consumer offset) after work is safely stored, so a replacement resumes there.",
  synonyms = { "last offset", "Kafka offset", "partition offset", "read offset", "processed offset",
    "last committed offset", "offset it committed", "where it left off", "resume from",
    "resumes from", "commit offsets", "restarts from the last", "restart from the last", "from the last snapshot" },
  category = "processing",
}

-- Retention as candidates phrase it for logs.
sdi.concept {
  id = "data_retention",
  name = "Data retention",
  definition = "How long data is kept before it is deleted or archived.",
  synonyms = { "keep logs for", "keep the logs for", "logs are kept for", "keep them for", "retained for",
    "retention" },
  category = "storage",
}

-- "autoscale" does not share a stem with "autoscaling".
sdi.concept {
  id = "autoscaling",
  name = "Autoscaling",
  definition = "Adds or removes instances automatically as load changes.",
  synonyms = { "autoscale", "autoscales", "autoscaled", "auto-scales", "auto scale" },
  category = "scaling",
}

-- Forms candidates use for daily indices in a search cluster.
sdi.concept {
  id = "time_partitioning",
  name = "Partitioning by time",
  definition = "Splits data into time buckets (e.g. one index per day) so queries prune by time and old buckets are dropped whole.",
  synonyms = { "daily indices", "daily index", "index per day", "indices per day", "hourly indices",
    "hourly index", "time-based indices", "time-based index", "one index per day", "rolling indices",
    "time buckets", "per-day indices" },
  category = "scaling",
}

---------------------------------------------------------------------------------------------------
-- Clarifying questions and the interviewer's answers
---------------------------------------------------------------------------------------------------

sdi.question {
  id = "users",
  text = "How many users and clients produce logs?",
  phrasings = { "how many users", "number of users", "how many clients", "how many devices", "user base",
    "daily active users", "dau", "active users", "how many hosts", "how many services", "scale" },
  answer = "About 500M users in total; roughly 70% of them are actually active on a given day. "
    .. "On the backend, a few thousand services on tens of thousands of hosts also log.",
}
sdi.question {
  id = "sources",
  text = "Which sources do we collect from: clients, services or both?",
  phrasings = { "which sources", "what sources", "clients or services", "client logs", "server logs",
    "mobile logs", "where do logs come from", "what gets logged", "application logs", "backend services",
    "mobile and web" },
  answer = "Both: mobile and web clients send app events and errors, and backend services send "
    .. "application logs. Client events dominate the volume.",
}
sdi.question {
  id = "volume",
  text = "How much does each user log, and how big is an event?",
  phrasings = { "how big is a log", "event size", "size of a log", "size of an event", "how many events",
    "events per user", "how much data", "log volume", "how many log lines", "bytes per event", "how large" },
  answer = "Around 200 events per active user per day, about 500 bytes each as structured JSON; "
    .. "services add a comparable but smaller stream.",
}
sdi.question {
  id = "peak",
  text = "What does peak traffic look like?",
  phrasings = { "peak", "spikes", "burst", "peak hour", "busiest hour", "traffic pattern", "seasonal" },
  answer = "About 70% of the day's active users show up in the busiest hour, and an incident can make one "
    .. "service log ten times its normal rate for a while.",
}
sdi.question {
  id = "retention",
  text = "How long must logs be kept?",
  phrasings = { "how long", "retention", "keep logs", "how long to keep", "delete old logs", "archive",
    "compliance", "ttl" },
  answer = "Searchable for 30 days; the last 7 days must be fast to search. Audit logs are archived "
    .. "for a year for compliance, where slow retrieval is fine.",
}
sdi.question {
  id = "query_patterns",
  text = "How do engineers search the logs?",
  phrasings = { "how do engineers search", "how do users search", "query patterns", "what queries",
    "search by", "full text", "free text", "filter", "kind of search", "search requirements",
    "how are logs queried", "what do we search" },
  answer = "Filter by time range, service, host, level and request/trace id, plus free-text search in "
    .. "the message. Most searches look at the last hour or day.",
}
sdi.question {
  id = "freshness",
  text = "How quickly must a log line become searchable?",
  phrasings = { "how quickly", "how fast", "searchable", "freshness", "delay", "real time", "real-time",
    "end to end latency", "lag", "latency" },
  answer = "Within about a minute at p99 from emission to search. A search over the last day should "
    .. "return in a few seconds.",
}
sdi.question {
  id = "loss_tolerance",
  text = "Can we lose or duplicate log events?",
  phrasings = { "lose", "loss", "lost", "drop", "duplicates", "exactly once", "at least once",
    "delivery guarantee", "durability", "guarantee" },
  answer = "Losing a little DEBUG/INFO under extreme load is acceptable; ERROR and audit events must not "
    .. "be lost. Duplicates should be removed where cheap, but a rare duplicate is tolerable.",
}
sdi.question {
  id = "client_bandwidth",
  text = "How much bandwidth may a client use for logging?",
  phrasings = { "bandwidth", "upload", "mobile data", "battery", "metered", "network cost",
    "how much can a client send" },
  answer = "Be considerate: many clients are phones on metered networks. Size the upload from what "
    .. "is logged; an upper bound of about 25 KB/s per active device is acceptable, 500 KB/s is not.",
}
sdi.question {
  id = "format",
  text = "Are logs structured, and is there a common schema?",
  phrasings = { "structured", "format", "schema", "json", "plain text", "unstructured", "fields" },
  answer = "Services mostly emit structured JSON; some legacy ones write plain text lines. Every event "
    .. "must carry a timestamp, source, host or device, level and message; a trace id when there is one.",
}
sdi.question {
  id = "search_load",
  text = "How many searches do we expect?",
  phrasings = { "how many searches", "how many queries", "read write ratio", "read:write", "search traffic",
    "how many engineers", "how often", "dashboards" },
  answer = "Tiny next to writes: a few thousand engineers plus dashboards and alert rules, about 10M "
    .. "queries a day.",
}
sdi.question {
  id = "privacy",
  text = "Do logs contain sensitive data, and who may read them?",
  phrasings = { "pii", "sensitive", "privacy", "personal data", "who can read", "access control",
    "security", "gdpr", "encrypt" },
  answer = "They can contain personal data by accident: scrub it before storage, restrict access per "
    .. "team, and encrypt at rest and in transit.",
}
sdi.question {
  id = "alerting",
  text = "Are alerts and dashboards on logs in scope?",
  phrasings = { "alert", "alerts", "alerting", "dashboard", "metrics", "analytics", "in scope", "out of scope" },
  answer = "Simple alert rules on log patterns and error counts are nice to have; a full metrics and "
    .. "tracing product is out of scope.",
}
sdi.question {
  id = "cost",
  text = "Is there a budget constraint?",
  phrasings = { "budget", "cost", "expensive", "cheap", "money" },
  answer = "Cost matters: storage is the biggest bill, so old data should move to cheap storage.",
}
sdi.question {
  id = "regions",
  text = "How many regions do we run in?",
  phrasings = { "regions", "data centers", "datacenters", "multi region", "geography", "global" },
  answer = "Services run in three regions; clients are worldwide and upload to the nearest region.",
}

---------------------------------------------------------------------------------------------------
-- Assumptions and estimates
---------------------------------------------------------------------------------------------------

sdi.assumption {
  id = "total_users",
  title = "Total users",
  default = "500M",
  range = { "10M", "5B" },
  names = { "total users", "registered users", "users in total", "user base", "users total",
    "monthly active users", "MAU", "total user", "million users" },
}
sdi.assumption {
  id = "active_share",
  title = "Share of users actually active",
  default = "70%",
  range = { "5%", "100%" },
  names = { "actually active", "active share", "share active", "are active", "active ratio", "active rate" },
}
sdi.assumption {
  id = "peak_share",
  title = "Share of active users in the peak hour",
  default = "70%",
  range = { "5%", "100%" },
  names = { "in the peak hour", "peak share", "at peak hour", "show up at peak", "during the peak hour",
    "in the busiest hour", "peak-hour share" },
}
sdi.assumption {
  id = "users_per_server",
  title = "Concurrent users one server handles",
  default = "1000",
  range = { "100", "1M" },
  names = { "concurrent users per server", "users per server", "per server", "per instance", "per node",
    "per machine", "per box", "connections per server" },
}
sdi.assumption {
  id = "upload_per_user",
  title = "Upload bandwidth per active user (upper bound)",
  default = "25 KB/s",
  range = { "100 bytes/s", "100 KB/s" },
  names = { "per user", "per device", "per client", "per active user", "upload per user", "upper bound",
    "per-user bandwidth", "per-device bandwidth", "upload bandwidth per user" },
}
sdi.assumption {
  id = "events_per_user",
  title = "Log events per active user per day",
  default = "200 /day",
  range = { "10 /day", "10K /day" },
  names = { "events per user", "events per active user", "log lines per user", "events a day",
    "events per day", "log events per user", "events per user per day" },
}
sdi.assumption {
  id = "event_size",
  title = "Bytes per log event",
  default = "500 bytes",
  range = { "50 bytes", "10 KB" },
  names = { "per event", "event size", "bytes per event", "each event", "per log line", "per line",
    "each log line", "size of an event", "average event", "per log event" },
}
sdi.assumption {
  id = "retention",
  title = "Searchable retention",
  default = "30 days",
  range = { "1 day", "2 years" },
  names = { "retention", "keep logs for", "retained for", "retain", "kept for", "searchable for",
    "keep them for", "keep everything for" },
}
sdi.assumption {
  id = "compression_ratio",
  title = "Compression ratio",
  default = "10",
  range = { "2", "30" },
  names = { "compression ratio", "compresses", "compression" },
}
sdi.assumption {
  id = "cache_share",
  title = "Share of a day's logs kept in memory",
  default = "20%",
  range = { "1%", "100%" },
  names = { "80/20", "80-20", "cache share", "hot share", "share in memory", "share kept in memory" },
}
sdi.assumption {
  id = "searches_per_day",
  title = "Searches per day",
  default = "10M /day",
  range = { "10K /day", "1B /day" },
  names = { "searches per day", "queries per day", "searches a day", "queries a day", "search queries" },
}

sdi.estimate {
  id = "active_users",
  title = "Active users",
  formula = "total_users * active_share",
  unit = "",
  names = { "active users", "daily active users", "DAU", "active per day", "actually active users",
    "users actually active", "actually active" },
}
sdi.estimate {
  id = "peak_users",
  title = "Users in the peak hour",
  formula = "total_users * active_share * peak_share",
  unit = "",
  names = { "peak users", "users at peak", "peak-hour users", "users in the peak hour", "at peak",
    "peak hour users", "in the peak hour", "in the busiest hour", "busiest hour" },
}
sdi.estimate {
  id = "peak_users_per_sec",
  title = "Users per second at peak",
  formula = "total_users * active_share * peak_share / 1 hour",
  unit = "/s",
  names = { "users per second", "users/s", "users/sec", "users a second", "peak users per second",
    "arrivals per second", "concurrent users", "concurrent uploads" },
}
sdi.estimate {
  id = "servers",
  title = "Collector servers",
  formula = "total_users * active_share * peak_share / 1 hour * 1 s / users_per_server",
  unit = "",
  names = { "servers", "collector servers", "ingestion servers", "servers needed", "collectors",
    "node servers", "NodeJS servers", "instances needed", "collector instances", "machines needed" },
}
sdi.estimate {
  id = "ingest_bandwidth",
  title = "Peak ingest bandwidth",
  formula = "total_users * active_share * peak_share / 1 hour * 1 s * upload_per_user",
  unit = "GB/s",
  names = { "ingest bandwidth", "incoming bandwidth", "ingress", "bandwidth in", "inbound bandwidth",
    "peak bandwidth", "total upload", "peak ingest", "ingest at peak", "network in" },
}
sdi.estimate {
  id = "event_rate",
  title = "Log events per second (average)",
  formula = "total_users * active_share * events_per_user",
  unit = "/s",
  names = { "events per second", "log events per second", "log lines per second", "write rate",
    "writes per second", "events/s", "events/sec", "messages per second", "write QPS", "events a second" },
}
sdi.estimate {
  id = "storage_per_day",
  title = "Raw log volume per day",
  formula = "total_users * active_share * events_per_user * event_size",
  unit = "TB/day",
  names = { "storage per day", "data per day", "per day", "a day", "daily volume", "raw volume",
    "daily storage", "volume per day", "daily ingest" },
}
sdi.estimate {
  id = "storage_total",
  title = "Raw storage over the retention period",
  formula = "total_users * active_share * events_per_user * event_size * retention",
  unit = "TB",
  names = { "total storage", "storage over", "over 30 days", "over the retention",
    "retention storage", "30 days of logs", "over a month", "raw storage", "storage for 30 days" },
}
sdi.estimate {
  id = "storage_compressed",
  title = "Compressed storage over the retention period",
  formula = "total_users * active_share * events_per_user * event_size * retention / compression_ratio",
  unit = "TB",
  names = { "compressed", "after compression", "compressed storage", "once compressed", "compressed size" },
}
sdi.estimate {
  id = "cache_memory",
  title = "Memory for the hot tier",
  formula = "total_users * active_share * events_per_user * event_size * 1 day * cache_share",
  unit = "TB",
  names = { "cache memory", "memory", "RAM", "page cache", "hot set", "memory for the hot",
    "cache size", "index memory", "heap" },
}
sdi.estimate {
  id = "search_qps",
  title = "Searches per second",
  formula = "searches_per_day",
  unit = "/s",
  names = { "searches per second", "search QPS", "queries per second", "read QPS", "search rate",
    "read rate", "searches/s", "queries/s" },
}

---------------------------------------------------------------------------------------------------
-- Rubric
---------------------------------------------------------------------------------------------------

-- Custom checks read the answer through the shared library (plugins/checks/helpers.lua). The word
-- lists they search for sit above each check, made once for the pack rather than on every run.
local H = sdi.helpers
local said_any, found_any, said_together, asked = H.said_any, H.found_any, H.said_together, H.asked
local best_use, used = H.best_use, H.used

-- clarify --------------------------------------------------------------------------------------

sdi.check {
  id = "clarifying_questions", title = "Asks the questions that shape a logging pipeline", facet = "clarify",
  kind = "questions", weight = 5, full = 5,
  feedback = "Before drawing boxes, ask how many users and services log, how much each logs and how "
    .. "big an event is, what peak looks like, how long logs are kept, how engineers search them, how "
    .. "fresh results must be and what may be lost. Each answer moves a number or a box.",
}
sdi.check {
  id = "asks_scale", title = "Asks about users and log volume before sizing", facet = "clarify",
  kind = "custom", weight = 2,
  feedback = "Ask how many users and services produce logs and how much each one logs: the whole "
    .. "estimate chain (active users, peak users per second, servers, bandwidth, storage) starts there.",
  run = function(answer)
    local score, ev = 0, {}
    local q = asked(answer, { "users", "sources" })
    if q then score = score + 0.5; ev[#ev + 1] = q end
    q = asked(answer, { "volume", "peak" })
    if q then score = score + 0.5; ev[#ev + 1] = q end
    return { score = score, evidence = ev }
  end,
}
sdi.check {
  id = "asks_retention_and_search", title = "Asks how long logs live and how they are searched",
  facet = "clarify", kind = "custom", weight = 2,
  feedback = "Ask about retention and query patterns: 30 days versus a year changes storage tenfold, "
    .. "and 'filter by service and time, free text in the message' decides what gets indexed.",
  run = function(answer)
    local score, ev = 0, {}
    local q = asked(answer, { "retention" })
    if q then score = score + 0.5; ev[#ev + 1] = q end
    q = asked(answer, { "query_patterns", "search_load" })
    if q then score = score + 0.5; ev[#ev + 1] = q end
    return { score = score, evidence = ev }
  end,
}
sdi.check {
  id = "asks_guarantees", title = "Asks what may be lost and how fresh results must be", facet = "clarify",
  kind = "custom", weight = 2,
  feedback = "Ask whether any logs may be dropped or duplicated and how soon a line must be searchable: "
    .. "they decide delivery semantics, sampling and how much buffering the pipeline needs.",
  run = function(answer)
    local score, ev = 0, {}
    local q = asked(answer, { "loss_tolerance" })
    if q then score = score + 0.5; ev[#ev + 1] = q end
    q = asked(answer, { "freshness" })
    if q then score = score + 0.5; ev[#ev + 1] = q end
    return { score = score, evidence = ev }
  end,
}

-- requirements ---------------------------------------------------------------------------------

local core_features_groups = {
  { "collect", "ingest", "ship ", "ships ", "send logs", "send their logs", "gather", "emit" },
  { "store", "persist", "retain", "archive" },
  { "search", "query", "queries", "filter" },
}
sdi.check {
  id = "core_features", title = "States the core features: collect, store, search", facet = "requirements",
  kind = "custom", weight = 3,
  feedback = "Write the three use cases as sentences: collect events from clients and services, store "
    .. "them durably for the retention period, and let engineers search and filter them.",
  run = function(answer)
    local got, ev = H.groups_score(answer, core_features_groups)
    return { score = got / #core_features_groups, evidence = ev }
  end,
}
sdi.check {
  id = "search_requirement", title = "Requires full-text search with filters", facet = "requirements",
  kind = "concepts", weight = 2, concepts = { { "full_text_search", "inverted_index" } },
  feedback = "Say what search means here: filter by time range, service, host and level, plus full-text "
    .. "search in the message; that requirement is why a search index is in the design.",
}
sdi.check {
  id = "retention_requirement", title = "States how long logs are kept", facet = "requirements",
  kind = "concepts", weight = 2, concepts = { { "data_retention", "expiration", "ttl" } },
  feedback = "State the retention policy (e.g. 30 days searchable, audit logs archived for a year): it "
    .. "sets total storage and the tiering plan.",
}
local freshness_requirement_words = { "searchable within", "within a minute", "within one minute",
  "within 1 minute", "within 60 seconds", "within seconds", "within a few seconds", "near real-time",
  "near real time", "near-real-time", "show up in search", "appear in search", "end-to-end delay",
  "end-to-end latency", "end to end latency", "ingestion delay", "ingestion lag", "freshness",
  "visible within", "searchable in under" }
sdi.check {
  id = "freshness_requirement", title = "Sets a freshness target for search", facet = "requirements",
  kind = "custom", weight = 2,
  feedback = "Give an end-to-end target, e.g. 'a line is searchable within a minute at p99': it decides "
    .. "how long batches may wait and whether a stream pipeline is needed instead of nightly batches.",
  run = function(answer)
    local hits = said_any(answer, freshness_requirement_words, 1)
    if #hits > 0 then return { score = 1, evidence = { hits[1] } } end
    return 0
  end,
}
sdi.check {
  id = "write_heavy", title = "Recognises a write-heavy workload", facet = "requirements", kind = "concepts",
  weight = 2, concepts = { { "write_heavy", "read_write_ratio" } },
  feedback = "Call out that writes dwarf reads (tens of billions of events a day against millions of "
    .. "searches): the design optimises the ingest path and accepts slower, rarer reads.",
}
local loss_tolerance_both_words = { "lose", "lost", "loss", "drop", "dropped", "never be lost" }
local loss_tolerance_both_with_words = { "debug", "audit", "error", "info", "critical" }
sdi.check {
  id = "loss_tolerance", title = "Says which logs may be lost and which may not", facet = "requirements",
  kind = "custom", weight = 2,
  feedback = "Split the guarantee by value: DEBUG/INFO may be sampled or dropped under extreme load, "
    .. "ERROR and audit logs must never be lost. It lets you shed load without losing what matters.",
  run = function(answer)
    local both = said_together(answer, loss_tolerance_both_words, loss_tolerance_both_with_words, 1)
    if #both > 0 then return { score = 1, evidence = { both[1] } } end
    local c = used(answer, { "at_least_once", "exactly_once", "at_most_once", "delivery_semantics", "durability" })
    if c then
      return { score = 0.6, evidence = { c },
        feedback = "A delivery guarantee is stated, but not which logs may be dropped under load." }
    end
    return 0
  end,
}
sdi.check {
  id = "privacy_requirement", title = "Protects sensitive data in logs", facet = "requirements",
  kind = "concepts", weight = 1, concepts = { { "data_privacy", "authorization", "encryption_at_rest" } },
  feedback = "Logs leak personal data by accident: require scrubbing of PII before storage, access "
    .. "control per team and encryption at rest.",
}

-- estimation -----------------------------------------------------------------------------------

sdi.check { id = "est_active_users", title = "Active users", facet = "estimation", kind = "estimate",
  estimate = "active_users", weight = 2,
  feedback = "Not every account is active: about 70% of 500M users is 350M active users." }
sdi.check { id = "est_peak_users", title = "Users in the peak hour", facet = "estimation", kind = "estimate",
  estimate = "peak_users", weight = 2,
  feedback = "About 70% of the active users show up in the peak hour: 350M x 70% = 245M." }
sdi.check { id = "est_peak_users_per_sec", title = "Users per second at peak", facet = "estimation",
  kind = "estimate", estimate = "peak_users_per_sec", weight = 3,
  feedback = "245M users in one hour is 245M / 3,600 s, about 70K users per second at peak." }
sdi.check { id = "est_servers", title = "Collector servers", facet = "estimation", kind = "estimate",
  estimate = "servers", weight = 3,
  feedback = "If one collector (e.g. a Node.js instance) holds about 1,000 concurrent uploads, 70K "
    .. "users per second need about 70 servers, before headroom and redundancy." }
sdi.check { id = "est_ingest_bandwidth", title = "Peak ingest bandwidth", facet = "estimation",
  kind = "estimate", estimate = "ingest_bandwidth", weight = 3,
  feedback = "Bound each user's upload from what is logged (say 25 KB/s at most): 70K users/s x 25 KB/s "
    .. "is about 1.7 GB/s, roughly 14 Gbps into the collectors at peak." }
sdi.check { id = "est_event_rate", title = "Log events per second", facet = "estimation", kind = "estimate",
  estimate = "event_rate", weight = 2,
  feedback = "350M active users x 200 events a day is 70B events a day, about 810K events per second "
    .. "on average and a few times that at peak." }
sdi.check { id = "est_storage_day", title = "Raw log volume per day", facet = "estimation",
  kind = "estimate", estimate = "storage_per_day", weight = 3,
  feedback = "70B events a day x 500 bytes is about 35 TB of raw logs per day." }
sdi.check { id = "est_storage_total", title = "Raw storage over the retention period", facet = "estimation",
  kind = "estimate", estimate = "storage_total", weight = 2,
  feedback = "35 TB a day kept 30 days is about 1 PB raw." }
sdi.check { id = "est_storage_compressed", title = "Compressed storage over retention", facet = "estimation",
  kind = "estimate", estimate = "storage_compressed", weight = 1,
  feedback = "Logs compress about 10x with zstd or gzip, so 30 days take roughly 100 TB on disk "
    .. "(before replicas)." }
sdi.check { id = "est_cache_memory", title = "Memory for the hot tier", facet = "estimation",
  kind = "estimate", estimate = "cache_memory", weight = 2,
  feedback = "Most searches hit recent data: keeping 20% of a day's 35 TB in memory is about 7 TB of "
    .. "RAM across the hot search nodes (e.g. ~60 nodes with 128 GB)." }
sdi.check { id = "est_search_qps", title = "Searches per second", facet = "estimation", kind = "estimate",
  estimate = "search_qps", weight = 1,
  feedback = "10M queries a day is only about 120 searches per second: reads are rare but heavy." }
local bandwidth_bound_rates = { "kb/s", "kb per second", "kbps", "kb a second", "kilobytes per second",
  "kb/sec" }
local bandwidth_bound_bounded_words = { "upper bound", "at most", "capped", "cap it", "cap of", "cap at",
  "a cap", "no more than", "limit", "budget", "bounded", "ceiling" }
local bandwidth_bound_from_events_words = { "event", "log line", "what we log", "what is logged" }
sdi.check {
  id = "bandwidth_bound", title = "Bounds per-user bandwidth from what is logged", facet = "estimation",
  kind = "custom", weight = 2,
  feedback = "Do not guess a per-user upload like 500 KB/s: estimate it from what is logged (events, "
    .. "their size, how often they are flushed) and state an upper bound such as 25 KB/s; that is "
    .. "the considerate answer for users on metered phones, and it caps ingest bandwidth.",
  run = function(answer)
    local bounded = said_together(answer, bandwidth_bound_rates, bandwidth_bound_bounded_words, 1)
    local from_events = said_together(answer, bandwidth_bound_rates, bandwidth_bound_from_events_words, 1)
    local score, ev = 0, {}
    if #bounded > 0 and #from_events > 0 then score, ev = 1, { bounded[1], from_events[1] }
    elseif #bounded > 0 then score, ev = 0.8, { bounded[1] }
    elseif #from_events > 0 then score, ev = 0.6, { from_events[1] } end
    -- A per-user figure far above what logging needs (the classic blind 500 KB/s) shows up as an
    -- ingest bandwidth many times the pack's.
    local e = answer.estimate("ingest_bandwidth")
    if e and e.stated ~= "" and e.ratio and e.ratio > 4 then
      local blk = H.block_at(answer, e.line)
      local text = blk and blk.text or e.stated
      return { score = math.min(score, 0.2), evidence = { { line = e.line, text = text } },
        feedback = "The per-user upload looks guessed (e.g. 500 KB/s) rather than sized from what is logged; "
          .. "a few dozen 500-byte events per flush bounds it near 25 KB/s." }
    end
    return { score = score, evidence = ev }
  end,
}

-- api ------------------------------------------------------------------------------------------

local ingest_api_endpoint_words = { "post /", "/logs", "/ingest", "/events", "ingest(", "send_logs(",
  "sendlogs(", "putlogs", "log_batch", "write_logs(", "writelogs(" }
local ingest_api_batch_words = { "batch" }
local ingest_api_batch_with_words = { "post", "/logs", "/ingest", "endpoint", "request", "call", "send",
  "upload" }
sdi.check {
  id = "ingest_api", title = "Defines a batched ingest API", facet = "api", kind = "custom", weight = 3,
  feedback = "Write the ingest call: POST /v1/logs with a compressed batch of events (timestamp, "
    .. "source, level, message, event id) authenticated by the agent's key; answer 202 once the batch "
    .. "is in the queue, 429 when the caller must slow down.",
  run = function(answer)
    local ep = found_any(answer, ingest_api_endpoint_words, 1)
    if #ep == 0 then return 0 end
    -- The batch has to be explained in a sentence; "POST /logs, batch" in a term list is not a design.
    local batch = said_together(answer, ingest_api_batch_words, ingest_api_batch_with_words, 1)
    if #batch > 0 then return { score = 1, evidence = { ep[1], batch[1] } } end
    return { score = 0.6, evidence = { ep[1] },
      feedback = "An ingest endpoint is named; say it takes a compressed batch of events per request, not one." }
  end,
}
local search_api_endpoint_words = { "/search", "/query", "search(", "query(", "get /logs", "searchlogs(",
  "search_logs(" }
local search_api_filter_words = { "from=", "to=", "start", "end_time", "time range", "time_range", "level",
  "service", "since" }
sdi.check {
  id = "search_api", title = "Defines a search API with time range and filters", facet = "api",
  kind = "custom", weight = 3,
  feedback = "Write the search call: GET /v1/search?q=...&service=...&level=...&from=...&to=...&cursor=... "
    .. "returning matching events newest first; the time range is mandatory so the query can skip old indices.",
  run = function(answer)
    local ep = found_any(answer, search_api_endpoint_words, 1)
    if #ep == 0 then return 0 end
    if H.contains_any(ep[1].text, search_api_filter_words) then
      return { score = 1, evidence = { ep[1] } }
    end
    return { score = 0.6, evidence = { ep[1] },
      feedback = "A search call is named; give it a time range and filters (service, level, free text)." }
  end,
}
sdi.check {
  id = "api_auth", title = "Authenticates producers and readers", facet = "api", kind = "concepts",
  weight = 2, concepts = { { "api_key", "authentication", "jwt", "tls", "authorization" } },
  feedback = "Agents authenticate with a per-source key or token over TLS, and searches are authorised "
    .. "per team, so nobody can inject logs or read another team's data.",
}
sdi.check {
  id = "search_pagination", title = "Pages through large result sets", facet = "api", kind = "concepts",
  weight = 1, concepts = { { "pagination", "cursor_pagination" } },
  feedback = "A search can match millions of lines: return a page and a cursor (search_after) instead "
    .. "of everything at once.",
}

-- data model -----------------------------------------------------------------------------------

local event_schema_groups = {
  { "timestamp", "event_time", "@timestamp", "time_ms" },
  { "service", "source", "app_id", "app id", "application" },
  { "host", "device_id", "device id" },
  { "level", "severity" },
  { "message", "msg" },
  { "trace_id", "trace id", "request_id", "request id", "event_id", "event id", "span_id", "traceid" },
}
sdi.check {
  id = "event_schema", title = "Lays out the log event", facet = "data_model", kind = "custom", weight = 3,
  feedback = "Name the event's fields: timestamp, service or app, host or device, level, message, "
    .. "trace/request id and a unique event id (for deduplication), plus free-form attributes.",
  run = function(answer)
    -- Fields count when they are laid out together (a table, a JSON sample, a field list), not
    -- when the words are scattered over the answer.
    -- Consecutive table rows form one table; every other block stands alone.
    local best_block, best = H.best_block(answer, event_schema_groups, { join_table_rows = true })
    if not best_block then return 0 end
    return { score = math.min(1, best / 5), evidence = { best_block } }
  end,
}
sdi.check {
  id = "store_choice", title = "Chooses a search index and object storage", facet = "data_model",
  kind = "concepts", weight = 3, concepts = { "full_text_search", "object_storage" },
  feedback = "Say where the data lives and why: recent logs in a search index (Elasticsearch/OpenSearch) "
    .. "for fast filtered and full-text search, everything in object storage (S3) because it is cheap and durable.",
}
sdi.check {
  id = "time_partitioned", title = "Partitions stored logs by time", facet = "data_model", kind = "concepts",
  weight = 2, concepts = { { "time_partitioning" } },
  feedback = "Logs are append-only and queried by time: one index per day (or hour) lets a query skip "
    .. "old indices and lets retention drop a whole index instead of deleting documents.",
}
local indexed_fields_words = { "index" }
local indexed_fields_with_words = { "field", "level", "service", "trace", "keyword", "inverted", "label" }
sdi.check {
  id = "indexed_fields", title = "Decides what gets indexed", facet = "data_model", kind = "custom", weight = 2,
  feedback = "Say which fields are indexed: keyword fields (service, level, host, trace id) for filters "
    .. "and an inverted index on the message for free text; indexing everything costs disk and ingest CPU.",
  run = function(answer)
    local hits = said_together(answer, indexed_fields_words, indexed_fields_with_words, 1)
    if #hits > 0 then return { score = 1, evidence = { hits[1] } } end
    local inv = best_use(answer, { "inverted_index" })
    if inv then return { score = 0.6, evidence = { inv } } end
    return 0
  end,
}
local structured_format_words = { "structured", "json", "protobuf", "avro", "schema" }
sdi.check {
  id = "structured_format", title = "Agrees on a structured format", facet = "data_model", kind = "custom",
  weight = 1,
  feedback = "Ask producers for structured events (JSON, or Protobuf/Avro with a schema) so fields can "
    .. "be indexed without fragile parsing; parse legacy text lines in the processors.",
  run = function(answer)
    local hits = said_any(answer, structured_format_words, 1)
    if #hits > 0 then return { score = 1, evidence = { hits[1] } } end
    return 0
  end,
}

-- high-level design ----------------------------------------------------------------------------

local collector = { "log_collector", "load_balancer", "api_gateway" }
local queue = { "event_streaming", "message_queue" }
local processor = { "log_processor", "stream_processing", "consumer_group" }
local search = { "full_text_search" }
local objects = { "object_storage", "cold_storage", "distributed_file_system", "data_lake" }

sdi.check {
  id = "diagram", title = "Draws the pipeline end to end", facet = "high_level", kind = "diagram", weight = 5,
  -- A box labelled only "Fluentd" or "Fluent Bit" reads as the glossary's `logging`; first in a
  -- pipeline it is the agent.
  components = { { "log_agent", "logging" }, collector, queue, processor, search, objects },
  connections = {
    { from = { "log_agent", "logging" }, to = collector, text = "agents shipping batches to the collectors" },
    { from = collector, to = queue, text = "collectors writing into the partitioned queue" },
    { from = queue, to = processor, text = "processors pulling from the queue" },
    { from = processor, to = search, text = "processors indexing into the search cluster" },
    { from = { "log_processor", "stream_processing", "consumer_group", "full_text_search" }, to = objects,
      text = "raw batches or aged indices going to object storage" },
  },
  feedback = "Draw agents -> load balancer -> collectors -> Kafka -> processors -> Elasticsearch (hot) "
    .. "and S3 (warm/cold), with a query service reading both.",
}
sdi.check {
  id = "agents_on_hosts", title = "Collects with agents on hosts and devices", facet = "high_level",
  kind = "concepts", weight = 3, concepts = { "log_agent" },
  feedback = "Put an agent (Filebeat/Fluent Bit, or an SDK in the app) on every host and device: it "
    .. "buffers and batches locally so the application never blocks on the logging system.",
}
sdi.check {
  id = "partitioned_queue", title = "Buffers events in a partitioned queue", facet = "high_level",
  kind = "concepts", weight = 3, concepts = { { "event_streaming" } },
  feedback = "Put a partitioned, replicated log (Kafka, Kinesis) between collectors and processors: it "
    .. "absorbs bursts, lets processing fall behind and catch up, and lets you replay.",
}
sdi.check {
  id = "pull_consumers", title = "Processes with consumers that pull", facet = "high_level", kind = "concepts",
  weight = 3, concepts = { { "push_vs_pull", "consumer_group" } },
  feedback = "Have processors pull from the queue in a consumer group, one consumer per partition: "
    .. "pull tolerates slow or crashed processors and scales by adding consumers.",
}
sdi.check {
  id = "tiered_storage", title = "Tiers storage by age", facet = "high_level", kind = "concepts", weight = 3,
  concepts = { { "storage_tiering", "cold_storage" } },
  feedback = "Tier by age: the last 7 days hot in the search index, older data warm/cold in object "
    .. "storage, audit archives in an archive class; most queries only touch the hot tier.",
}
sdi.check {
  id = "collector_tier", title = "Puts stateless collectors behind a load balancer", facet = "high_level",
  kind = "concepts", weight = 2, concepts = { "load_balancer", { "stateless_service", "autoscaling" } },
  feedback = "Agents reach a load balancer in front of stateless collectors, which only validate and "
    .. "append to the queue, so the tier scales out with traffic.",
}

-- deep dive ------------------------------------------------------------------------------------

sdi.check {
  id = "checkpointing", title = "Checkpoints progress so a failed processor resumes", facet = "deep_dive",
  kind = "concepts", weight = 3, concepts = { "checkpointing" },
  feedback = "Processors commit their offset after a batch is safely written; when one dies, another "
    .. "takes its partitions and resumes from the last checkpoint instead of losing or redoing everything.",
}
sdi.check {
  id = "dead_letter_queue", title = "Sends undeliverable events to a dead-letter queue", facet = "deep_dive",
  kind = "concepts", weight = 3, concepts = { "dead_letter_queue" },
  feedback = "Events that cannot be parsed or written after retries go to a dead-letter queue (or local "
    .. "disk) with the error, so one poison message or a degraded store does not block a partition.",
}
sdi.check {
  id = "deduplication", title = "Removes duplicate events", facet = "deep_dive", kind = "concepts", weight = 3,
  concepts = { { "deduplication", "idempotency_key", "idempotency" } },
  feedback = "Retries from agents and replays after a crash create duplicates: give each event an id and "
    .. "drop repeats with a short-lived dedup cache (last ~10 minutes) or an idempotent write keyed by it.",
}
sdi.check {
  id = "batching_compression", title = "Batches and compresses on the way in", facet = "deep_dive",
  kind = "concepts", weight = 3, concepts = { "batching", "compression" },
  feedback = "Batch events on the agent (by size or time) and compress them (zstd/gzip, ~10x on logs): "
    .. "fewer requests, less bandwidth for phones, and bulk writes downstream.",
}
local partition_key_words = { "partition" }
local partition_key_with_words = { "by service", "by source", "by host", "by tenant", "hash of", "by app",
  "key" }
sdi.check {
  id = "partition_key", title = "Chooses how events are partitioned", facet = "deep_dive", kind = "custom",
  weight = 2,
  feedback = "Say what the queue is partitioned by: a hash of source or service keeps one source's "
    .. "lines in order; spread very noisy sources across several partitions so one does not become hot.",
  run = function(answer)
    local c = used(answer, { "partition_key", "hash_partitioning", "consistent_hashing" })
    if c then return { score = 1, evidence = { c } } end
    local hits = said_together(answer, partition_key_words, partition_key_with_words, 1)
    if #hits > 0 then return { score = 1, evidence = { hits[1] } } end
    return 0
  end,
}
sdi.check {
  id = "delivery_semantics", title = "States the delivery guarantee", facet = "deep_dive", kind = "concepts",
  weight = 2, concepts = { { "at_least_once", "exactly_once", "at_most_once", "delivery_semantics" } },
  feedback = "Say what the pipeline guarantees: at-least-once (acks after the queue write, commits after "
    .. "the store write) plus deduplication gives effectively-once results.",
}
local retention_enforcement_words = { "lifecycle", "delete", "deleting", "drop whole", "drop the", "drop old",
  "dropping", "expire", "purge", "roll over", "rollover" }
local retention_enforcement_with_words = { "index", "indices", "bucket", "object" }
sdi.check {
  id = "retention_enforcement", title = "Enforces retention cheaply", facet = "deep_dive", kind = "custom",
  weight = 2,
  feedback = "Enforce retention by dropping whole daily indices and by object-storage lifecycle rules, "
    .. "never by deleting documents one by one.",
  run = function(answer)
    local hits = said_together(answer, retention_enforcement_words, retention_enforcement_with_words, 1)
    if #hits > 0 then return { score = 1, evidence = { hits[1] } } end
    return 0
  end,
}
local search_execution_pruned_words = { "time range", "time window", "time filter" }
local search_execution_pruned_with_words = { "indices", "index", "shard", "only", "skip" }
sdi.check {
  id = "search_execution", title = "Explains how a search runs", facet = "deep_dive", kind = "custom",
  weight = 2,
  feedback = "Explain the read path: the time range picks the daily indices, the query fans out to "
    .. "their shards and merges the top results; older ranges are read from object storage, slower.",
  run = function(answer)
    local pruned = said_together(answer, search_execution_pruned_words, search_execution_pruned_with_words, 1)
    if #pruned > 0 then return { score = 1, evidence = { pruned[1] } } end
    local sg = used(answer, { "scatter_gather" })
    if sg then return { score = 1, evidence = { sg } } end
    local tr = said_any(answer, { "time range" }, 1)
    if #tr > 0 then return { score = 0.5, evidence = { tr[1] } } end
    return 0
  end,
}
local agent_buffering_words = { "local disk", "spool", "buffer" }
local agent_buffering_with_words = { "agent", "sdk", "device", "client", "host" }
sdi.check {
  id = "agent_buffering", title = "Buffers on the agent when the pipeline is unreachable", facet = "deep_dive",
  kind = "custom", weight = 2,
  feedback = "Say what the agent does when collectors are down or slow: buffer to a bounded local disk "
    .. "or memory queue, retry with backoff, and drop the lowest levels first when the buffer is full.",
  run = function(answer)
    local hits = said_together(answer, agent_buffering_words, agent_buffering_with_words, 1)
    if #hits > 0 then return { score = 1, evidence = { hits[1] } } end
    return 0
  end,
}
sdi.check {
  id = "parsing_enrichment", title = "Parses and enriches events", facet = "deep_dive", kind = "concepts",
  weight = 1, concepts = { { "data_enrichment" } },
  feedback = "Processors parse text lines into fields and enrich events (region, service owner, app "
    .. "version) from a local lookup table before indexing.",
}
local pii_scrubbing_words = { "redact", "mask", "scrub", "strip pii", "remove pii", "anonymi", "pseudonymi" }
sdi.check {
  id = "pii_scrubbing", title = "Scrubs sensitive data before storage", facet = "deep_dive", kind = "custom",
  weight = 1,
  feedback = "Redact or hash emails, tokens and card numbers in the processors before anything is stored.",
  run = function(answer)
    local hits = said_any(answer, pii_scrubbing_words, 1)
    if #hits > 0 then return { score = 1, evidence = { hits[1] } } end
    return 0
  end,
}

-- bottlenecks ----------------------------------------------------------------------------------

sdi.check {
  id = "back_pressure", title = "Applies back pressure when downstream is slow", facet = "bottlenecks",
  kind = "concepts", weight = 3, concepts = { "back_pressure" },
  feedback = "When the search cluster or queue falls behind, push back: collectors answer 429, agents "
    .. "slow down and buffer, and the queue absorbs the rest, instead of everything failing at once.",
}
sdi.check {
  id = "sampling_and_limits", title = "Samples and rate-limits noisy sources", facet = "bottlenecks",
  kind = "concepts", weight = 3,
  concepts = { "log_sampling", { "rate_limiting", "token_bucket", "leaky_bucket", "load_shedding" } },
  feedback = "A buggy release can log 10x: rate-limit per source (token bucket at the collector) and "
    .. "sample DEBUG/INFO while always keeping ERROR, so one noisy service cannot starve the rest.",
}
sdi.check {
  id = "hot_partition", title = "Handles a noisy source becoming a hot partition", facet = "bottlenecks",
  kind = "concepts", weight = 2, concepts = { { "hot_partition" } },
  feedback = "One chatty service hashed to one partition overloads it: salt its key across several "
    .. "partitions or give it a dedicated topic.",
}
local monitoring_watch_words = { "monitor", "prometheus", "grafana", "datadog", "observability",
  "page the on-call" }
local monitoring_lag_watch_words = { "monitor", "dashboard", "prometheus", "grafana", "datadog", "alert",
  "metric", "observability", "watch" }
local monitoring_lag_words = { "consumer lag", "lag", "queue depth", "backlog", "end-to-end delay",
  "dropped events", "drop rate", "dead-letter" }
sdi.check {
  id = "monitoring", title = "Monitors the pipeline itself", facet = "bottlenecks", kind = "custom", weight = 3,
  feedback = "The logging system needs its own monitoring, outside itself: consumer lag per partition, "
    .. "ingest rate, end-to-end delay, dropped and dead-lettered events, cluster health, with alerts.",
  run = function(answer)
    -- The glossary's `logging` concept implies `monitoring`, and here logging is the product
    -- itself, so the concept `monitoring` would credit every answer: look for the watching instead.
    -- Alerts and dashboards on logs are features of the product, so they are not evidence either.
    local lag = said_together(answer, monitoring_lag_watch_words, monitoring_lag_words, 1)
    if #lag > 0 then return { score = 1, evidence = { lag[1] } } end
    -- Without the lag watched, a named metric or monitoring tool earns part of the credit.
    local m = best_use(answer, { "metrics", "health_checks", "distributed_tracing" })
    local ev
    if H.credit(m) >= 0.8 then ev = m end
    if not ev then ev = said_any(answer, monitoring_watch_words, 1)[1] end
    if ev then
      return { score = 0.6, evidence = { ev },
        feedback = "Monitoring is named; say what you watch in the pipeline, above all consumer lag." }
    end
    if m and m.use == "bare" then
      return { score = 0.2, evidence = { m } }
    end
    return 0
  end,
}
local queue_durability_brokers = { "kafka", "queue", "broker", "partition", "topic", "kinesis" }
local queue_durability_rep_words = { "replication factor", "replicated", "replicas", "replicate", "acks" }
local queue_durability_replay_words = { "replay", "re-read", "reprocess", "retains the backlog",
  "keeps the backlog", "days of data", "hours of data" }
sdi.check {
  id = "queue_durability", title = "Makes the queue durable and replayable", facet = "bottlenecks",
  kind = "custom", weight = 2,
  feedback = "Replicate each partition (replication factor 3, acks from the in-sync replicas) and keep "
    .. "a few days in the queue, so a lost broker loses nothing and a bad processor release can be replayed.",
  run = function(answer)
    local rep = said_together(answer, queue_durability_rep_words, queue_durability_brokers, 1)
    local replay = said_together(answer, queue_durability_replay_words, queue_durability_brokers, 1)
    local score, ev = 0, {}
    if #rep > 0 then score = score + 0.6; ev[#ev + 1] = rep[1] end
    if #replay > 0 then score = score + 0.4; ev[#ev + 1] = replay[1] end
    return { score = score, evidence = ev }
  end,
}
local scale_out_words = { "add consumers", "add more consumers", "adding consumers", "add partitions",
  "more partitions", "add collectors", "more collectors", "adding collectors", "add nodes", "adding nodes",
  "scale out", "scales out", "scale horizontally", "scales horizontally", "more workers", "add more",
  "more consumers" }
sdi.check {
  id = "scale_out", title = "Scales each tier out independently", facet = "bottlenecks", kind = "custom",
  weight = 2,
  feedback = "Say how each tier grows: collectors autoscale on CPU/connections, consumers on lag up to "
    .. "the partition count, search nodes by daily volume.",
  run = function(answer)
    local c = used(answer, { "autoscaling" })
    if c then return { score = 1, evidence = { c } } end
    local hits = said_any(answer, scale_out_words, 1)
    if #hits > 0 then return { score = 1, evidence = { hits[1] } } end
    return 0
  end,
}
sdi.check {
  id = "multi_region", title = "Survives a zone or region failure", facet = "bottlenecks", kind = "concepts",
  weight = 1, concepts = { { "multi_region", "availability_zone" } },
  feedback = "Spread brokers and search replicas across availability zones and ingest per region, so "
    .. "one zone outage does not stop logging.",
}

-- justify --------------------------------------------------------------------------------------

local pull_justified_words = { "pull" }
local pull_justified_with_words = { "because", "so that", "own pace", "instead of", "rather than" }
sdi.check {
  id = "pull_justified", title = "Justifies pull over push", facet = "justify", kind = "custom", weight = 2,
  feedback = "Say why processors pull: each consumes at its own pace, a crashed one is replaced and "
    .. "resumes from its checkpoint, and scaling is adding consumers; push would need the sender to "
    .. "track every receiver's health.",
  run = function(answer)
    local c = best_use(answer, { "push_vs_pull" })
    if c and c.use == "reasoned" then return { score = 1, evidence = { c } } end
    local hits = said_together(answer, pull_justified_words, pull_justified_with_words, 1)
    if #hits > 0 then return { score = 1, evidence = { hits[1] } } end
    if c and c.use == "used" then return { score = 0.5, evidence = { c } } end
    return 0
  end,
}
local tiering_cost_words = { "cold", "warm", "object storage", "s3", "tier", "archive" }
local tiering_cost_with_words = { "cost", "cheap", "price", "expensive", "$" }
sdi.check {
  id = "tiering_cost", title = "Justifies tiering with cost", facet = "justify", kind = "custom", weight = 2,
  feedback = "Tie tiering to money: SSD-backed search nodes cost many times more per GB than object "
    .. "storage, and almost all searches touch the last few days.",
  run = function(answer)
    local hits = said_together(answer, tiering_cost_words, tiering_cost_with_words, 1)
    if #hits > 0 then return { score = 1, evidence = { hits[1] } } end
    return 0
  end,
}
local queue_justified_words = { "kafka", "queue", "kinesis", "log broker" }
local queue_justified_with_words = { "absorb", "burst", "decouple", "spike", "fall behind", "replay",
  "buffer" }
sdi.check {
  id = "queue_justified", title = "Justifies the queue in the middle", facet = "justify", kind = "custom",
  weight = 2,
  feedback = "Say why the queue is there: it decouples producers from the stores, absorbs bursts, and "
    .. "keeps data safe while processors or the search cluster are down.",
  run = function(answer)
    local hits = said_together(answer, queue_justified_words, queue_justified_with_words, 1)
    if #hits > 0 then return { score = 1, evidence = { hits[1] } } end
    local c = best_use(answer, { "event_streaming", "message_queue" })
    if c and c.use == "reasoned" then return { score = 0.7, evidence = { c } } end
    return 0
  end,
}
local consistency_choice_lag_words = { "available", "availability", "stay up", "stays up", "accept" }
local consistency_choice_lag_with_words = { "lag", "late", "delay", "behind", "stale" }
sdi.check {
  id = "consistency_choice", title = "Keeps ingest available and lets search lag", facet = "justify",
  kind = "custom", weight = 2,
  feedback = "Say that ingest must stay available even if search lags: a line searchable 30 seconds late "
    .. "is fine, a rejected line is lost. Eventual consistency between the tiers is the price.",
  run = function(answer)
    local c = used(answer, { "eventual_consistency", "cap_theorem" })
    if c then
      return { score = 1, evidence = { c } }
    end
    local lag = said_together(answer, consistency_choice_lag_words, consistency_choice_lag_with_words, 1)
    if #lag > 0 then return { score = 1, evidence = { lag[1] } } end
    local ha = used(answer, { "high_availability" })
    if ha then
      return { score = 0.4, evidence = { ha },
        feedback = "Availability is named; say what you trade for it: search may lag, ingest may not stop." }
    end
    return 0
  end,
}

-------------------------------------------------------------------------------------------------
-- Hints, gentle to specific
---------------------------------------------------------------------------------------------------

sdi.hint { facet = "clarify", levels = {
  "What would you need to know before you could size anything?",
  "Ask who logs and how much, how long logs are kept, how they are searched and what may be lost.",
  "500M users, ~70% active, ~200 events of ~500 bytes a day each, 30 days searchable, searchable within a minute." } }
sdi.hint { facet = "requirements", levels = {
  "What must the system do, and what qualities must it have?",
  "Collect, store, search; then freshness, durability by log level, write-heavy load, privacy.",
  "Ingest must never block apps; ERROR/audit never lost, DEBUG may be sampled; searchable in ~1 minute; 30-day retention." } }
sdi.hint { facet = "estimation", levels = {
  "Start from the users and narrow down to who is really there at peak.",
  "Active share, then the peak-hour share, then per second; then servers, per-user bandwidth and bytes per day.",
  "500M x 70% x 70% = 245M in the peak hour, ~70K users/s, ~70 servers at 1K each, 25 KB/s cap -> ~1.7 GB/s, 35 TB/day raw." } }
sdi.hint { facet = "api", levels = {
  "Which calls do agents and engineers make?",
  "One call to send logs, one to search them; what goes in each request?",
  "POST /v1/logs with a compressed batch -> 202/429; GET /v1/search?q&service&level&from&to&cursor." } }
sdi.hint { facet = "data_model", levels = {
  "What does one log event look like, and where does it live?",
  "Which fields are filtered on, which are free text, and how does data age?",
  "timestamp, service, host, level, message, trace_id, event_id; daily indices in Elasticsearch, raw batches in S3." } }
sdi.hint { facet = "high_level", levels = {
  "Follow one log line from the phone to a search result.",
  "Something on the host, an ingestion tier, a buffer, processing, and two kinds of storage.",
  "Agents -> LB -> collectors -> Kafka (partitioned) -> consumers -> Elasticsearch (hot) + S3 (warm/cold) <- query service." } }
sdi.hint { facet = "deep_dive", levels = {
  "What happens when a processor crashes halfway through a batch?",
  "Think about offsets, poison messages, duplicates and how data is batched.",
  "Checkpoint offsets after writes, dead-letter what fails, dedup by event id, batch and compress, at-least-once." } }
sdi.hint { facet = "bottlenecks", levels = {
  "What breaks first during an incident that makes everything log at once?",
  "A noisy service, a slow search cluster, a lost broker, and who watches the watcher.",
  "Back pressure (429s), per-source rate limits and sampling, hot-partition salting, replication factor 3, alert on consumer lag." } }
sdi.hint { facet = "justify", levels = {
  "Which choices cost you something, and why are they still right?",
  "Pull versus push, a queue in the middle, hot versus cold storage, freshness versus availability.",
  "Pull lets consumers resume from checkpoints; Kafka absorbs spikes; cold tier is far cheaper; search may lag, ingest must not." } }
