-- Design a video view counter: the rubric, the interviewer's answers, and the numbers.
-- Reading of the 80/20 rule used here: 20% of the videos viewed on a day draw 80% of the count
-- reads, so the read cache holds the counts of the hottest 20% of a day's viewed videos.

sdi.cache_rule "20% of the videos viewed in a day draw 80% of count reads: cache the counts of the top 20% of a day's viewed videos"

---------------------------------------------------------------------------------------------------
-- Components this problem names that the shared glossary does not have
---------------------------------------------------------------------------------------------------

sdi.concept {
  id = "partitioner_service",
  name = "Partitioner service",
  definition = "Receives view events from the API tier and writes each one to the queue partition chosen from its video id.",
  synonyms = { "event router", "ingestion service" },
  related = { "sharding", "partition_key" },
  category = "architecture",
}
sdi.concept {
  id = "processing_service",
  name = "Processing service",
  definition = "Pulls events from its queue partitions, drops duplicates, counts them in memory and flushes the counts to the database.",
  synonyms = { "counting service", "aggregation service", "counter service", "processing node",
    "processing worker" },
  related = { "data_aggregation", "stream_processing", "consumer_group" },
  category = "processing",
}
sdi.concept {
  id = "query_service",
  name = "Query service",
  definition = "Answers count and statistics reads from the aggregated store, through a cache, apart from the write path.",
  synonyms = { "read service", "statistics service", "stats service" },
  related = { "caching", "cqrs" },
  category = "architecture",
}

---------------------------------------------------------------------------------------------------
-- Clarifying questions and the interviewer's answers
---------------------------------------------------------------------------------------------------

sdi.question {
  id = "views_scale",
  text = "How many views do we process per day and per second?",
  phrasings = { "how many views", "views per day", "views per second", "number of views", "view events",
    "how many events", "events per second", "scale", "traffic", "volume", "how much data", "how many plays" },
  answer = "About 2 billion views a day worldwide, so roughly 23K view events per second on average.",
}
sdi.question {
  id = "read_ratio",
  text = "What is the read to write ratio?",
  phrasings = { "read to write ratio", "read write ratio", "read:write", "reads per second", "read requests",
    "how often is the count read", "reads per view", "read qps", "queries per second", "how much data is queried" },
  answer = "About 2 count reads per view (watch page plus listings and the dashboard), so the store "
    .. "sees about 46K count reads per second on average.",
}
sdi.question {
  id = "spikes",
  text = "How spiky is the traffic?",
  phrasings = { "spikes", "spiky", "peak", "peaks", "burst", "bursty", "viral", "popular video", "hot video",
    "traffic spikes", "peak traffic" },
  answer = "Evening peaks reach about 3 times the average (around 70K views per second), and one "
    .. "viral video alone can draw tens of thousands of views per second.",
}
sdi.question {
  id = "read_latency",
  text = "How fast must a count read return?",
  phrasings = { "how fast", "latency", "p99", "99th percentile", "response time", "read latency",
    "how quickly counts returned", "count returned", "retrieved from the system", "latency for reads", "count latency",
    "latency of the count" },
  answer = "A few tens of milliseconds: under 50 ms at the 99th percentile for one video's total.",
}
sdi.question {
  id = "freshness",
  text = "How quickly must a new view show up in the count?",
  phrasings = { "how fresh", "freshness", "real time", "real-time", "write-to-read delay", "write to read delay",
    "delay", "how quickly view show up", "how soon", "how stale", "lag", "near real time" },
  answer = "Within a minute or two is fine; hours (batch only) is not. Slightly stale counts are acceptable.",
}
sdi.question {
  id = "accuracy",
  text = "Must counts be exact?",
  phrasings = { "exact", "accurate", "accuracy", "approximate", "precise", "consistency", "consistent",
    "lose views", "lost views", "double count", "double counted" },
  answer = "The displayed count may lag and be a little off for a moment, but the final totals "
    .. "must not lose views or count them twice: creators are paid on them.",
}
sdi.question {
  id = "users",
  text = "Who uses the counts, and how?",
  phrasings = { "who uses", "who will use", "who is going to use", "who are the users", "who reads",
    "consumers of the data", "how will they use", "use cases", "inputs and outputs" },
  answer = "Viewers see the total on the watch page; creators see per-hour and per-day statistics in "
    .. "a dashboard; internal teams (recommendations, ads) read the same aggregates.",
}
sdi.question {
  id = "queries",
  text = "Which statistics must we serve besides the total?",
  phrasings = { "what queries", "which queries", "statistics", "time range", "per hour", "breakdown",
    "granularity", "other events", "shares", "event types", "slice and dice", "what data is returned" },
  answer = "The all-time total, and counts per hour for the last days and per day before that, per "
    .. "video. Likes and shares should reuse the same pipeline later.",
}
sdi.question {
  id = "retention",
  text = "How long do we keep the data?",
  phrasings = { "how long", "retention", "keep raw events", "keep the data", "store raw events", "history",
    "how far back" },
  answer = "Aggregated counts forever. Raw view events only as long as we might need to recount: a week is enough.",
}
sdi.question {
  id = "cost",
  text = "What are the cost constraints?",
  phrasings = { "cost", "budget", "open source", "cloud", "on-premises", "on premise", "maintenance", "money" },
  answer = "Keep hardware, development and maintenance cost down: open-source components are "
    .. "preferred, and a public cloud is fine if it saves operations work.",
}
sdi.question {
  id = "availability",
  text = "How available must counting be?",
  phrasings = { "availability", "available", "uptime", "downtime", "fault tolerant", "fault tolerance",
    "hardware failure", "data center outage" },
  answer = "Highly available: no single point of failure, and losing a machine or a network link "
    .. "must not stop counting or lose views. Showing a stale count beats showing none.",
}
sdi.question {
  id = "duplicates",
  text = "Can the same view be reported twice?",
  phrasings = { "duplicate", "duplicates", "deduplicate", "dedup", "retries", "retry", "bots", "fraud",
    "same view twice", "same user twice", "counted twice", "reported twice" },
  answer = "Players retry on network errors, so the same event (same event id) can arrive twice; "
    .. "drop those. Bot and fraud filtering is a separate team's job.",
}
sdi.question {
  id = "event_size",
  text = "What does a view event contain?",
  phrasings = { "event size", "size of an event", "what is in an event", "event contain", "event payload",
    "event look like", "what data", "fields in the event", "how big event", "how large event" },
  answer = "About 100 bytes: event id, video id, viewer or session id, timestamp, country and device.",
}
sdi.question {
  id = "video_count",
  text = "How many videos are there?",
  phrasings = { "how many videos", "number of videos", "active videos", "size of the catalog" },
  answer = "About a billion videos in total; roughly 100 million of them get at least one view on a given day.",
}
sdi.question {
  id = "regions",
  text = "Where are the viewers?",
  phrasings = { "regions", "region", "global", "worldwide", "countries", "geography", "data centers" },
  answer = "Worldwide; we run in several regions and a region may fail.",
}

---------------------------------------------------------------------------------------------------
-- Assumptions and estimates
---------------------------------------------------------------------------------------------------

sdi.assumption {
  id = "views_per_day",
  title = "Views per day",
  default = "2 billion /day",
  range = { "100M /day", "50 billion /day" },
  names = { "views per day", "views a day", "views/day", "daily views", "view events per day", "views each day",
    "plays per day" },
}
sdi.assumption {
  id = "peak_factor",
  title = "Peak to average ratio",
  default = "3",
  range = { "1.5", "20" },
  names = { "peak factor", "peak to average", "peak-to-average", "peak multiplier", "peak is", "peaks at",
    "times the average", "times average" },
}
sdi.assumption {
  id = "read_write_ratio",
  title = "Count reads per view",
  default = "2",
  range = { "0.1", "100" },
  names = { "read:write ratio", "read to write ratio", "read/write ratio", "read-write ratio", "reads per view",
    "count reads per view", "reads for every view", "reads are" },
}
sdi.assumption {
  id = "event_size",
  title = "Bytes per view event",
  default = "100 bytes",
  range = { "20 bytes", "2 KB" },
  names = { "per event", "each event", "event size", "bytes per event", "an event is", "size of an event",
    "raw event is", "view event is" },
}
sdi.assumption {
  id = "raw_retention",
  title = "How long raw events are kept",
  default = "7 days",
  range = { "1 day", "2 years" },
  names = { "keep raw events for", "raw events for", "raw event retention", "retention of raw events",
    "individual events for", "retain raw events", "raw events are kept", "keep individual events",
    "keep raw events", "raw events kept" },
}
sdi.assumption {
  id = "response_size",
  title = "Bytes per count response",
  default = "100 bytes",
  range = { "20 bytes", "5 KB" },
  names = { "per response", "response size", "each response", "response is", "bytes per response" },
}
sdi.assumption {
  id = "active_videos",
  title = "Videos viewed per day",
  default = "100M",
  range = { "1M", "5 billion" },
  names = { "videos viewed per day", "videos watched per day", "active videos", "distinct videos",
    "videos get at least one view", "videos with views", "videos viewed a day" },
}
sdi.assumption {
  id = "cache_share",
  title = "Share of the day's videos cached",
  default = "20%",
  range = { "1%", "60%" },
  names = { "80/20", "80-20", "hottest", "top 20%", "cache share", "cache the top" },
}
sdi.assumption {
  id = "count_entry_size",
  title = "Bytes per cached count",
  default = "100 bytes",
  range = { "16 bytes", "2 KB" },
  names = { "per cached count", "cache entry", "per cache entry", "per video entry", "each cached count",
    "per cached video" },
}
sdi.assumption {
  id = "dedup_window",
  title = "How long event ids are remembered",
  default = "10 minutes",
  range = { "1 minute", "1 day" },
  names = { "dedup window", "deduplication window", "event ids for", "remember event ids for", "ids for the last",
    "remembers ids for", "window of" },
}
sdi.assumption {
  id = "dedup_entry_size",
  title = "Bytes per remembered event id",
  default = "50 bytes",
  range = { "8 bytes", "500 bytes" },
  names = { "per event id", "per id", "per dedup entry", "each id", "dedup entry", "each event id" },
}
sdi.assumption {
  id = "consumer_throughput",
  title = "Events per second one processing node handles",
  default = "5K /s",
  range = { "500 /s", "200K /s" },
  names = { "per consumer", "per processing node", "each consumer", "each processing node", "one processing node",
    "one consumer", "per instance", "per node" },
}

sdi.estimate {
  id = "write_qps",
  title = "Average view events per second",
  formula = "views_per_day",
  unit = "/s",
  names = { "views per second", "view events per second", "events per second", "write QPS", "writes per second",
    "write rate", "views/s", "average views", "average write", "on average", "plays per second", "plays/s",
    "events/s", "views a second" },
}
sdi.estimate {
  id = "peak_qps",
  title = "Peak view events per second",
  formula = "views_per_day * peak_factor",
  unit = "/s",
  names = { "peak QPS", "peak views per second", "peak write QPS", "peak writes", "at peak", "peak rate",
    "peak load", "peak traffic", "peak of", "peaks of", "peak events per second", "peak plays" },
}
sdi.estimate {
  id = "read_qps",
  title = "Count reads per second",
  formula = "views_per_day * read_write_ratio",
  unit = "/s",
  names = { "read QPS", "reads per second", "count reads per second", "read requests per second", "read rate",
    "count queries per second", "reads/s" },
}
sdi.estimate {
  id = "bandwidth_in",
  title = "Incoming bandwidth",
  formula = "views_per_day * event_size",
  unit = "MB/s",
  names = { "incoming bandwidth", "ingress", "bandwidth in", "inbound", "write bandwidth", "incoming data" },
}
sdi.estimate {
  id = "bandwidth_out",
  title = "Outgoing bandwidth",
  formula = "views_per_day * read_write_ratio * response_size",
  unit = "MB/s",
  names = { "outgoing bandwidth", "egress", "bandwidth out", "outbound", "read bandwidth", "outgoing data" },
}
sdi.estimate {
  id = "raw_storage_day",
  title = "Raw events stored per day",
  formula = "views_per_day * event_size",
  unit = "GB/day",
  names = { "raw events per day", "raw storage per day", "storage per day", "raw data per day", "data per day",
    "new data per day", "daily storage", "raw events a day", "per day" },
}
sdi.estimate {
  id = "raw_storage_total",
  title = "Raw events over their retention",
  formula = "views_per_day * event_size * raw_retention",
  unit = "TB",
  names = { "raw event storage", "raw storage", "total raw storage", "raw events take", "a week of raw events",
    "week of raw events", "raw events need", "storage for raw events", "raw events occupy" },
}
sdi.estimate {
  id = "count_cache_memory",
  title = "Memory for the count cache",
  formula = "active_videos * cache_share * count_entry_size",
  unit = "GB",
  names = { "count cache", "counts cache", "cache for counts", "read cache", "cache memory", "cache size",
    "cache needs", "memory for the cache" },
}
sdi.estimate {
  id = "dedup_memory",
  title = "Memory for the deduplication cache",
  formula = "views_per_day * peak_factor * dedup_window * dedup_entry_size",
  unit = "GB",
  names = { "dedup cache", "deduplication cache", "dedup memory", "dedup cache memory", "dedup cache size",
    "deduplication cache needs", "dedup cache needs", "dedup store" },
}
sdi.estimate {
  id = "processing_nodes",
  title = "Processing nodes at peak",
  formula = "views_per_day * peak_factor / consumer_throughput",
  unit = "",
  names = { "processing nodes", "processing instances", "processing machines", "consumer instances",
    "processing service instances", "aggregator instances", "worker machines", "worker instances",
    "consumer machines", "counting nodes" },
}

---------------------------------------------------------------------------------------------------
-- Rubric
---------------------------------------------------------------------------------------------------

-- Custom checks read the answer through the shared library (plugins/checks/helpers.lua). The word
-- lists they search for sit above each check, made once for the pack rather than on every run.
local H = sdi.helpers
local said_any, structured_any, asked = H.said_any, H.structured_any, H.asked
local best_use = H.best_use

---------------------------------------------------------------------------------------------------
-- clarify
---------------------------------------------------------------------------------------------------

sdi.check {
  id = "clarifying_questions", title = "Asks the questions that shape the design", facet = "clarify",
  kind = "questions", weight = 5, full = 6,
  feedback = "Open with the four kinds of questions: users (who reads the counts and how), scale "
    .. "(views per second, read:write ratio, spikes), performance (read latency, how fresh the "
    .. "count must be) and cost. Every later choice, from aggregation to the database, hangs on them.",
  praise = "The questions cover users, scale, performance and cost.",
}
sdi.check {
  id = "asks_scale", title = "Asks about the view rate and its spikes", facet = "clarify", kind = "custom",
  weight = 2,
  feedback = "Ask how many views arrive per second and how big the spikes get before sizing "
    .. "anything: tens of thousands a second, with viral videos on top, is what rules out a "
    .. "database write per view.",
  run = function(answer)
    local a = asked(answer, { "views_scale" })
    local b = asked(answer, { "spikes", "read_ratio" })
    local evidence = {}
    if a then evidence[#evidence + 1] = a end
    if b then evidence[#evidence + 1] = b end
    return { score = (a and 0.7 or 0) + (b and 0.3 or 0), evidence = evidence }
  end,
}
sdi.check {
  id = "asks_freshness", title = "Asks how fresh and how exact the counts must be", facet = "clarify",
  kind = "custom", weight = 2,
  feedback = "Ask for the write-to-read delay and whether counts must be exact: minutes of delay "
    .. "allow stream aggregation, hours allow batch jobs, and 'never lose or double count' "
    .. "drives checkpointing and deduplication.",
  run = function(answer)
    local a = asked(answer, { "freshness", "read_latency" })
    local b = asked(answer, { "accuracy", "duplicates" })
    local evidence = {}
    if a then evidence[#evidence + 1] = a end
    if b then evidence[#evidence + 1] = b end
    return { score = (a and 0.5 or 0) + (b and 0.5 or 0), evidence = evidence }
  end,
}
sdi.check {
  id = "asks_users_cost", title = "Asks who uses the counts and what it may cost", facet = "clarify",
  kind = "custom", weight = 1,
  feedback = "Ask who consumes the counts (viewers, creators, other teams) and what the budget "
    .. "is: it decides which statistics to keep and whether to lean on open source or managed cloud services.",
  run = function(answer)
    local a = asked(answer, { "users", "queries" })
    local b = asked(answer, { "cost" })
    local evidence = {}
    if a then evidence[#evidence + 1] = a end
    if b then evidence[#evidence + 1] = b end
    return { score = (a and 0.5 or 0) + (b and 0.5 or 0), evidence = evidence }
  end,
}

---------------------------------------------------------------------------------------------------
-- requirements
---------------------------------------------------------------------------------------------------

local functional_requirements_write_words = { "countview", "count_view", "count a view", "count each view",
  "record a view", "records a view", "record each view", "register a view", "view event is counted",
  "count view events", "counts view events", "counts every view", "count every view", "processevent",
  "process_event", "count every time", "counts every time", "each time a video is", "every time a video is",
  "count views", "counts views", "count the views", "counts the views", "view is recorded", "record views",
  "records views", "record a play", "records a play", "record the view", "record a view event",
  "records a view event" }
local functional_requirements_read_words = { "getviews", "get_views", "view count for a video",
  "count for a video", "views for a video", "returns the count", "return the count", "returns the view count",
  "return the view count", "getstatistics", "get_statistics", "getstats", "total views", "views count",
  "number of views", "show the count", "shows the count", "show the view count", "display the count",
  "displays the count", "show the total", "shows the total", "read the count", "reads the count" }
sdi.check {
  id = "functional_requirements", title = "States the two functions: count a view, return the count",
  facet = "requirements", kind = "custom", weight = 3,
  feedback = "Write each functional requirement as a sentence: the system counts a view event for a "
    .. "video, and it returns the view count (and statistics over a time range) for a video.",
  run = function(answer)
    local write = structured_any(answer, functional_requirements_write_words, 1)
    local read = structured_any(answer, functional_requirements_read_words, 1)
    local evidence = {}
    if write[1] then evidence[#evidence + 1] = write[1] end
    if read[1] then evidence[#evidence + 1] = read[1] end
    return { score = (write[1] and 0.5 or 0) + (read[1] and 0.5 or 0), evidence = evidence }
  end,
}
local generalised_events_words = { "event type", "eventtype", "event_type", "likes", "other events",
  "other event types", "generalis", "generaliz", "any event" }
sdi.check {
  id = "generalised_events", title = "Generalises beyond views", facet = "requirements", kind = "custom",
  weight = 1,
  feedback = "Say the same pipeline should count other event types (likes, shares) and serve "
    .. "statistics beyond a total: generalising view -> event type and count -> statistics keeps "
    .. "the design from being rebuilt for the next metric.",
  run = function(answer)
    local hits = said_any(answer, generalised_events_words, 1)
    if hits[1] then return { score = 1, evidence = { hits[1] } } end
    return 0
  end,
}
sdi.check {
  id = "scale_requirement", title = "Must absorb tens of thousands of views per second", facet = "requirements",
  kind = "concepts", weight = 2,
  concepts = { { "scalability", "horizontal_scaling", "throughput", "peak_traffic", "write_heavy" } },
  feedback = "State the scale goal as a requirement: tens of thousands of views per second, more "
    .. "at peak, with throughput that grows by adding machines.",
}
sdi.check {
  id = "latency_requirement", title = "Sets a read latency target", facet = "requirements", kind = "custom",
  weight = 2,
  feedback = "Give a number for reads: one video's count in a few tens of milliseconds (say under "
    .. "50 ms at p99). It is why counts are pre-aggregated instead of computed from raw events.",
  run = function(answer)
    local c = best_use(answer, { "latency_percentiles", "latency" }, { "latency", "p99", "percentile" })
    -- A target in milliseconds written as a sentence is a latency goal even without the word
    -- (only blocks holding "ms" or "millisecond" can have one).
    local target
    for _, b in ipairs(H.blocks_with(answer, { "ms", "millisecond" })) do
      local low = b.kind ~= "code" and b.text:lower()
      if low and (low:find("%d%s*ms%f[%W]") or low:find("%d%s*millisecond")
          or low:find("tens of milliseconds")) and not H.term_list(b.text) then
        target = b
        break
      end
    end
    local evidence = {}
    if c then evidence[#evidence + 1] = c end
    if target then evidence[#evidence + 1] = target end
    if target and c and c.use ~= "bare" and c.use ~= "heading" then return { score = 1, evidence = evidence } end
    if target then return { score = 0.85, evidence = evidence } end
    if c and c.use ~= "heading" then return { score = H.use_score(c, 0.3, 0.6), evidence = evidence } end
    return 0
  end,
}
sdi.check {
  id = "availability_requirement", title = "Must stay available through failures", facet = "requirements",
  kind = "concepts", weight = 2, concepts = { { "high_availability", "fault_tolerance", "single_point_of_failure" } },
  feedback = "Say the counter must be highly available: it survives hardware and network faults "
    .. "with no single point of failure.",
}
local freshness_requirement_words = { "real time", "real-time", "within a minute", "within seconds",
  "within a few seconds", "within a few minutes", "write-to-read delay", "write to read delay", "freshness",
  "seconds of delay", "minute of delay", "near-real-time", "lag by", "lags by", "seconds behind",
  "minutes behind", "minute behind", "slightly behind", "a bit behind", "stale", "delay of" }
sdi.check {
  id = "freshness_requirement", title = "States how fresh counts must be", facet = "requirements",
  kind = "custom", weight = 2,
  feedback = "State the write-to-read delay you design for (a view visible within a minute or "
    .. "two). It decides stream processing over a nightly batch.",
  run = function(answer)
    local hits = said_any(answer, freshness_requirement_words, 1)
    if hits[1] then return { score = 1, evidence = { hits[1] } } end
    return 0
  end,
}
local cost_requirement_words = { "budget", "open source", "open-source", "keep cost", "costs low", "cost low",
  "cost down", "costs down", "minimise cost", "minimize cost", "minimise the cost", "minimize the cost",
  "cost: ", "cheap", "maintenance cost", "hardware cost" }
sdi.check {
  id = "cost_requirement", title = "Keeps cost in view", facet = "requirements", kind = "custom", weight = 1,
  feedback = "Name cost as a requirement (hardware, development, maintenance): it is why raw "
    .. "events are kept only for days and why open-source or managed components are preferred.",
  run = function(answer)
    local c = best_use(answer, { "cost_efficiency" })
    if c and c.use ~= "bare" and c.use ~= "heading" then return { score = 1, evidence = { c } } end
    -- "at the cost of" is a trade-off marker, not a cost requirement: look for cost as a goal.
    local hits = said_any(answer, cost_requirement_words, 1)
    if hits[1] then return { score = 1, evidence = { hits[1] } } end
    if c then return { score = 0.3, evidence = { c } } end
    return 0
  end,
}

---------------------------------------------------------------------------------------------------
-- estimation
---------------------------------------------------------------------------------------------------

sdi.check { id = "est_write_qps", title = "Average views per second", facet = "estimation", kind = "estimate",
  estimate = "write_qps", weight = 3,
  feedback = "2 billion views a day over 86,400 seconds is about 23K view events per second on average." }
sdi.check { id = "est_peak_qps", title = "Peak views per second", facet = "estimation", kind = "estimate",
  estimate = "peak_qps", weight = 3,
  feedback = "Size the pipeline for the peak, not the average: 3 x 23K is about 70K events per second." }
sdi.check { id = "est_read_qps", title = "Count reads per second", facet = "estimation", kind = "estimate",
  estimate = "read_qps", weight = 2,
  feedback = "At about 2 count reads per view, reads run near 46K per second on average." }
sdi.check { id = "est_bandwidth_in", title = "Incoming bandwidth", facet = "estimation", kind = "estimate",
  estimate = "bandwidth_in", weight = 1,
  feedback = "23K events/s x 100 bytes is about 2.3 MB/s coming in (about 7 MB/s at peak): the "
    .. "network is not the problem, the write count is." }
sdi.check { id = "est_bandwidth_out", title = "Outgoing bandwidth", facet = "estimation", kind = "estimate",
  estimate = "bandwidth_out", weight = 1,
  feedback = "46K reads/s x 100-byte responses is about 4.6 MB/s going out." }
sdi.check { id = "est_raw_day", title = "Raw events per day", facet = "estimation", kind = "estimate",
  estimate = "raw_storage_day", weight = 2,
  feedback = "2 billion events x 100 bytes is 200 GB of raw events a day, before replication." }
sdi.check { id = "est_raw_total", title = "Raw events over their retention", facet = "estimation",
  kind = "estimate", estimate = "raw_storage_total", weight = 2,
  feedback = "Keeping raw events 7 days is 1.4 TB (about 4 TB with 3 replicas); aggregates are "
    .. "tiny by comparison, which is why raw events are the part you expire." }
sdi.check { id = "est_count_cache", title = "Count cache memory", facet = "estimation", kind = "estimate",
  estimate = "count_cache_memory", weight = 1,
  feedback = "By the 80/20 rule, cache the counts of the top 20% of the ~100M videos viewed a day: "
    .. "20M x 100 bytes is about 2 GB, one small cache cluster." }
sdi.check { id = "est_dedup_memory", title = "Deduplication cache memory", facet = "estimation",
  kind = "estimate", estimate = "dedup_memory", weight = 2,
  feedback = "Remembering event ids for 10 minutes at the 70K/s peak is 42M ids; at ~50 bytes each "
    .. "that is about 2 GB, small enough for an in-memory store." }
sdi.check { id = "est_processing_nodes", title = "Processing nodes", facet = "estimation", kind = "estimate",
  estimate = "processing_nodes", weight = 2,
  feedback = "If one processing node handles about 5K events per second, the 70K/s peak needs about "
    .. "14 nodes (and as many queue partitions, or a multiple), plus headroom." }

---------------------------------------------------------------------------------------------------
-- api
---------------------------------------------------------------------------------------------------

local api_calls_write_words = { "countviewevent", "count_view_event", "countview(", "countevent(",
  "processevent(", "process_event(", "post /", "put /", "recordview", "record_view", "/events", "/views" }
local api_calls_write_with_words = { "view", "event", "count" }
local api_calls_read_words = { "getviewscount", "get_views_count", "getviews(", "get_views(", "getstatistics",
  "get_statistics", "getstats", "get /" }
local api_calls_read_with_words = { "view", "count", "stat" }
sdi.check {
  id = "api_calls", title = "Defines the write and read calls", facet = "api", kind = "custom", weight = 3,
  feedback = "Write the two calls with their parameters: countViewEvent(videoId, eventId, "
    .. "timestamp, ...) on the write path (POST /videos/{id}/views) and getViewsCount(videoId, "
    .. "startTime, endTime) on the read path (GET /videos/{id}/views?from=&to=).",
  run = function(answer)
    -- Only calls about views, events or counts belong to this problem ("POST /urls" does not).
    local write = structured_any(answer, api_calls_write_words, { with = api_calls_write_with_words })
    local read = structured_any(answer, api_calls_read_words, { with = api_calls_read_with_words })
    -- A plain sentence that merely mentions the name earns less than a signature with parameters.
    local function signature(hits)
      for _, h in ipairs(hits) do
        if h.text:find("%(") or h.text:find("/") then return h end
      end
      return nil
    end
    local w, r = signature(write), signature(read)
    local score = (w and 0.5 or (write[1] and 0.25 or 0)) + (r and 0.5 or (read[1] and 0.25 or 0))
    local evidence = {}
    if w or write[1] then evidence[#evidence + 1] = w or write[1] end
    if r or read[1] then evidence[#evidence + 1] = r or read[1] end
    return { score = score, evidence = evidence }
  end,
}
local api_time_range_words = { "starttime", "start_time", "endtime", "end_time", "time range", "from=",
  "start time", "end time", "granularity", "interval", "?from", "&to=", "date range" }
sdi.check {
  id = "api_time_range", title = "Reads take a time range", facet = "api", kind = "custom", weight = 2,
  feedback = "Let the read call take a time range (start and end time, or a granularity such as "
    .. "hour or day): the dashboard needs more than an all-time total.",
  run = function(answer)
    local hits = structured_any(answer, api_time_range_words, 1)
    if hits[1] then return { score = 1, evidence = { hits[1] } } end
    return 0
  end,
}
local api_generalised_words = { "eventtype", "event_type", "event type", "getstatistics", "get_statistics",
  "getstats", "function=", "aggregation function", "statistic" }
sdi.check {
  id = "api_generalised", title = "The API generalises to event types and statistics", facet = "api",
  kind = "custom", weight = 2,
  feedback = "Generalise the signatures: countEvent(videoId, eventType, ...) and "
    .. "getStatistics(videoId, eventType, function, startTime, endTime), so likes or average "
    .. "watch time reuse the same calls.",
  run = function(answer)
    local hits = structured_any(answer, api_generalised_words, 2)
    if #hits >= 2 then return { score = 1, evidence = { hits[1], hits[2] } } end
    if hits[1] then return { score = 0.6, evidence = { hits[1] } } end
    return 0
  end,
}
local api_event_id_words = { "event_id", "eventid", "event id", "idempotency key", "request id", "view_id",
  "viewid", "view id", "play_id", "playid", "play id" }
sdi.check {
  id = "api_event_id", title = "Each event carries an id so retries are safe", facet = "api", kind = "custom",
  weight = 2,
  feedback = "Give every view event a unique id generated by the player: a retried request then "
    .. "carries the same id, and the deduplication cache drops the second copy.",
  run = function(answer)
    local ids = structured_any(answer, api_event_id_words, 1)
    local c = best_use(answer, { "idempotency", "idempotency_key" })
    if ids[1] then
      local evidence = { ids[1] }
      if c then evidence[#evidence + 1] = c end
      return { score = 1, evidence = evidence }
    end
    if c then return { score = 0.5, evidence = { c } } end
    return 0
  end,
}

---------------------------------------------------------------------------------------------------
-- data model
---------------------------------------------------------------------------------------------------

-- The words of raw_vs_aggregate, made once for every answer.
local RAW_WORDS = { "individual event", "raw event", "every event", "each event", "per-event", "individual views",
  "raw views", "every view event" }
local AGGREGATE_WORDS = { "aggregat", "per minute", "per hour", "pre-computed", "precomputed", "rollup" }
local TRADE_OFF_WORDS = { "slice", "recalculat", "recount", "reprocess", "replay", "fix", "slow reads", "fast reads",
  "only query", "only be queried", "the way it was aggregated", "the way they were aggregated", "expensive to store",
  "costly" }

sdi.check {
  id = "raw_vs_aggregate", title = "Weighs individual events against aggregated counts", facet = "data_model",
  kind = "custom", weight = 4,
  feedback = "Compare the two ways to store views. Individual events: fast writes, any slicing, "
    .. "recount after a bug, but slow count reads and costly storage. Aggregated counts per "
    .. "minute or hour: fast reads, small, ready for real-time use, but only queryable the way "
    .. "they were aggregated and hard to fix after an aggregation bug.",
  run = function(answer)
    local raw = said_any(answer, RAW_WORDS)
    -- The evidence starts at raw[1], and only a raw hit can weigh both options.
    if not raw[1] then return { score = said_any(answer, AGGREGATE_WORDS, 1)[1] and 0.35 or 0, evidence = {} } end
    local agg = said_any(answer, AGGREGATE_WORDS)
    if not agg[1] then return { score = 0.35, evidence = { raw[1] } } end
    -- Prefer, as evidence, a passage that weighs both options together: a raw hit whose text
    -- states an aggregate and a trade-off too. Without such a raw hit, only pros[1] is read.
    local agg_blocks = {}
    for _, h in ipairs(agg) do agg_blocks[h.text] = true end
    local weighed = {}
    for _, h in ipairs(raw) do
      if agg_blocks[h.text] then weighed[#weighed + 1] = h end
    end
    local pros = weighed[1] and said_any(answer, TRADE_OFF_WORDS) or said_any(answer, TRADE_OFF_WORDS, 1)
    local score = pros[1] and 1 or 0.7
    local pro_blocks = {}
    for _, h in ipairs(pros) do pro_blocks[h.text] = true end
    for _, h in ipairs(weighed) do
      if pro_blocks[h.text] then return { score = score, evidence = { h } } end
    end
    local evidence = {}
    for _, h in ipairs({ raw[1], agg[1], pros[1] }) do evidence[#evidence + 1] = h end
    return { score = score, evidence = evidence }
  end,
}
sdi.check {
  id = "stream_and_batch", title = "Combines stream aggregation with kept raw events", facet = "data_model",
  kind = "concepts", weight = 2,
  concepts = { "stream_processing", { "batch_processing", "lambda_architecture" } },
  feedback = "Say how fresh data is produced and how errors are repaired: a streaming path "
    .. "aggregates within seconds, while raw events kept for days let a batch job recount and "
    .. "correct the aggregates. The price is a more complex, more expensive system.",
}
sdi.check {
  id = "store_choice", title = "Chooses the database and says why", facet = "data_model", kind = "concepts",
  weight = 3,
  concepts = { { "wide_column_store", "relational_database", "time_series_database", "key_value_store", "nosql_database" } },
  feedback = "Name the database and argue it against the requirements: Cassandra (wide-column, "
    .. "leaderless, linear write scaling, good at time series) or sharded MySQL with proxies and "
    .. "read replicas. Both can work; the reason is what the interviewer grades.",
}
local schema_groups = {
  { "video_id", "videoid", "video id" },
  { "hour", "minute", "time bucket", "time_bucket", "timestamp", "day" },
  { "count", "views" },
  { "partition key", "primary key", "row key", "clustering", "partition_key" },
}
-- Only blocks that describe a table: code, table rows, signatures, or sentences about keys,
-- columns or rows ("count" and "day" alone are everywhere in this problem).
local schema_tabley = { "%f[%a]tables?%f[%A]", "%f[%a]columns?%f[%A]", "%f[%a]keys?%f[%A]",
  "%f[%a]keyed%f[%A]", "%f[%a]rows?%f[%A]", "%f[%a]schema" }
-- Each pattern needs one of these words: the search leaves out the blocks without one.
local schema_table_words = { "table", "column", "key", "row", "schema" }
sdi.check {
  id = "schema", title = "Lays out the counts table", facet = "data_model", kind = "custom", weight = 3,
  feedback = "Show the table: partition key video_id, then one column (or clustering row) per "
    .. "hour with the count, plus a running total; raw events keyed by video id and timestamp if kept.",
  run = function(answer)
    -- The same block is found by several groups: read each text once.
    local described = {}
    local function describes_table(text)
      if described[text] ~= nil then return described[text] end
      local low, yes = text:lower(), false
      for _, w in ipairs(schema_tabley) do
        if low:find(w) then
          yes = true
          break
        end
      end
      described[text] = yes
      return yes
    end
    local got, evidence = 0, {}
    for _, g in ipairs(schema_groups) do
      -- The first table row, else the first code, else the first sentence about a table: asking
      -- for one kind at a time reads no block of the others.
      local best = structured_any(answer, g, { limit = 1, kinds = { "table_row" } })[1]
        or structured_any(answer, g, { limit = 1, kinds = { "code" } })[1]
      if not best then
        for _, h in ipairs(structured_any(answer, g, { with = schema_table_words })) do
          if describes_table(h.text) then
            best = h
            break
          end
        end
      end
      if best then
        got = got + 1
        evidence[#evidence + 1] = best
      end
    end
    return { score = got / #schema_groups, evidence = evidence }
  end,
}
sdi.check {
  id = "query_driven_model", title = "Models NoSQL data around the queries", facet = "data_model",
  kind = "concepts", weight = 2, concepts = { { "denormalization", "database_normalization" } },
  feedback = "Say how the model follows the store: in SQL you normalise nouns into tables with "
    .. "foreign keys; in Cassandra you design for the query and denormalise, adding a column per "
    .. "hour instead of a row per event.",
}
local retention_policy_words = { "retention", "retain", "expire", "ttl", "archive", "kept for",
  "keep raw events", "keep them for", "rolled up", "roll up", "rollup", "forever", "purge", "delete old" }
local retention_policy_with_words = { "raw", "event", "aggregat", "count" }
local retention_policy_cache_words = { "cache" }
sdi.check {
  id = "retention_policy", title = "Expires raw events, keeps aggregates", facet = "data_model",
  kind = "custom", weight = 2,
  feedback = "State a retention policy: raw events for a few days (TTL or archive to object "
    .. "storage), minute counts rolled up to hours and days, aggregates kept forever.",
  run = function(answer)
    -- A cache entry's TTL is not a retention policy: the sentence must be about stored events or counts.
    local hits = said_any(answer, retention_policy_words, { with = retention_policy_with_words })
    for _, h in ipairs(hits) do
      if not H.contains_any(h.text, retention_policy_cache_words) then
        return { score = 1, evidence = { h } }
      end
    end
    local c = best_use(answer, { "data_retention", "cold_storage", "storage_tiering", "object_storage", "ttl", "expiration" })
    if c and c.use ~= "heading" then
      return { score = H.use_score(c, 0.3, 0.6), evidence = { c } }
    end
    return 0
  end,
}

---------------------------------------------------------------------------------------------------
-- high-level design
---------------------------------------------------------------------------------------------------

local STORE = { "wide_column_store", "relational_database", "nosql_database", "time_series_database", "database" }
local QUEUE = { "event_streaming", "message_queue" }
local ENTRY = { "api_gateway", "load_balancer" }
local PROC = { "processing_service", "stream_processing" }

sdi.check {
  id = "diagram", title = "Draws the counting pipeline end to end", facet = "high_level", kind = "diagram",
  weight = 5,
  components = { ENTRY, "partitioner_service", QUEUE, PROC, STORE, { "query_service", "application_server" } },
  connections = {
    { from = ENTRY, to = "partitioner_service", text = "the API gateway or load balancer in front of the partitioner service" },
    { from = "partitioner_service", to = QUEUE, text = "the partitioner writing events into queue partitions" },
    { from = QUEUE, to = PROC, text = "the processing service pulling from the queue" },
    { from = PROC, to = STORE, text = "the processing service flushing counts to the database" },
    { from = { "query_service", "application_server", "in_memory_cache", "caching" }, to = STORE,
      text = "a query service reading counts from the database" },
  },
  feedback = "Draw both paths: client -> API gateway -> load balancer -> partitioner service -> "
    .. "partitioned queue -> processing service -> database, and client -> API gateway -> query "
    .. "service (with a cache) -> database.",
}
sdi.check {
  id = "queue_buffer", title = "Buffers events in a durable, partitioned queue", facet = "high_level",
  kind = "concepts", weight = 3, concepts = { QUEUE },
  feedback = "Put a durable log (Kafka, Kinesis) between the ingest tier and the counters: it "
    .. "absorbs spikes, survives consumer crashes and lets a replacement consumer replay from "
    .. "its last checkpoint.",
}
local in_memory_aggregation_agg_words = { "aggregat", "window" }
local in_memory_aggregation_mem_words = { "count in memory", "counts in memory", "counting in memory",
  "in-memory count", "in memory count", "views in memory", "aggregate in memory", "aggregates in memory",
  "in-memory aggregat", "in-memory state", "hash map", "hashmap", "hash table", "in-memory map",
  "in memory per video" }
local in_memory_aggregation_flush_words = { "flush", "every few seconds", "every second", "every 5 seconds",
  "every 10 seconds", "periodically", "every minute", "every n seconds", "tumbling window", "window of" }
sdi.check {
  id = "in_memory_aggregation", title = "Counts in memory and flushes periodically", facet = "high_level",
  kind = "custom", weight = 4,
  feedback = "Do not write to the database once per view (70K writes/s, worse on a hot row). Count "
    .. "in memory (a hash map of video id -> count) and flush the totals every few seconds, so "
    .. "the database sees one write per video per interval.",
  run = function(answer)
    local agg = best_use(answer, { "data_aggregation", "windowing" }, in_memory_aggregation_agg_words)
    if not agg or agg.use == "bare" or agg.use == "heading" then
      agg = best_use(answer, { "processing_service" }) or agg
    end
    local mem = said_any(answer, in_memory_aggregation_mem_words, 1)
    local flush = said_any(answer, in_memory_aggregation_flush_words, 1)
    local evidence = {}
    if agg then evidence[#evidence + 1] = agg end
    if mem[1] then evidence[#evidence + 1] = mem[1] end
    if flush[1] then evidence[#evidence + 1] = flush[1] end
    local score = 0
    if agg and agg.use ~= "bare" and agg.use ~= "heading" then score = score + 0.4 elseif agg then score = score + 0.1 end
    if mem[1] then score = score + 0.3 end
    if flush[1] then score = score + 0.3 end
    return { score = score, evidence = evidence }
  end,
}
sdi.check {
  id = "entry_tier", title = "Fronts the system with a gateway and load balancer", facet = "high_level",
  kind = "concepts", weight = 2, concepts = { "api_gateway", "load_balancer" }, need = 1,
  feedback = "Route player and page requests through an API gateway (one entry point, auth, "
    .. "routing) and spread events across stateless partitioner machines with a load balancer.",
}
local partitioner_key_words = { "by video id", "by video_id", "by videoid", "hash of the video id",
  "hash(video_id)", "hash of video id", "hashes the video id", "video id as the key",
  "video id as partition key", "keyed by video" }
sdi.check {
  id = "partitioner", title = "Routes events to partitions by video id", facet = "high_level", kind = "custom",
  weight = 2,
  feedback = "Add a partitioner service that hashes the video id to pick the queue partition, so "
    .. "all views of a video reach the same consumer and can be counted in one place.",
  run = function(answer)
    local p = best_use(answer, { "partitioner_service" }, { "partitioner" })
    local key = said_any(answer, partitioner_key_words, 1)
    local evidence = {}
    if p then evidence[#evidence + 1] = p end
    if key[1] then evidence[#evidence + 1] = key[1] end
    local score = 0
    score = score + H.use_score(p, 0.2, 0.5)
    if key[1] then score = score + 0.5 end
    return { score = score, evidence = evidence }
  end,
}
sdi.check {
  id = "read_path", title = "Serves reads through a separate query path", facet = "high_level", kind = "custom",
  weight = 2,
  feedback = "Keep reads off the write pipeline: a query service reads the aggregated rows (summing "
    .. "hourly buckets for a range) and caches hot videos' counts, so a read costs one lookup.",
  run = function(answer)
    local q = best_use(answer, { "query_service" }, { "query service", "read service", "stats service", "statistics service" })
    local c = best_use(answer, { "in_memory_cache", "distributed_cache", "caching" }, { "cache", "redis", "memcached" })
    local evidence = {}
    if q then evidence[#evidence + 1] = q end
    if c then evidence[#evidence + 1] = c end
    local score = 0
    score = score + H.use_score(q, 0.2, 0.6)
    score = score + H.use_score(c, 0.1, 0.4)
    return { score = math.min(1, score), evidence = evidence }
  end,
}

---------------------------------------------------------------------------------------------------
-- deep dive
---------------------------------------------------------------------------------------------------

local push_vs_pull_pull_words = { "pull", "pulls" }
local push_vs_pull_push_words = { "push" }
sdi.check {
  id = "push_vs_pull", title = "Chooses pull over push for the processing service", facet = "deep_dive",
  kind = "custom", weight = 3,
  feedback = "Compare push (callers send events straight to the processing service) with pull "
    .. "(the service reads from a queue) and pick pull: a crashed consumer loses nothing because "
    .. "the events wait in the queue, and scaling is adding consumers.",
  run = function(answer)
    local c = best_use(answer, { "push_vs_pull" })
    local pull = said_any(answer, push_vs_pull_pull_words, 1)
    local push = said_any(answer, push_vs_pull_push_words, 1)
    local evidence = {}
    if c and c.use ~= "heading" then evidence[#evidence + 1] = c end
    if pull[1] then evidence[#evidence + 1] = pull[1] end
    if push[1] and (not pull[1] or push[1].line ~= pull[1].line) then evidence[#evidence + 1] = push[1] end
    if pull[1] and push[1] then return { score = 1, evidence = evidence } end
    if c and (c.use == "used" or c.use == "reasoned") then return { score = 0.8, evidence = evidence } end
    if pull[1] then return { score = 0.5, evidence = evidence } end
    return { score = c and 0.2 or 0, evidence = evidence }
  end,
}
sdi.check {
  id = "queue_partitioning", title = "Partitions the queue and gives each partition one consumer",
  facet = "deep_dive", kind = "concepts", weight = 3,
  concepts = { { "sharding", "partition_key", "hash_partitioning", "consistent_hashing" }, "consumer_group" },
  feedback = "One queue cannot take 70K events/s: split it into partitions, each on its own "
    .. "machine, keyed by video id, with one partition consumer per partition so processing "
    .. "runs in parallel.",
}
local deduplication_said_words = { "duplicate", "dedup", "de-dup", "seen before", "already seen" }
local deduplication_window_words = { "minutes", "time window", "ttl", "window", "expire" }
sdi.check {
  id = "deduplication", title = "Drops duplicate events with a dedup cache", facet = "deep_dive", kind = "custom",
  weight = 3,
  feedback = "Retries make the same event arrive twice: the partition consumer checks each event "
    .. "id against a deduplication cache that remembers ids for the last ~10 minutes and drops repeats.",
  run = function(answer)
    local c = best_use(answer, { "deduplication", "idempotency_key", "bloom_filter" })
    if not c or c.use == "bare" then
      -- "duplicate plays are filtered" says the same thing in other words.
      local said = said_any(answer, deduplication_said_words, 1)
      if said[1] then c = { use = "used", line = said[1].line, text = said[1].text } end
    end
    if not c or c.use == "heading" then return 0 end
    local window = said_any(answer, deduplication_window_words, 1)
    local evidence = { c }
    local score = H.use_score(c, 0.3, 0.7)
    if window[1] and c.use ~= "bare" then
      score = 1
      evidence[#evidence + 1] = window[1]
    end
    return { score = score, evidence = evidence }
  end,
}
local checkpointing_offs_words = { "offset" }
sdi.check {
  id = "checkpointing", title = "Checkpoints the consumer's position", facet = "deep_dive", kind = "custom",
  weight = 3,
  feedback = "After the counts up to an offset are safely in the database, write a checkpoint "
    .. "(the committed offset) to durable storage; a replacement consumer resumes from it instead "
    .. "of losing or recounting events.",
  run = function(answer)
    local c = best_use(answer, { "checkpointing" }, { "checkpoint" })
    if c and (c.use == "used" or c.use == "reasoned") then
      return { score = c.use == "reasoned" and 1 or 0.9, evidence = { c } }
    end
    -- "restarts from the last Kafka offset" is a checkpoint described rather than named.
    local offs = said_any(answer, checkpointing_offs_words, 1)
    if offs[1] then return { score = 0.75, evidence = { offs[1] } } end
    if c then return { score = 0.3, evidence = { c } } end
    return 0
  end,
}
sdi.check {
  id = "dead_letter_queue", title = "Parks undeliverable counts in a dead-letter queue", facet = "deep_dive",
  kind = "concepts", weight = 3, concepts = { { "dead_letter_queue" } },
  feedback = "When the database is slow or down, the DB writer sends the counts to a dead-letter "
    .. "queue (or the local disk) and a separate process replays them later, so views are not "
    .. "lost while downstream degrades.",
}
sdi.check {
  id = "internal_pipeline", title = "Decouples consuming from writing inside the processor", facet = "deep_dive",
  kind = "custom", weight = 2,
  feedback = "Inside the processing service: a single-threaded partition consumer deserialises "
    .. "events, an aggregator counts them, an internal queue hands the counts to a DB writer. The "
    .. "internal queue decouples the two speeds; a multi-threaded writer is faster but makes checkpointing harder.",
  run = function(answer)
    local iq = said_any(answer, { "internal queue", "in-process queue", "local queue", "internal buffer" }, 1)
    local w = said_any(answer, { "db writer", "database writer", "writer thread", "writer threads" }, 1)
    local evidence = {}
    if iq[1] then evidence[#evidence + 1] = iq[1] end
    if w[1] then evidence[#evidence + 1] = w[1] end
    return { score = (iq[1] and 0.5 or 0) + (w[1] and 0.5 or 0), evidence = evidence }
  end,
}
local state_management_snap_words = { "snapshot" }
sdi.check {
  id = "state_management", title = "Recovers in-memory counts after a crash", facet = "deep_dive",
  kind = "custom", weight = 2,
  feedback = "Whatever lives only in memory dies with the machine: snapshot the aggregator's state "
    .. "to durable storage periodically (or rebuild it by replaying from the last checkpoint), "
    .. "and have the replacement node load it on start.",
  run = function(answer)
    local c = best_use(answer, { "state_management" }, { "in-memory state", "state snapshot", "state store" })
    if c and (c.use == "used" or c.use == "reasoned") then return { score = 1, evidence = { c } } end
    local snap = said_any(answer, state_management_snap_words, 1)
    if snap[1] then return { score = 0.8, evidence = { snap[1] } } end
    if c then return { score = 0.3, evidence = { c } } end
    return 0
  end,
}
sdi.check {
  id = "enrichment", title = "Enriches events from a local embedded store", facet = "deep_dive",
  kind = "concepts", weight = 1, concepts = { { "data_enrichment", "embedded_database" } },
  feedback = "If counts are broken down by attributes the event lacks (channel, category), look "
    .. "them up in an embedded database (RocksDB) on the processing machine rather than calling a remote service per event.",
}
sdi.check {
  id = "cassandra_internals", title = "Explains how the NoSQL store scales and replicates", facet = "deep_dive",
  kind = "concepts", weight = 3, need = 3,
  concepts = { "gossip_protocol", "coordinator_node", "consistent_hashing", "quorum", "tunable_consistency",
    "leaderless_replication" },
  feedback = "If you pick Cassandra, say how it works: every node equal (leaderless), nodes learn "
    .. "about each other by gossip, a coordinator node forwards each request to the owners found "
    .. "by consistent hashing, writes and reads go to a quorum of replicas, and consistency is tunable per query.",
}
sdi.check {
  id = "sql_scaling", title = "Explains how a SQL store would be scaled", facet = "deep_dive", kind = "concepts",
  weight = 2, need = 2,
  concepts = { "shard_proxy", "configuration_service", { "read_replica", "leader_follower_replication" } },
  feedback = "For the SQL option: shard by video id, put a cluster proxy in front that learns the "
    .. "shard map from a configuration service (ZooKeeper), a shard proxy per instance (caching, "
    .. "health, query timeouts), and a leader with read replicas for availability.",
}
sdi.check {
  id = "delivery_guarantees", title = "States the delivery guarantee the pipeline gives", facet = "deep_dive",
  kind = "concepts", weight = 1,
  concepts = { { "at_least_once", "exactly_once", "delivery_semantics", "idempotency" } },
  feedback = "Name the guarantee: events are delivered at least once (checkpoint after the write), "
    .. "and deduplication plus idempotent writes bring counts close to exactly once.",
}

---------------------------------------------------------------------------------------------------
-- bottlenecks
---------------------------------------------------------------------------------------------------

local hot_videos_said_words = { "viral", "popular video", "hot video" }
local hot_videos_fix_words = { "suffix", "salt", "split the key", "split a hot", "split the hot", "sub-count",
  "sub-partition", "sharded counter", "spread", "several partitions", "more partitions", "random number" }
sdi.check {
  id = "hot_videos", title = "Handles a viral video's hot partition", facet = "bottlenecks", kind = "custom",
  weight = 3,
  feedback = "A viral video sends all its views to one partition and one row: name the hot "
    .. "partition and fix it, e.g. split the key (video id plus a small suffix) across several "
    .. "partitions and sum the sub-counts on read, and lean on in-memory aggregation so the row gets one write per flush.",
  run = function(answer)
    local c = best_use(answer, { "hot_partition", "sharded_counter" }, { "hot partition", "hot key", "hot shard", "hot row", "hotspot", "hot spot" })
    if not c or c.use == "bare" then
      local said = said_any(answer, hot_videos_said_words, 1)
      if said[1] then c = { use = "used", line = said[1].line, text = said[1].text } end
    end
    if not c or c.use == "heading" then return 0 end
    local fix = said_any(answer, hot_videos_fix_words, 1)
    local evidence = { c }
    if fix[1] and c.use ~= "bare" then
      evidence[#evidence + 1] = fix[1]
      return { score = 1, evidence = evidence }
    end
    return { score = H.use_score(c, 0.2, 0.6), evidence = evidence }
  end,
}
sdi.check {
  id = "slow_database", title = "Protects the pipeline from a slow database", facet = "bottlenecks",
  kind = "concepts", weight = 2,
  concepts = { { "back_pressure", "retry", "exponential_backoff", "circuit_breaker", "load_shedding", "graceful_degradation" } },
  feedback = "Say what happens when the database slows: retries with backoff, a circuit breaker, "
    .. "back pressure on the consumers (the queue keeps the events), spilling to the dead-letter queue.",
}
sdi.check {
  id = "read_cache", title = "Caches hot counts for reads", facet = "bottlenecks", kind = "concepts", weight = 2,
  concepts = { { "in_memory_cache", "distributed_cache", "caching" } },
  feedback = "Tens of thousands of reads a second concentrate on popular videos: cache their "
    .. "counts (Redis, short TTL) in front of the database so the store handles misses only.",
}
sdi.check {
  id = "regions", title = "Survives losing a data center", facet = "bottlenecks", kind = "concepts", weight = 2,
  concepts = { { "multi_region", "data_center", "availability_zone", "disaster_recovery" } },
  feedback = "Replicate across data centers (Cassandra replicates per data center; MySQL replicas "
    .. "can live in another region), and keep a queue per region so a region failure does not stop counting.",
}
local scale_out_words = { "adding machines", "add machines", "adding more", "add more", "adding nodes",
  "add nodes", "adding partitions", "add partitions", "more partitions and consumers", "more consumers",
  "scale out", "scales out", "scale horizontally", "scales horizontally", "autoscal", "auto-scal", "rebalanc",
  "scales linearly", "scale linearly" }
sdi.check {
  id = "scale_out", title = "Says how each tier grows", facet = "bottlenecks", kind = "custom", weight = 2,
  feedback = "Say how each tier grows: stateless partitioners behind the load balancer, more "
    .. "queue partitions and consumers, more database nodes (Cassandra scales writes linearly).",
  run = function(answer)
    local hits = said_any(answer, scale_out_words, 2)
    if #hits >= 2 then return { score = 1, evidence = { hits[1], hits[2] } } end
    if hits[1] then return { score = 0.75, evidence = { hits[1] } } end
    local c = best_use(answer, { "horizontal_scaling", "autoscaling", "rebalancing" })
    if c and c.use ~= "heading" then return { score = H.use_score(c, 0.2, 0.5), evidence = { c } } end
    return 0
  end,
}

---------------------------------------------------------------------------------------------------
-- justify
---------------------------------------------------------------------------------------------------

local cap_choice_stale_words = { "stale", "availability over consistency", "prefer availability",
  "choose availability", "favour availability", "favor availability", "old number", "old count", "outdated",
  "than an error", "than no count", "than nothing" }
sdi.check {
  id = "cap_choice", title = "Prefers a stale count over no count", facet = "justify", kind = "custom", weight = 3,
  feedback = "Apply CAP: during a partition choose availability, because showing a slightly stale "
    .. "view count is far better than an error; consistency is eventual.",
  run = function(answer)
    local c = best_use(answer, { "cap_theorem", "eventual_consistency" }, { "cap theorem", "eventual consistency", "eventually consistent" })
    local stale = said_any(answer, cap_choice_stale_words, 1)
    local evidence = {}
    if c then evidence[#evidence + 1] = c end
    if stale[1] then evidence[#evidence + 1] = stale[1] end
    local score = 0
    score = score + H.use_score(c, 0.1, 0.5)
    if stale[1] then score = score + 0.5 end
    return { score = score, evidence = evidence }
  end,
}
local sql_vs_nosql_sql_words = { "mysql", "postgres", "sql database", "relational" }
local sql_vs_nosql_nosql_words = { "cassandra", "nosql", "hbase", "bigtable", "scylla" }
sdi.check {
  id = "sql_vs_nosql", title = "Argues SQL against NoSQL for this load", facet = "justify", kind = "custom",
  weight = 3,
  feedback = "Compare the two options against the requirements: sharded MySQL needs a cluster "
    .. "proxy, a configuration service and failover; Cassandra has none of that, scales writes "
    .. "linearly and suits time series, at the cost of eventual consistency and query-shaped tables.",
  run = function(answer)
    local sql = best_use(answer, { "relational_database" }, sql_vs_nosql_sql_words)
    local nosql = best_use(answer, { "wide_column_store", "nosql_database" }, sql_vs_nosql_nosql_words)
    local evidence = {}
    if sql then evidence[#evidence + 1] = sql end
    if nosql then evidence[#evidence + 1] = nosql end
    if #evidence < 2 then return { score = #evidence > 0 and 0.3 or 0, evidence = evidence } end
    if sql.use == "reasoned" or nosql.use == "reasoned" then return { score = 1, evidence = evidence } end
    if sql.use == "bare" and nosql.use == "bare" then return { score = 0.2, evidence = evidence } end
    return { score = 0.6, evidence = evidence }
  end,
}
local aggregation_cost_words = { "only be queried", "only query", "can't fix", "cannot fix", "hard to fix",
  "impossible to fix", "bug in the aggregat", "aggregation bug", "recompute", "recalculate", "recount",
  "more complex", "more expensive", "the way it was aggregated", "the way they were aggregated" }
sdi.check {
  id = "aggregation_cost", title = "Names what pre-aggregation gives up", facet = "justify", kind = "custom",
  weight = 2,
  feedback = "Say what aggregating costs: counts can only be queried the way they were "
    .. "aggregated, and a bug in the aggregator corrupts them for good unless raw events are "
    .. "kept to recompute; keeping both costs complexity and money.",
  run = function(answer)
    local hits = said_any(answer, aggregation_cost_words, 2)
    if #hits >= 2 then return { score = 1, evidence = { hits[1], hits[2] } } end
    if hits[1] then return { score = 0.6, evidence = { hits[1] } } end
    return 0
  end,
}
local pull_justified_words = { "pull" }
local pull_justified_with_words = { "because", "fault", "crash", "scale", "replay", "lose", "lost",
  "own pace", "back pressure", "backpressure", "so that", "since" }
sdi.check {
  id = "pull_justified", title = "Justifies the pull model", facet = "justify", kind = "custom", weight = 2,
  feedback = "Back the pull choice with its reasons: events wait safely in the queue when a "
    .. "consumer dies (fault tolerance) and throughput grows by adding partitions and consumers.",
  run = function(answer)
    local hit = said_any(answer, pull_justified_words, { limit = 1, with = pull_justified_with_words })[1]
    if hit then return { score = 1, evidence = { hit } } end
    return 0
  end,
}
local write_reduction_words = { "reduce writes", "reduces writes", "reduce the writes", "fewer writes",
  "one write per", "cuts the writes", "cut writes", "instead of writing", "rather than writing",
  "writes per second to", "write per video" }
sdi.check {
  id = "write_reduction", title = "Justifies aggregation by the writes it saves", facet = "justify",
  kind = "custom", weight = 2,
  feedback = "Justify counting in memory with numbers: 70K events/s become one write per active "
    .. "video per flush, a small fraction of the raw rate, which is what lets the database keep up.",
  run = function(answer)
    local saved = said_any(answer, write_reduction_words, 1)
    if saved[1] then return { score = 1, evidence = { saved[1] } } end
    local c = best_use(answer, { "data_aggregation" })
    if not c then return 0 end
    if c.use == "reasoned" then return { score = 1, evidence = { c } } end
    if c.use == "used" then return { score = 0.6, evidence = { c } } end
    return { score = 0.2, evidence = { c } }
  end,
}

---------------------------------------------------------------------------------------------------
-- Hints, gentle to specific
---------------------------------------------------------------------------------------------------

sdi.hint { facet = "clarify", levels = {
  "What would you need to know about the people, the numbers and the money before drawing boxes?",
  "Ask about users, scale (views per second, spikes, reads per view), performance (read latency, write-to-read delay) and cost.",
  "The interviewer says: 2 billion views a day, 3x peaks, 2 reads per view, under 50 ms reads, counts within a minute, no lost or double-counted views." } }
sdi.hint { facet = "requirements", levels = {
  "What must the system do, and how well?",
  "Two functions (count a view, return counts) and the qualities: scalable, fast, available, consistent enough, cheap.",
  "countViewEvent and getViewsCount, generalised to event types and statistics; tens of thousands of writes/s, reads in tens of ms, highly available, stale over unavailable." } }
sdi.hint { facet = "estimation", levels = {
  "Turn views per day into events per second, then think about the peak.",
  "A day is about 86,400 seconds; multiply by the peak factor and the reads per view; multiply events by their size for storage.",
  "23K views/s average, ~70K at peak, ~46K reads/s, 200 GB of raw events a day, ~2 GB of dedup cache, ~14 processing nodes at 5K events/s each." } }
sdi.hint { facet = "api", levels = {
  "Which calls do the player and the watch page make?",
  "One call records a view event, one returns counts; what parameters do they need?",
  "countViewEvent(videoId, eventId, timestamp) and getViewsCount(videoId, startTime, endTime), generalised to countEvent(videoId, eventType) and getStatistics(videoId, eventType, function, ...)." } }
sdi.hint { facet = "data_model", levels = {
  "Do you store every view, or something smaller?",
  "Weigh individual events against aggregated counts; which database fits the write rate and the time-series shape?",
  "Aggregate per video per hour in Cassandra (partition key video_id, a column per hour), keep raw events a few days for recounts, or shard MySQL behind a cluster proxy." } }
sdi.hint { facet = "high_level", levels = {
  "Follow one view from the player to the number on the page.",
  "Entry tier, something that routes events, a buffer, something that counts, a store, and a separate read path.",
  "Client -> API gateway -> load balancer -> partitioner service -> partitioned Kafka -> processing service -> Cassandra; reads via query service + cache." } }
sdi.hint { facet = "deep_dive", levels = {
  "Open the processing service: what happens to one event inside it?",
  "Push or pull? How are duplicates dropped, progress saved and a slow database survived?",
  "Pull from partitions; partition consumer -> dedup cache (ids for 10 min) -> in-memory aggregator -> internal queue -> DB writer; checkpoint offsets, dead-letter queue, snapshot state." } }
sdi.hint { facet = "bottlenecks", levels = {
  "What breaks when one video goes viral, or the database slows down?",
  "Look at the partition that owns a hot video, the database, the read path and a data-center failure.",
  "Split hot keys across partitions, back pressure and a DLQ for the database, a cache for hot counts, replicas in another data center." } }
sdi.hint { facet = "justify", levels = {
  "Which choices did you make that someone could argue against?",
  "Consistency versus availability, SQL versus Cassandra, aggregates versus raw events, push versus pull.",
  "Prefer stale over none (AP); Cassandra for linear write scaling; aggregate for fast reads but keep raw events to recount; pull for fault tolerance and scaling." } }
