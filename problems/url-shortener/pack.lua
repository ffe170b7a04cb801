-- Design a URL shortener: the rubric, the interviewer's answers, and the numbers.
-- Reading of the 80/20 rule used here: 20% of the URLs draw 80% of the redirects, so the cache
-- holds 20% of a day's redirected records.

sdi.cache_rule "20% of URLs draw 80% of redirects: cache 20% of one day's read volume"

---------------------------------------------------------------------------------------------------
-- Clarifying questions and the interviewer's answers
---------------------------------------------------------------------------------------------------

sdi.question {
  id = "scale",
  text = "How many new URLs are shortened per month?",
  phrasings = { "how many urls", "new urls per month", "how many links", "write volume", "how many shortenings",
    "how many users", "daily active users", "scale", "traffic" },
  answer = "About 100 million new short links a month, from a few million registered and anonymous users.",
}
sdi.question {
  id = "read_write_ratio",
  text = "What is the read to write ratio?",
  phrasings = { "read write ratio", "read:write", "reads per write", "how many redirects", "read heavy",
    "how often are links clicked" },
  answer = "Reads dominate: about 100 redirects for every link created.",
}
sdi.question {
  id = "retention",
  text = "How long do short links live?",
  phrasings = { "expire", "expiry", "expiration", "how long", "retention", "keep links forever", "ttl", "delete" },
  answer = "Links expire after 5 years by default; users may choose a shorter expiry.",
}
sdi.question {
  id = "custom_alias",
  text = "Can users pick a custom alias?",
  phrasings = { "custom alias", "custom short", "vanity url", "choose the short", "pick the key", "custom url" },
  answer = "Yes, optionally, up to 16 characters; it must be unique.",
}
sdi.question {
  id = "key_length",
  text = "How short must the short key be?",
  phrasings = { "how short", "length of the short", "key length", "how many characters", "short code length" },
  answer = "As short as possible; 7 characters is fine.",
}
sdi.question {
  id = "latency",
  text = "What latency do redirects need?",
  phrasings = { "latency", "how fast", "response time", "p99", "redirect time" },
  answer = "A redirect should take well under 50 ms at the 99th percentile on our side.",
}
sdi.question {
  id = "availability",
  text = "How available must the service be?",
  phrasings = { "availability", "uptime", "sla", "downtime", "highly available" },
  answer = "Highly available: if redirects fail, every link on the web that points at us breaks.",
}
sdi.question {
  id = "analytics",
  text = "Do we need click analytics?",
  phrasings = { "analytics", "click count", "statistics", "track clicks", "metrics for users", "how many times clicked" },
  answer = "Basic click counts per link would be nice, but they can lag by minutes.",
}
sdi.question {
  id = "same_url_twice",
  text = "Should the same long URL always get the same short link?",
  phrasings = { "same url twice", "same long url", "duplicate urls", "deduplicate", "same link" },
  answer = "Not required; two users shortening the same URL may get different keys.",
}
sdi.question {
  id = "auth",
  text = "Do users need accounts or API keys?",
  phrasings = { "api key", "accounts", "authentication", "login", "registered users", "anonymous" },
  answer = "Anonymous use is allowed through the web page; the API needs a key so we can rate limit.",
}
sdi.question {
  id = "url_size",
  text = "How long are the original URLs?",
  phrasings = { "url length", "size of a url", "how long are the urls", "max url", "bytes per url" },
  answer = "Up to 2 KB, typically a few hundred bytes; a stored record is about 500 bytes.",
}
sdi.question {
  id = "edit_delete",
  text = "Can a link be edited or deleted?",
  phrasings = { "edit", "update the link", "delete a link", "change the destination", "remove" },
  answer = "The owner can delete a link; editing the destination is out of scope.",
}

---------------------------------------------------------------------------------------------------
-- Assumptions and estimates
---------------------------------------------------------------------------------------------------

sdi.assumption {
  id = "new_urls_per_month",
  title = "New URLs per month",
  default = "100M /month",
  range = { "1M /month", "10B /month" },
  names = { "new URLs per month", "URLs per month", "new URLs", "shortened URLs", "links per month",
    "new links", "URLs created", "shortenings per month", "writes per month" },
}
sdi.assumption {
  id = "read_write_ratio",
  title = "Reads per write",
  default = "100",
  range = { "10", "1000" },
  names = { "read:write ratio", "read to write ratio", "read/write ratio", "reads per write", "read-write ratio" },
}
sdi.assumption {
  id = "record_size",
  title = "Bytes per stored link",
  default = "500 bytes",
  range = { "100 bytes", "10 KB" },
  names = { "bytes per URL", "record size", "per record", "each record", "each URL", "per URL", "per link",
    "size of a record", "object size", "each entry" },
}
sdi.assumption {
  id = "retention",
  title = "How long links are kept",
  default = "5 years",
  range = { "1 year", "100 years" },
  names = { "retention", "kept for", "keep links for", "expire after", "expiry", "stored for", "keep them for" },
}
sdi.assumption {
  id = "cache_share",
  title = "Share of a day's reads cached",
  default = "20%",
  range = { "1%", "60%" },
  names = { "80/20", "80-20", "hot URLs", "cache share", "hottest", "cache 20%" },
}

sdi.estimate {
  id = "write_qps",
  title = "Write QPS",
  formula = "new_urls_per_month",
  unit = "/s",
  names = { "write QPS", "writes per second", "new URLs per second", "write rate", "writes/s",
    "creation rate", "URLs per second", "shortenings per second", "write requests" },
}
sdi.estimate {
  id = "read_qps",
  title = "Read QPS",
  formula = "new_urls_per_month * read_write_ratio",
  unit = "/s",
  names = { "read QPS", "reads per second", "redirects per second", "redirect QPS", "read rate", "reads/s",
    "redirections per second", "read requests" },
}
sdi.estimate {
  id = "storage_per_day",
  title = "Storage per day",
  formula = "new_urls_per_month * record_size",
  unit = "GB/day",
  names = { "storage per day", "data per day", "new data per day", "daily storage", "per day storage",
    "storage per month", "data per month", "storage growth" },
}
sdi.estimate {
  id = "storage_total",
  title = "Storage over the retention period",
  formula = "new_urls_per_month * retention * record_size",
  unit = "TB",
  names = { "total storage", "storage over", "storage for 5 years", "storage needed", "total data",
    "storage in 5 years", "storage" },
}
sdi.estimate {
  id = "total_urls",
  title = "Links stored over the retention period",
  formula = "new_urls_per_month * retention",
  unit = "",
  names = { "total URLs", "total links", "URLs over 5 years", "number of URLs", "URLs in 5 years",
    "unique keys", "keys needed", "links to store", "over 5 years", "in 5 years", "we store" },
}
sdi.estimate {
  id = "bandwidth_in",
  title = "Incoming bandwidth",
  formula = "new_urls_per_month * record_size",
  unit = "KB/s",
  names = { "incoming bandwidth", "ingress", "write bandwidth", "bandwidth in", "incoming data", "inbound" },
}
sdi.estimate {
  id = "bandwidth_out",
  title = "Outgoing bandwidth",
  formula = "new_urls_per_month * read_write_ratio * record_size",
  unit = "MB/s",
  names = { "outgoing bandwidth", "egress", "read bandwidth", "bandwidth out", "outgoing data", "outbound" },
}
sdi.estimate {
  id = "cache_memory",
  title = "Cache memory",
  formula = "new_urls_per_month * read_write_ratio * 1 day * cache_share * record_size",
  unit = "GB",
  names = { "cache memory", "memory for the cache", "cache size", "RAM for the cache", "memory needed",
    "cache needs", "cache capacity", "memory" },
}

---------------------------------------------------------------------------------------------------
-- Rubric
---------------------------------------------------------------------------------------------------

-- Custom checks read the answer through the shared library (plugins/checks/helpers.lua). The word
-- lists they search for sit above each check, made once for the pack rather than on every run.
local H = sdi.helpers
local said_any, found_any, asked = H.said_any, H.found_any, H.asked

-- clarify --------------------------------------------------------------------------------------

sdi.check {
  id = "clarifying_questions", title = "Asks the questions that shape the design", facet = "clarify",
  kind = "questions", weight = 5, full = 4,
  feedback = "Open by pinning down scale (new links a month), the read:write ratio, expiry and "
    .. "custom aliases: they decide the key length, the storage and the cache.",
}
sdi.check {
  id = "asks_scale", title = "Asks about scale before designing", facet = "clarify", kind = "custom", weight = 2,
  feedback = "Ask how many links are created and clicked before drawing anything; every number later rests on it.",
  run = function(answer)
    local q = asked(answer, { "scale", "read_write_ratio" })
    if q then return { score = 1, evidence = { q } } end
    return 0
  end,
}
sdi.check {
  id = "asks_expiry", title = "Asks how long links live", facet = "clarify", kind = "custom", weight = 1,
  feedback = "Ask whether links expire: retention sets total storage and the number of keys you need.",
  run = function(answer)
    local q = asked(answer, { "retention" })
    if q then return { score = 1, evidence = { q } } end
    return 0
  end,
}

-- requirements ---------------------------------------------------------------------------------

sdi.check {
  id = "core_features", title = "States the core features: shorten and redirect", facet = "requirements",
  kind = "concepts", weight = 3, concepts = { "url_shortening", "url_redirect" },
  feedback = "Write the two core use cases as sentences: given a long URL, return a unique short "
    .. "link; given a short link, redirect to the original.",
}
local custom_alias_words = { "custom alias", "vanity", "custom short", "custom url", "custom key" }
sdi.check {
  id = "custom_alias", title = "Covers custom aliases", facet = "requirements", kind = "custom", weight = 1,
  feedback = "Mention optional custom aliases and that they must be unique (checked on write).",
  run = function(answer)
    local hits = said_any(answer, custom_alias_words, 1)
    if #hits > 0 then return { score = 1, evidence = { hits[1] } } end
    return 0
  end,
}
sdi.check {
  id = "expiry_requirement", title = "Links expire", facet = "requirements", kind = "concepts", weight = 2,
  concepts = { { "expiration", "ttl", "data_retention" } },
  feedback = "Say that links expire (default 5 years, user-settable): it bounds storage and frees keys.",
}
sdi.check {
  id = "availability_goal", title = "Redirects must stay available", facet = "requirements", kind = "concepts",
  weight = 2, concepts = { { "high_availability", "fault_tolerance" } },
  feedback = "State that redirects must be highly available: if they fail, every published link breaks.",
}
sdi.check {
  id = "latency_goal", title = "Sets a latency target for redirects", facet = "requirements", kind = "concepts",
  weight = 2, concepts = { { "latency", "latency_percentiles" } },
  feedback = "Give a latency target for redirects (e.g. under 50 ms at p99) so caching choices have a goal.",
}
sdi.check {
  id = "read_heavy", title = "Recognises the workload is read-heavy", facet = "requirements", kind = "concepts",
  weight = 2, concepts = { { "read_heavy", "read_write_ratio" } },
  feedback = "Call out that reads outnumber writes about 100:1; it is why the design leans on caching.",
}
local unpredictable_keys_words = { "predictable", "guess", "enumerat", "sequential ids", "random" }
sdi.check {
  id = "unpredictable_keys", title = "Keys should not be guessable", facet = "requirements", kind = "custom",
  weight = 1,
  feedback = "Note that short keys should not be predictable, or anyone can enumerate every link.",
  run = function(answer)
    local hits = said_any(answer, unpredictable_keys_words, 1)
    if #hits > 0 then return { score = 1, evidence = { hits[1] } } end
    return 0
  end,
}

-- estimation -----------------------------------------------------------------------------------

sdi.check { id = "est_write_qps", title = "Write QPS", facet = "estimation", kind = "estimate", estimate = "write_qps",
  weight = 3, feedback = "100M new links a month is about 40 writes per second (a month is about 2.6M seconds)." }
sdi.check { id = "est_read_qps", title = "Read QPS", facet = "estimation", kind = "estimate", estimate = "read_qps",
  weight = 3, feedback = "At 100 reads per write, 40 writes/s means about 4K redirects per second." }
sdi.check { id = "est_storage_day", title = "Storage per day", facet = "estimation", kind = "estimate",
  estimate = "storage_per_day", weight = 1,
  feedback = "100M links a month at 500 bytes is 50 GB a month, under 2 GB a day." }
sdi.check { id = "est_storage_total", title = "Storage over the retention period", facet = "estimation",
  kind = "estimate", estimate = "storage_total", weight = 3,
  feedback = "Over 5 years that is 6 billion links at 500 bytes: about 3 TB." }
sdi.check { id = "est_total_urls", title = "Number of links to key", facet = "estimation", kind = "estimate",
  estimate = "total_urls", weight = 2,
  feedback = "6 billion links over 5 years; 7 Base62 characters give 62^7, about 3.5 trillion keys." }
sdi.check { id = "est_bandwidth_in", title = "Incoming bandwidth", facet = "estimation", kind = "estimate",
  estimate = "bandwidth_in", weight = 1, feedback = "40 writes/s x 500 B is about 20 KB/s in." }
sdi.check { id = "est_bandwidth_out", title = "Outgoing bandwidth", facet = "estimation", kind = "estimate",
  estimate = "bandwidth_out", weight = 1, feedback = "4K reads/s x 500 B is about 2 MB/s out." }
sdi.check { id = "est_cache", title = "Cache memory", facet = "estimation", kind = "estimate",
  estimate = "cache_memory", weight = 2,
  feedback = "4K reads/s is about 350M reads a day; caching 20% of them at 500 B is about 35 GB: one big cache node or a few small ones." }

-- api ------------------------------------------------------------------------------------------

local api_endpoints_create_words = { "post /", "createurl", "create_url", "shorten(", "createshorturl",
  "create(" }
local api_endpoints_read_words = { "get /", "redirect(", "geturl", "get_url", "get(" }
sdi.check {
  id = "api_endpoints", title = "Defines the create and redirect APIs", facet = "api", kind = "custom", weight = 3,
  feedback = "Write the API: createURL(api_key, original_url, custom_alias?, expire_at?) -> short_url "
    .. "(POST /urls) and GET /{key} answering with a redirect; deleteURL(api_key, key).",
  run = function(answer)
    local create = found_any(answer, api_endpoints_create_words, 1)
    local read = found_any(answer, api_endpoints_read_words, 1)
    local ev = {}
    if create[1] then ev[#ev + 1] = create[1] end
    if read[1] then ev[#ev + 1] = read[1] end
    local score = (#create > 0 and 0.5 or 0) + (#read > 0 and 0.5 or 0)
    return { score = score, evidence = ev }
  end,
}
sdi.check {
  id = "api_rate_limit", title = "Protects the API with keys and rate limits", facet = "api", kind = "concepts",
  weight = 2, concepts = { { "rate_limiting", "api_key", "token_bucket" } },
  feedback = "Require an API key on writes and rate limit per key so one client cannot exhaust the key space.",
}
sdi.check {
  id = "redirect_code", title = "Chooses 301 or 302 deliberately", facet = "api", kind = "custom", weight = 2,
  feedback = "Pick the status code with a reason: 301 lets browsers cache the redirect (less load, "
    .. "no click counts), 302 sends every click through us (analytics, more load).",
  run = function(answer)
    local a = said_any(answer, { "301" }, 1)
    local b = said_any(answer, { "302" }, 1)
    if #a > 0 and #b > 0 then return { score = 1, evidence = { a[1], b[1] } } end
    if #a + #b > 0 then return { score = 0.5, evidence = { (a[1] or b[1]) } } end
    return 0
  end,
}

-- data model -----------------------------------------------------------------------------------

local schema_fields_groups = {
  { "short key", "short_key", "shortkey", "short code", "short_code", "hash key", "short url", "short_url" },
  { "original url", "original_url", "long url", "long_url", "originalurl", "longurl", "target url", "destination" },
  { "created", "creation", "created_at", "creationdate" },
  { "expir", "expires_at", "expire_at", "ttl" },
  { "user id", "userid", "user_id", "owner" },
}
sdi.check {
  id = "schema_fields", title = "Lays out the link record", facet = "data_model", kind = "custom", weight = 3,
  feedback = "Name the record: short key (primary key), original URL, creation time, expiry, owner; "
    .. "plus a users table with the API key.",
  run = function(answer)
    local got, ev = H.groups_score(answer, schema_fields_groups, found_any)
    return { score = math.min(1, got / 4), evidence = ev }
  end,
}
sdi.check {
  id = "store_choice", title = "Chooses a store and says why", facet = "data_model", kind = "concepts", weight = 3,
  concepts = { { "key_value_store", "nosql_database", "wide_column_store", "relational_database", "document_store" } },
  feedback = "Choose the database with a reason: billions of small records, lookups by key, no joins: "
    .. "a key-value or wide-column store (DynamoDB, Cassandra) scales out easily; a sharded SQL store also works.",
}
local no_relations_words = { "no relationship", "no joins", "few relationships", "no relations",
  "not relational", "without joins", "don't need joins", "no need for joins" }
sdi.check {
  id = "no_relations", title = "Notices the data has few relations", facet = "data_model", kind = "custom", weight = 1,
  feedback = "Point out that links barely relate to each other: no joins, so a NoSQL store fits.",
  run = function(answer)
    local hits = said_any(answer, no_relations_words, 1)
    if #hits > 0 then return { score = 1, evidence = { hits[1] } } end
    return 0
  end,
}
sdi.check {
  id = "key_index", title = "Looks links up by their key", facet = "data_model", kind = "concepts", weight = 1,
  concepts = { { "partition_key", "indexing", "hash_partitioning", "secondary_index" } },
  feedback = "Make the short key the primary (partition) key so a redirect is one point lookup.",
}

-- high-level design ----------------------------------------------------------------------------

sdi.check {
  id = "diagram", title = "Draws the end-to-end design", facet = "high_level", kind = "diagram", weight = 5,
  components = { "load_balancer", "application_server", { "in_memory_cache", "caching", "distributed_cache" },
    { "key_value_store", "nosql_database", "relational_database", "wide_column_store", "database" } },
  connections = {
    { from = "load_balancer", to = "application_server", text = "the load balancer in front of the app servers" },
    { from = "application_server", to = { "in_memory_cache", "caching", "distributed_cache" },
      text = "app servers reading through a cache" },
    { from = { "in_memory_cache", "caching", "distributed_cache", "application_server" },
      to = { "key_value_store", "nosql_database", "relational_database", "wide_column_store", "database" },
      text = "the database behind the cache" },
  },
  feedback = "Draw client -> load balancer -> app servers -> cache -> database, plus the key "
    .. "generation service the app servers take keys from.",
}
sdi.check {
  id = "load_balancer", title = "Balances load across stateless app servers", facet = "high_level",
  kind = "concepts", weight = 2, concepts = { "load_balancer", { "stateless_service", "horizontal_scaling" } },
  need = 1,
  feedback = "Put a load balancer in front of stateless app servers so you add servers as traffic grows.",
}
sdi.check {
  id = "read_path_cache", title = "Serves redirects from a cache", facet = "high_level", kind = "concepts",
  weight = 3, concepts = { { "in_memory_cache", "caching", "distributed_cache", "cache_aside", "read_through" } },
  feedback = "Redirects are the hot path: look the key up in Redis or Memcached first and fall back to the database.",
}

-- deep dive ------------------------------------------------------------------------------------

sdi.check {
  id = "key_generation", title = "Explains how keys are generated", facet = "deep_dive", kind = "concepts",
  weight = 4, concepts = { { "hash_function", "key_generation_service", "id_generator", "base62" } },
  feedback = "Explain key generation: hash the URL (MD5/SHA-256) and take 7 Base62 characters, or "
    .. "hand out pre-generated keys from a key generation service.",
}
sdi.check {
  id = "hash_vs_kgs", title = "Compares hashing with a key service", facet = "deep_dive", kind = "concepts",
  weight = 3, concepts = { "hash_function", "key_generation_service" },
  feedback = "Compare the two ways to make keys: hashing needs collision checks on every write; a "
    .. "key generation service hands out unique keys with no checks but must itself be replicated.",
}
sdi.check {
  id = "base62", title = "Encodes keys in Base62", facet = "deep_dive", kind = "concepts", weight = 3,
  concepts = { "base62" },
  feedback = "Use Base62 (a-z, A-Z, 0-9): URL-safe, and 7 characters give about 3.5 trillion keys.",
}
sdi.check {
  id = "collisions", title = "Handles key collisions", facet = "deep_dive", kind = "concepts", weight = 3,
  concepts = { "hash_collision" },
  feedback = "Say what happens when two URLs map to the same key: check-and-retry with a salt or "
    .. "the next bits of the hash, or avoid collisions entirely with a key service.",
}
local key_length_words = { "62^7", "62^6", "62^8", "3.5 trillion", "3.5t", "56.8 billion", "57 billion",
  "7 characters", "seven characters", "6 characters", "8 characters", "7 chars", "6 chars", "8 chars" }
sdi.check {
  id = "key_length", title = "Sizes the key length from the link count", facet = "deep_dive", kind = "custom",
  weight = 2,
  feedback = "Justify the key length: 62^6 is 57 billion, 62^7 about 3.5 trillion; 7 characters "
    .. "cover 6 billion links with room to spare.",
  run = function(answer)
    -- Two distinct facts (a power of 62 and a length) justify it, even in one paragraph.
    local n, hits = H.said_each(answer, key_length_words)
    if n >= 2 then return { score = 1, evidence = { hits[1], hits[2] } } end
    if n == 1 then return { score = 0.6, evidence = { hits[1] } } end
    return 0
  end,
}
sdi.check {
  id = "cache_eviction", title = "Chooses a cache eviction policy", facet = "deep_dive", kind = "concepts",
  weight = 2, concepts = { { "lru", "lfu", "cache_eviction", "ttl" } },
  feedback = "Evict with LRU: recently clicked links are the ones clicked next.",
}
sdi.check {
  id = "partitioning", title = "Partitions the data", facet = "deep_dive", kind = "concepts", weight = 3,
  concepts = { { "sharding", "hash_partitioning", "consistent_hashing", "range_partitioning" } },
  feedback = "Partition by a hash of the short key (consistent hashing) so data and load spread "
    .. "evenly; range partitioning by first letter skews.",
}
local expiry_cleanup_words = { "cleanup", "clean up", "clean-up", "lazily", "lazy delet", "purge",
  "garbage collect", "sweeper" }
sdi.check {
  id = "expiry_cleanup", title = "Cleans up expired links", facet = "deep_dive", kind = "custom", weight = 2,
  feedback = "Delete expired links lazily on read and with a low-priority cleanup job, returning keys to the pool.",
  run = function(answer)
    local hits = said_any(answer, expiry_cleanup_words, 1)
    if #hits > 0 then return { score = 1, evidence = { hits[1] } } end
    return 0
  end,
}
sdi.check {
  id = "analytics_pipeline", title = "Counts clicks off the hot path", facet = "deep_dive", kind = "concepts",
  weight = 1, concepts = { { "message_queue", "event_streaming", "data_aggregation", "asynchronous_processing" } },
  feedback = "If clicks are counted, publish an event to a queue and aggregate asynchronously so redirects stay fast.",
}

-- bottlenecks ----------------------------------------------------------------------------------

sdi.check {
  id = "hot_links", title = "Handles viral links", facet = "bottlenecks", kind = "concepts", weight = 2,
  concepts = { { "hot_partition", "thundering_herd", "cdn", "request_coalescing", "hot_data" } },
  feedback = "A viral link concentrates traffic on one key: the cache absorbs it, a CDN can serve "
    .. "301s at the edge, and request coalescing stops a stampede on a miss.",
}
local kgs_availability_words = { "standby", "replica ", "replicas", "batch of keys", "keys in memory",
  "preload", "pre-load", "replicated" }
sdi.check {
  id = "kgs_availability", title = "Keeps the key service from being a single point of failure",
  facet = "bottlenecks", kind = "custom", weight = 2,
  feedback = "If you use a key generation service, give it a standby replica and let each app "
    .. "server keep a small batch of keys in memory so a KGS outage does not stop writes.",
  run = function(answer)
    local kgs = answer.concept("key_generation_service")
    if not kgs then
      local hash = answer.concept("hash_function")
      if hash then return { score = 0.5, evidence = { hash },
        feedback = "No key service to protect; hashing keeps writes stateless." } end
      return 0
    end
    local hits = said_any(answer, kgs_availability_words, 1)
    if #hits > 0 then return { score = 1, evidence = { kgs, hits[1] } } end
    return { score = 0.3, evidence = { kgs } }
  end,
}
sdi.check {
  id = "abuse", title = "Guards against abuse", facet = "bottlenecks", kind = "concepts", weight = 1,
  concepts = { { "rate_limiting", "authentication", "api_key" } },
  feedback = "Rate limit creation per API key or IP and consider scanning targets for malware/phishing.",
}

-- justify --------------------------------------------------------------------------------------

sdi.check {
  id = "consistency_choice", title = "Chooses availability over strict consistency", facet = "justify",
  kind = "concepts", weight = 2,
  concepts = { { "eventual_consistency", "cap_theorem", "strong_consistency", "high_availability" } },
  feedback = "Say what consistency you need: a new link may take a moment to reach every replica, "
    .. "so favour availability (eventual consistency) for redirects.",
}
sdi.check {
  id = "cache_justified", title = "Justifies the cache with the read ratio", facet = "justify", kind = "custom",
  weight = 2,
  feedback = "Tie the cache to the numbers: at ~4K reads/s and 100:1, a 35 GB cache with a high hit "
    .. "ratio keeps the database for misses only.",
  run = function(answer)
    local c = answer.concept("caching") or answer.concept("in_memory_cache")
    local r = answer.concept("read_heavy") or answer.concept("read_write_ratio")
    if c and r and c.use == "reasoned" then
      return { score = 1, evidence = { c, r } }
    end
    if c and r then return { score = 0.6, evidence = { c } } end
    return 0
  end,
}

---------------------------------------------------------------------------------------------------
-- Hints, gentle to specific
---------------------------------------------------------------------------------------------------

sdi.hint { facet = "clarify", levels = {
  "What numbers would you need before sizing anything?",
  "Ask about links created per month, the read:write ratio and how long links live.",
  "The interviewer will say 100M new links a month, 100 reads per write, 5-year expiry." } }
sdi.hint { facet = "requirements", levels = {
  "What must the service do, and how well?",
  "Two features (shorten, redirect) and three qualities: availability, low latency, unguessable keys.",
  "Add expiry and optional custom aliases; say redirects must be highly available and fast (p99 < 50 ms)." } }
sdi.hint { facet = "estimation", levels = {
  "Start from writes per month and turn them into per-second rates.",
  "A month is about 2.6M seconds; multiply by the read ratio for reads.",
  "40 writes/s, 4K reads/s, 6B links and 3 TB over 5 years, ~35 GB of cache." } }
sdi.hint { facet = "api", levels = {
  "Which calls does a client make?",
  "One call to create a link, one to follow it, maybe one to delete it.",
  "POST /urls {url, alias?, expire_at?} -> short URL; GET /{key} -> 301/302 with Location." } }
sdi.hint { facet = "data_model", levels = {
  "What does one stored link look like?",
  "Key, original URL, timestamps, owner; how are they queried?",
  "Only point lookups by key and no joins: a key-value store keyed by the short key fits." } }
sdi.hint { facet = "high_level", levels = {
  "Trace one redirect from the browser to the database.",
  "Load balancer, stateless app servers, a cache, the database, and where keys come from.",
  "Client -> LB -> app servers -> Redis cache -> key-value DB, with a key generation service beside the app tier." } }
sdi.hint { facet = "deep_dive", levels = {
  "How do you get a short, unique key for a URL?",
  "Compare hashing the URL with handing out pre-generated keys; what about collisions?",
  "MD5 -> first 43 bits -> 7 Base62 chars with collision retry, or a KGS with a used/unused key table." } }
sdi.hint { facet = "bottlenecks", levels = {
  "What breaks first when a link goes viral or a box dies?",
  "Look at the key service, the database and a hot key.",
  "Replicate the KGS and the DB, cache hot keys (CDN for 301s), rate limit creation." } }
sdi.hint { facet = "justify", levels = {
  "Which trade-offs did you make, and why are they right here?",
  "Consistency versus availability, 301 versus 302, hashing versus a key service.",
  "Eventual consistency is fine for new links; 302 keeps analytics at the cost of load." } }
