-- Design Twitter: the rubric, the interviewer's answers, and the numbers.
-- Reading of the 80/20 rule used here: home timelines are not an 80/20 slice (every active user's
-- timeline is precomputed in full); the rule sizes only the hot-tweet object cache, where 20% of
-- a day's new tweets draw 80% of the views, so that cache holds 20% of one day's tweets.

sdi.cache_rule "20% of a day's tweets draw 80% of tweet views: the tweet cache holds 20% of one day's new tweets; home timelines are cached in full for active users"

---------------------------------------------------------------------------------------------------
-- Clarifying questions and the interviewer's answers
---------------------------------------------------------------------------------------------------

sdi.question {
  id = "scale",
  text = "How many users do we have, and how many are active each day?",
  phrasings = { "how many users", "daily active users", "dau", "active users", "user base", "scale",
    "monthly active users", "mau", "registered users", "traffic" },
  answer = "About 1 billion registered accounts, of which 200 million are active on a given day.",
}
sdi.question {
  id = "tweets_per_day",
  text = "How many tweets are posted per day?",
  phrasings = { "number of tweets", "tweets per day", "tweets a day", "tweets per user", "new tweets",
    "write volume", "how often do users tweet", "post per day" },
  answer = "An active user posts about 2 tweets a day on average, so roughly 400 million new tweets a day.",
}
sdi.question {
  id = "read_write_ratio",
  text = "What is the read to write ratio?",
  phrasings = { "read write ratio", "read:write", "reads per write", "read heavy", "how many reads",
    "how often do users read", "views per tweet", "timeline views", "how often is the timeline opened",
    "timeline loads" },
  answer = "Very read-heavy: about 100 tweet views for every tweet written. An active user opens the "
    .. "home timeline about 10 times a day and each page shows 20 tweets.",
}
sdi.question {
  id = "tweet_size",
  text = "What is the maximum length of a tweet?",
  phrasings = { "tweet length", "characters", "tweet size", "size of a tweet", "140", "280", "max length",
    "character limit", "how big is a tweet" },
  answer = "Up to 280 characters of text (it used to be 140). With the IDs, timestamp and other "
    .. "metadata a stored tweet averages about 300 bytes.",
}
sdi.question {
  id = "media",
  text = "Can tweets contain photos or videos?",
  phrasings = { "photos", "videos", "media", "images", "attachments", "pictures", "photo or video" },
  answer = "Yes. About 1 tweet in 10 carries a photo or a short video, 500 KB on average after "
    .. "compression. Media is stored and served separately from the tweet text.",
}
sdi.question {
  id = "features",
  text = "Which features are in scope?",
  phrasings = { "features", "in scope", "out of scope", "what can users do", "functionality",
    "search", "trending", "trends", "notifications", "retweets", "replies", "favorites", "likes",
    "use cases" },
  answer = "Posting tweets, following and unfollowing users, the home timeline, the user timeline and "
    .. "marking tweets as favorites. Search, trending topics and push notifications are extended "
    .. "goals: say how they would fit, but do not design them in depth.",
}
sdi.question {
  id = "retention",
  text = "How long do we keep tweets?",
  phrasings = { "how long do we keep", "retention", "retain", "retain tweets", "keep tweets", "delete old tweets", "expire",
    "how many years", "store forever", "archive", "how long store", "how long stored" },
  answer = "Tweets are never deleted automatically; size the storage for 5 years.",
}
sdi.question {
  id = "latency",
  text = "How fast must the home timeline load?",
  phrasings = { "latency", "how fast", "response time", "p99", "load time", "timeline load",
    "how quickly", "performance" },
  answer = "The home timeline should come back in under 200 ms at the 99th percentile on our side; "
    .. "posting a tweet may take a little longer.",
}
sdi.question {
  id = "consistency",
  text = "Is it acceptable if followers see a new tweet a few seconds late?",
  phrasings = { "consistency", "eventual consistency", "stale", "see a new tweet", "delay",
    "real time", "how fresh", "a few seconds late", "strongly consistent" },
  answer = "Yes: a follower seeing a tweet a few seconds after someone else is fine, as long as the "
    .. "service stays up. The author should see their own tweet right away.",
}
sdi.question {
  id = "followers",
  text = "How many accounts does a typical user follow, and how big do follower counts get?",
  phrasings = { "how many followers", "followers", "follower count", "how many people", "follow count",
    "fan out", "fanout", "celebrities", "famous accounts", "most followed", "followees", "average followers",
    "how many accounts follow" },
  answer = "A typical user follows about 200 accounts and has about as many followers, but a few "
    .. "thousand accounts have millions of followers and the biggest have over 100 million.",
}
sdi.question {
  id = "ordering",
  text = "Is the home timeline chronological or ranked?",
  phrasings = { "chronological", "ranked", "ranking", "order", "sorted", "algorithmic", "newest first" },
  answer = "Reverse chronological, newest first; no ranking model is needed.",
}
sdi.question {
  id = "availability",
  text = "How available must the service be?",
  phrasings = { "availability", "uptime", "sla", "downtime", "highly available", "nines" },
  answer = "Highly available, about 99.99% for reading timelines; a short delay in delivering a "
    .. "tweet is acceptable, an error page is not.",
}
sdi.question {
  id = "frontend",
  text = "Are we designing the backend only, or the clients as well?",
  phrasings = { "backend", "frontend", "front end", "back end", "clients", "mobile app", "web app" },
  answer = "Backend only: the web and mobile clients call our APIs.",
}
sdi.question {
  id = "timeline_depth",
  text = "How far back does a home timeline need to go?",
  phrasings = { "how far back", "how many tweets in the timeline", "timeline length", "scroll",
    "how deep", "older tweets", "pagination" },
  answer = "People rarely scroll past a few hundred tweets; keeping the newest 800 entries per home "
    .. "timeline is enough, and older pages may be slower.",
}
sdi.question {
  id = "inactive_users",
  text = "How many registered users are inactive?",
  phrasings = { "inactive users", "inactive", "dormant", "haven't logged in", "not active",
    "log in rarely" },
  answer = "Most of them: of 1 billion accounts only 200 million are active on a day, and many have "
    .. "not logged in for weeks or months.",
}
sdi.question {
  id = "peak",
  text = "What does peak traffic look like?",
  phrasings = { "peak", "peak traffic", "spikes", "burst", "busiest", "events" },
  answer = "Peaks reach about 3 times the daily average, around big sporting events and breaking news.",
}

---------------------------------------------------------------------------------------------------
-- Assumptions and estimates
---------------------------------------------------------------------------------------------------

sdi.assumption {
  id = "dau",
  title = "Daily active users",
  default = "200M",
  range = { "10M", "2B" },
  names = { "DAU", "DAUs", "daily active users", "daily users", "users a day", "users per day",
    "active users per day", "active users a day", "active daily" },
}
sdi.assumption {
  id = "tweets_per_user",
  title = "Tweets per active user",
  default = "2 /day",
  range = { "0.1 /day", "50 /day" },
  names = { "tweets per user", "tweets per active user", "each user posts", "each user tweets",
    "per user per day", "tweets per user per day", "every user posts", "each active user posts",
    "user posts" },
}
sdi.assumption {
  id = "read_write_ratio",
  title = "Tweet views per tweet written",
  default = "100",
  range = { "10", "2000" },
  names = { "read:write ratio", "read to write ratio", "read/write ratio", "read-write ratio",
    "reads per write", "views per tweet", "reads per tweet", "reads for every write", "read ratio" },
}
sdi.assumption {
  id = "timeline_loads_per_user",
  title = "Home timeline loads per active user",
  default = "10 /day",
  range = { "1 /day", "200 /day" },
  names = { "timeline loads per user", "opens the home timeline", "opens the timeline",
    "loads the timeline", "loads the home timeline", "timeline visits", "refreshes the timeline",
    "timeline views per user", "checks the timeline" },
}
sdi.assumption {
  id = "tweet_size",
  title = "Bytes per stored tweet",
  default = "300 bytes",
  range = { "100 bytes", "5 KB" },
  names = { "bytes per tweet", "per tweet", "each tweet", "tweet size", "size of a tweet",
    "tweet record", "tweet object", "stored tweet" },
}
sdi.assumption {
  id = "retention",
  title = "How long tweets are kept",
  default = "5 years",
  range = { "1 year", "100 years" },
  names = { "retention", "retain", "keep tweets for", "kept for", "stored for", "store tweets for",
    "keep them for", "years of tweets", "plan for" },
}
sdi.assumption {
  id = "media_share",
  title = "Share of tweets with a photo or video",
  default = "10%",
  range = { "1%", "60%" },
  names = { "tweets with media", "tweets carry media", "tweets have media", "carry a photo",
    "have a photo", "with a photo or video", "media share", "tweets carry" },
}
sdi.assumption {
  id = "media_size",
  title = "Average photo or video size",
  default = "500 KB",
  range = { "20 KB", "50 MB" },
  names = { "media size", "per photo", "average photo", "average media", "per media file",
    "media file", "per image", "each photo", "media object", "per video", "average size" },
}
sdi.assumption {
  id = "timeline_length",
  title = "Entries kept per home timeline",
  default = "800",
  range = { "50", "10000" },
  names = { "entries per timeline", "tweets per timeline", "timeline length", "timeline holds",
    "keep the latest", "keep the newest", "entries per home timeline", "IDs per timeline",
    "capped at", "trimmed to", "each timeline keeps", "tweet IDs per" },
}
sdi.assumption {
  id = "timeline_entry_size",
  title = "Bytes per timeline entry",
  default = "16 bytes",
  range = { "8 bytes", "2 KB" },
  names = { "bytes per entry", "per entry", "each entry", "entry size", "per timeline entry",
    "entry is", "bytes per id", "per id", "bytes per tweet id", "per tweet id" },
}
sdi.assumption {
  id = "timeline_replicas",
  title = "Copies of each home timeline",
  default = "3",
  range = { "1", "6" },
  names = { "replicas", "copies", "replicated", "replication factor", "times replicated" },
}
sdi.assumption {
  id = "memory_per_server",
  title = "Usable memory per cache server",
  default = "64 GB",
  range = { "8 GB", "2 TB" },
  names = { "memory per server", "RAM per server", "RAM per machine", "memory per machine", "per machine",
    "per server", "per node", "memory per node", "RAM each", "RAM per node" },
}
sdi.assumption {
  id = "cache_share",
  title = "Share of a day's tweets in the tweet cache",
  default = "20%",
  range = { "1%", "60%" },
  names = { "80/20", "80-20", "cache 20%", "cache share", "hottest" },
}

sdi.estimate {
  id = "write_qps",
  title = "Tweets written per second",
  formula = "dau * tweets_per_user",
  unit = "/s",
  names = { "write QPS", "writes per second", "tweets per second", "new tweets per second", "write rate",
    "writes/s", "tweet writes", "post QPS", "write requests", "write traffic", "tweets/s", "writes/sec",
    "writes per sec", "tweets/sec", "tweets per sec", "tweets a second", "writes a second", "writes" },
}
sdi.estimate {
  id = "read_qps",
  title = "Tweet reads per second",
  formula = "dau * tweets_per_user * read_write_ratio",
  unit = "/s",
  names = { "read QPS", "reads per second", "tweet views per second", "tweet reads per second", "read rate",
    "reads/s", "views per second", "read requests", "read traffic", "tweet views per day", "reads/sec",
    "reads per sec", "views/sec", "reads a second", "reads" },
}
sdi.estimate {
  id = "timeline_qps",
  title = "Home timeline requests per second",
  formula = "dau * timeline_loads_per_user",
  unit = "/s",
  names = { "timeline QPS", "timeline requests per second", "timeline requests", "timeline reads",
    "timeline loads", "home timeline requests", "timeline generations", "timeline fetches",
    "timeline reads per second", "feed requests", "feed loads", "feed reads", "feed QPS",
    "feed requests per second", "timeline requests/sec" },
}
sdi.estimate {
  id = "storage_per_day",
  title = "Tweet storage per day",
  formula = "dau * tweets_per_user * tweet_size",
  unit = "GB/day",
  names = { "storage per day", "text storage per day", "new storage per day", "tweet storage per day",
    "tweet data per day", "daily storage", "text per day", "tweets take", "we store", "new data per day",
    "per day", "a day", "each tweet" },
}
sdi.estimate {
  id = "storage_total",
  title = "Tweet storage over the retention period",
  formula = "dau * tweets_per_user * tweet_size * retention",
  unit = "TB",
  names = { "total storage", "storage over 5 years", "storage for 5 years", "tweet storage over",
    "text storage over", "storage in 5 years", "5-year storage", "total tweet storage", "over 5 years",
    "in 5 years", "for 5 years", "5 years", "five years" },
}
sdi.estimate {
  id = "media_per_day",
  title = "Media storage per day",
  formula = "dau * tweets_per_user * media_share * media_size",
  unit = "TB/day",
  names = { "media storage per day", "media per day", "media a day", "photos and videos per day",
    "new media per day", "media storage", "media uploads per day" },
}
sdi.estimate {
  id = "bandwidth_in",
  title = "Incoming bandwidth",
  formula = "dau * tweets_per_user * (tweet_size + media_share * media_size)",
  unit = "MB/s",
  names = { "incoming bandwidth", "ingress", "bandwidth in", "inbound", "upload bandwidth",
    "write bandwidth", "incoming data" },
}
sdi.estimate {
  id = "bandwidth_out",
  title = "Outgoing bandwidth",
  formula = "dau * tweets_per_user * read_write_ratio * (tweet_size + media_share * media_size)",
  unit = "GB/s",
  names = { "outgoing bandwidth", "egress", "bandwidth out", "outbound", "read bandwidth",
    "download bandwidth", "outgoing data" },
}
sdi.estimate {
  id = "timeline_memory",
  title = "Memory for precomputed home timelines",
  formula = "dau * timeline_length * timeline_entry_size * timeline_replicas",
  unit = "TB",
  names = { "timeline memory", "memory for timelines", "memory for the timelines", "timeline cache",
    "Redis memory", "timeline cache memory", "memory for home timelines", "home timelines take",
    "timelines need", "all timelines", "memory in total", "feed cache", "feed memory", "memory for feeds",
    "news feed cache" },
}
sdi.estimate {
  id = "redis_servers",
  title = "Timeline cache servers",
  formula = "dau * timeline_length * timeline_entry_size * timeline_replicas / memory_per_server",
  unit = "",
  names = { "Redis servers", "Redis machines", "Redis nodes", "Redis instances", "cache servers",
    "cache machines", "timeline servers", "timeline cache servers", "Redis boxes" },
}
sdi.estimate {
  id = "tweet_cache",
  title = "Hot tweet cache memory",
  formula = "dau * tweets_per_user * 1 day * cache_share * tweet_size",
  unit = "GB",
  names = { "tweet cache", "hot tweet cache", "cache for hot tweets", "tweet object cache",
    "hot tweets cache", "cache the hot tweets", "caching hot tweets" },
}

---------------------------------------------------------------------------------------------------
-- Rubric
---------------------------------------------------------------------------------------------------

-- The boxes candidates draw for this problem are named after what they do ("tweet service",
-- "timeline service", "fan-out workers"); they are application servers for the diagram check.
sdi.concept {
  id = "twitter_app_service",
  name = "Tweet service",
  definition = "A stateless application service of a Twitter-like system, such as the tweet, timeline or fan-out service.",
  synonyms = { "timeline service", "home timeline service", "tweeting service", "tweet writer",
    "fan-out service", "fanout service", "fan-out worker", "fanout worker", "fan-out workers",
    "timeline reader", "write service", "read service", "feed service", "follow service", "user service",
    "graph service", "post service", "media service", "upload service" },
  broader = { "application_server" },
}

-- Custom checks read the answer through the shared library (plugins/checks/helpers.lua). The word
-- lists they search for sit above each check, made once for the pack rather than on every run.
local H = sdi.helpers
local said_any, structured_any, said_in_block = H.said_any, H.structured_any, H.said_in_block
local contains_any, groups_score, asked = H.contains_any, H.groups_score, H.asked
local best_use = H.best_use

-- clarify --------------------------------------------------------------------------------------

sdi.check {
  id = "clarifying_questions", title = "Asks the questions that shape the design", facet = "clarify",
  kind = "questions", weight = 5, full = 5,
  feedback = "Open by pinning down daily active users, tweets per user, the read:write ratio, whether "
    .. "tweets carry media and how big follower counts get: together they decide the fan-out cost, "
    .. "the timeline memory and the storage.",
  praise = "The questions that size the system were asked up front.",
}
sdi.check {
  id = "asks_scale", title = "Asks about users and traffic before designing", facet = "clarify",
  kind = "custom", weight = 2,
  feedback = "Ask how many users are active a day and how much they tweet and read before drawing "
    .. "anything; every later number rests on it.",
  run = function(answer)
    local q = asked(answer, { "scale", "tweets_per_day", "read_write_ratio" })
    if q then return { score = 1, evidence = { q } } end
    return 0
  end,
}
sdi.check {
  id = "asks_media", title = "Asks whether tweets carry photos or videos", facet = "clarify",
  kind = "custom", weight = 1,
  feedback = "Ask whether tweets carry photos and videos: media outweighs tweet text by orders of "
    .. "magnitude and needs its own storage and delivery path.",
  run = function(answer)
    local q = asked(answer, { "media" })
    if q then return { score = 1, evidence = { q } } end
    return 0
  end,
}
sdi.check {
  id = "asks_followers", title = "Asks how follower counts are distributed", facet = "clarify",
  kind = "custom", weight = 1,
  feedback = "Ask how many followers accounts have, and how big the biggest get: the celebrity tail "
    .. "is what breaks a naive fan-out.",
  run = function(answer)
    local q = asked(answer, { "followers" })
    if q then return { score = 1, evidence = { q } } end
    return 0
  end,
}
sdi.check {
  id = "asks_scope", title = "Settles the feature scope", facet = "clarify", kind = "custom", weight = 1,
  feedback = "Ask which features are in scope (tweets, follows, timelines, favorites) and which are "
    .. "extended (search, trends, notifications), so the time goes to what matters.",
  run = function(answer)
    local q = asked(answer, { "features", "frontend" })
    if q then return { score = 1, evidence = { q } } end
    return 0
  end,
}

-- requirements ---------------------------------------------------------------------------------

sdi.check {
  id = "core_features", title = "States the core features: tweet, follow, home timeline", facet = "requirements",
  kind = "custom", weight = 3,
  feedback = "Write the core use cases as sentences: a user posts a tweet, follows other users, and "
    .. "reads a home timeline of the tweets of everyone they follow, newest first.",
  run = function(answer)
    local got, ev = groups_score(answer, {
      { "post a tweet", "post tweets", "posts a tweet", "posting a tweet", "post short", "publish",
        "send a tweet", "write a tweet", "create a tweet", "tweet something", "users tweet", "user tweets",
        "can tweet", "post tweet", "posting tweets", "send tweets", "write tweets", "compose" },
      { "follow other", "follow users", "follow people", "follow and unfollow", "follows other", "can follow",
        "follow someone", "follow accounts", "follow another", "people they follow", "users they follow",
        "accounts they follow", "everyone they follow", "follow a user", "follow each other" },
      { "home timeline", "news feed", "home feed", "a feed of", "their feed", "the feed" },
    })
    return { score = got / 3, evidence = ev }
  end,
}
sdi.check {
  id = "two_timelines", title = "Distinguishes the user timeline from the home timeline",
  facet = "requirements", kind = "custom", weight = 2,
  feedback = "Name both timelines: the user timeline (one author's own tweets, a single-partition "
    .. "query) and the home timeline (everyone they follow, merged: the expensive one).",
  run = function(answer)
    local got, ev = groups_score(answer, {
      { "user timeline", "profile timeline", "user's timeline", "own tweets" },
      { "home timeline", "home feed", "news feed" },
    })
    return { score = got / 2, evidence = ev }
  end,
}
local favorites_words = { "favorite", "favourite", "like a tweet", "likes a tweet", "like tweets",
  "likes tweets" }
sdi.check {
  id = "favorites", title = "Covers favorites", facet = "requirements", kind = "custom", weight = 1,
  feedback = "Include marking a tweet as a favorite (a like): it is a core write alongside tweeting "
    .. "and following, with its own table and counter.",
  run = function(answer)
    local hits = said_any(answer, favorites_words, 1)
    if #hits > 0 then return { score = 1, evidence = { hits[1] } } end
    return 0
  end,
}
sdi.check {
  id = "availability_goal", title = "Timelines must stay available", facet = "requirements",
  kind = "concepts", weight = 2, concepts = { { "high_availability", "fault_tolerance" } },
  feedback = "State that the service must be highly available (e.g. 99.99% for timeline reads): "
    .. "users forgive a late tweet, not an error page.",
}
sdi.check {
  id = "consistency_goal", title = "Accepts eventual consistency for timelines", facet = "requirements",
  kind = "concepts", weight = 2, concepts = { { "eventual_consistency", "cap_theorem", "weak_consistency" } },
  feedback = "Say what consistency timelines need: a tweet reaching followers a few seconds late is "
    .. "fine, so eventual consistency is acceptable.",
}
sdi.check {
  id = "latency_goal", title = "Sets a latency target for timelines", facet = "requirements",
  kind = "concepts", weight = 2, concepts = { { "latency", "latency_percentiles" } },
  feedback = "Give the home timeline a latency target (e.g. under 200 ms at p99) so the choice to "
    .. "precompute it has a goal to meet.",
}
sdi.check {
  id = "read_heavy", title = "Recognises the workload is read-heavy", facet = "requirements",
  kind = "concepts", weight = 2, concepts = { { "read_heavy", "read_write_ratio" } },
  feedback = "Call out that reads outnumber writes about 100:1; it is why the design spends work "
    .. "and memory at write time to make reads cheap.",
}
sdi.check {
  id = "extended_features", title = "Places search, trends and notifications as extended features",
  facet = "requirements", kind = "custom", weight = 1,
  feedback = "Mention the extended features (search, trending topics, notifications) and keep them "
    .. "out of the core path; they are separate systems fed by the tweet stream.",
  run = function(answer)
    local got, ev = groups_score(answer, {
      { "search" }, { "trend" }, { "notification" },
    })
    return { score = math.min(1, got / 2), evidence = ev }
  end,
}

-- estimation -----------------------------------------------------------------------------------

sdi.check { id = "est_write_qps", title = "Tweets written per second", facet = "estimation", kind = "estimate",
  estimate = "write_qps", weight = 3,
  feedback = "200M daily users posting 2 tweets a day is 400M tweets a day: about 4.6K tweets per "
    .. "second on average, two to three times that at peak." }
sdi.check { id = "est_read_qps", title = "Tweet reads per second", facet = "estimation", kind = "estimate",
  estimate = "read_qps", weight = 3,
  feedback = "At 100 views per tweet, 400M tweets a day become 40B tweet views a day: about 460K "
    .. "tweet reads per second." }
sdi.check { id = "est_timeline_qps", title = "Home timeline requests per second", facet = "estimation",
  kind = "estimate", estimate = "timeline_qps", weight = 2,
  feedback = "200M users opening the home timeline 10 times a day is 2B requests a day: about 23K "
    .. "timeline requests per second, each returning a page of 20 tweets." }
sdi.check { id = "est_storage_day", title = "Tweet storage per day", facet = "estimation", kind = "estimate",
  estimate = "storage_per_day", weight = 2,
  feedback = "400M tweets a day at about 300 bytes each is 120 GB of tweet data a day." }
sdi.check { id = "est_storage_total", title = "Tweet storage over 5 years", facet = "estimation",
  kind = "estimate", estimate = "storage_total", weight = 2,
  feedback = "120 GB a day for 5 years (1,825 days) is about 220 TB before replication." }
sdi.check { id = "est_media_day", title = "Media storage per day", facet = "estimation", kind = "estimate",
  estimate = "media_per_day", weight = 2,
  feedback = "If 1 tweet in 10 carries 500 KB of media, 40M media files a day add 20 TB a day: "
    .. "media, not text, dominates storage and bandwidth." }
sdi.check { id = "est_bandwidth_in", title = "Incoming bandwidth", facet = "estimation", kind = "estimate",
  estimate = "bandwidth_in", weight = 1,
  feedback = "About 20 TB a day arrives, nearly all of it media: roughly 230 MB/s of ingress." }
sdi.check { id = "est_bandwidth_out", title = "Outgoing bandwidth", facet = "estimation", kind = "estimate",
  estimate = "bandwidth_out", weight = 1,
  feedback = "460K tweet views a second at about 50 KB each (text plus a tenth of a photo) is "
    .. "about 23 GB/s of egress, which is why media goes through a CDN." }
sdi.check { id = "est_timeline_memory", title = "Memory for precomputed home timelines", facet = "estimation",
  kind = "estimate", estimate = "timeline_memory", weight = 3,
  feedback = "Each home timeline keeps about 800 entries of 16 bytes (tweet ID and author ID), about "
    .. "13 KB; for 200M active users that is 2.6 TB, and 7.7 TB with 3 replicas." }
sdi.check { id = "est_redis_servers", title = "Timeline cache servers", facet = "estimation",
  kind = "estimate", estimate = "redis_servers", weight = 1,
  feedback = "7.7 TB of timelines on servers with 64 GB of usable memory each is about 120 Redis servers." }
sdi.check { id = "est_tweet_cache", title = "Hot tweet cache", facet = "estimation", kind = "estimate",
  estimate = "tweet_cache", weight = 1,
  feedback = "Caching the hottest 20% of a day's tweets (80/20) takes 400M x 20% x 300 bytes, about "
    .. "24 GB: small next to the timelines." }

-- api ------------------------------------------------------------------------------------------

sdi.check {
  id = "api_calls", title = "Defines the calls: post, timeline, follow, favorite", facet = "api",
  kind = "custom", weight = 3,
  feedback = "Define the interface: postTweet(user_id, text, media_ids?, location?) -> tweet_id; "
    .. "generateTimeline(user_id, count, cursor) -> tweets; follow(user_id, target_id); "
    .. "markFavorite(user_id, tweet_id).",
  run = function(answer)
    local got, ev = groups_score(answer, {
      { "posttweet", "post_tweet", "post /tweet", "post /v1/tweet", "createtweet", "create_tweet", "tweet(" },
      { "generatetimeline", "gettimeline", "get_timeline", "hometimeline", "home_timeline",
        "get /timeline", "get /v1/timeline", "/timeline", "generate_timeline" },
      { "follow(", "followuser", "follow_user", "/follow", "/following", "/followers" },
      { "markfavorite", "marktweetfavorite", "favorite(", "mark_favorite", "/favorite", "/like",
        "favoritetweet", "favorite_tweet", "liketweet" },
    }, structured_any)
    return { score = got / 4, evidence = ev }
  end,
}
sdi.check {
  id = "api_pagination", title = "Pages the timeline with a cursor", facet = "api", kind = "concepts",
  weight = 2, concepts = { { "cursor_pagination", "pagination" } },
  feedback = "Return the timeline in pages (20 tweets) with a cursor such as max_id, so the next page "
    .. "is stable while new tweets arrive at the top.",
}
sdi.check {
  id = "api_auth", title = "Authenticates and rate limits clients", facet = "api", kind = "concepts",
  weight = 1, concepts = { { "authentication", "api_key", "oauth", "rate_limiting", "jwt" } },
  feedback = "Every call carries an access token (OAuth) identifying the user, and writes are rate "
    .. "limited per user to stop spam bots.",
}
local api_media_upload_words = { "media_id", "media id", "mediaid", "uploadmedia", "upload_media", "/media",
  "signed url", "pre-signed", "presigned" }
sdi.check {
  id = "api_media_upload", title = "Uploads media separately from the tweet", facet = "api", kind = "custom",
  weight = 1,
  feedback = "Upload photos and videos through their own call that returns a media ID, then attach "
    .. "the IDs to postTweet; the tweet request stays small and uploads can be retried.",
  run = function(answer)
    local hits = structured_any(answer, api_media_upload_words, 1)
    if #hits > 0 then return { score = 1, evidence = { hits[1] } } end
    return 0
  end,
}

-- data model -----------------------------------------------------------------------------------

sdi.check {
  id = "entities", title = "Names the entities: user, tweet, follow, favorite", facet = "data_model",
  kind = "custom", weight = 3,
  feedback = "Lay out the entities: User (user_id, name, email, created_at, last_login), Tweet "
    .. "(tweet_id, user_id, content, location, created_at, like count), UserFollow (follower_id, "
    .. "followee_id) and FavoriteTweets (user_id, tweet_id, created_at).",
  run = function(answer)
    local got, ev = groups_score(answer, {
      { "user_id", "userid", "user id" },
      { "tweet_id", "tweetid", "tweet id" },
      { "userfollow", "user_follow", "follows table", "follow table", "followers table", "follower_id",
        "followee_id", "followerid", "followeeid", "userid1" },
      { "favoritetweet", "favorite_tweet", "favorites table", "favorite table", "favourites table",
        "likes table", "favorites (" },
    }, structured_any)
    return { score = got / 4, evidence = ev }
  end,
}
sdi.check {
  id = "tweet_fields", title = "Gives a tweet its fields", facet = "data_model", kind = "custom", weight = 2,
  feedback = "A tweet row needs its ID, the author's user ID, the text, the creation time and "
    .. "counters such as likes; media is a list of IDs pointing into object storage.",
  run = function(answer)
    local got, ev = groups_score(answer, {
      { "content", "text", "body" },
      { "created_at", "timestamp", "creation", "createdat", "created" },
      { "num_likes", "like count", "like_count", "numberoflikes", "likes", "favorite_count" },
      { "location", "media_ids", "media ids", "media_url", "media url" },
    }, structured_any)
    return { score = math.min(1, got / 3), evidence = ev }
  end,
}
sdi.check {
  id = "store_choice", title = "Chooses the stores and says why", facet = "data_model", kind = "concepts",
  weight = 3, concepts = { { "wide_column_store", "nosql_database", "relational_database", "key_value_store",
    "document_store" } },
  feedback = "Choose the database with a reason: hundreds of TB of append-mostly tweets read by "
    .. "author and time suit a wide-column store such as Cassandra; a sharded MySQL (as Twitter ran) "
    .. "also works. Say why, not just which.",
}
sdi.check {
  id = "follow_graph", title = "Stores the follow graph for lookups both ways", facet = "data_model",
  kind = "concepts", weight = 2, concepts = { { "social_graph", "graph_database" } },
  feedback = "Store the follow relationship so both directions are cheap: followers of X (for "
    .. "fan-out) and whom X follows (for the user's view and for rebuilding a timeline).",
}
sdi.check {
  id = "tweet_ids", title = "Generates time-sortable tweet IDs", facet = "data_model", kind = "concepts",
  weight = 2, concepts = { { "id_generator" } },
  feedback = "Use a Snowflake-style 64-bit ID (timestamp, machine, sequence): unique without "
    .. "coordination and sortable by time, so timelines order by ID and scans of recent tweets are cheap.",
}
local time_ordered_access_words = { "index", "clustering", "clustered", "sort key", "range scan" }
local time_ordered_access_with_words = { "time", "created", "tweet_id", "tweet id", "newest", "descending" }
sdi.check {
  id = "time_ordered_access", title = "Lays tweets out for newest-first reads", facet = "data_model",
  kind = "custom", weight = 1,
  feedback = "Store each author's tweets clustered by time (partition by user, cluster by tweet ID "
    .. "descending, or an index on (user_id, created_at)) so a user timeline is one range scan.",
  run = function(answer)
    local hits = said_in_block(answer, time_ordered_access_words, time_ordered_access_with_words, 1)
    if #hits > 0 then return { score = 1, evidence = { hits[1] } } end
    local idx = answer.concept("indexing")
    if idx and not idx.negated then return { score = 0.5, evidence = { idx } } end
    return 0
  end,
}

-- high-level design ----------------------------------------------------------------------------

local STORE = { "wide_column_store", "nosql_database", "relational_database", "key_value_store", "database" }
local CACHE = { "in_memory_cache", "distributed_cache", "caching", "timeline_precomputation" }

sdi.check {
  id = "diagram", title = "Draws the write and read paths end to end", facet = "high_level", kind = "diagram",
  weight = 5,
  components = { "client", "load_balancer", "application_server", CACHE, STORE,
    { "message_queue", "event_streaming", "fan_out", "fan_out_on_write", "task_queue" },
    { "object_storage", "cdn" } },
  connections = {
    { from = "load_balancer", to = "application_server", text = "the load balancer in front of the services" },
    { from = "application_server", to = CACHE, text = "the timeline service reading home timelines from the cache" },
    { from = { "application_server", "message_queue", "event_streaming", "fan_out", "fan_out_on_write", "task_queue" },
      to = STORE, text = "tweets persisted in the database" },
    { from = { "message_queue", "event_streaming", "fan_out", "fan_out_on_write", "task_queue" }, to = CACHE,
      text = "fan-out workers writing into the timeline cache" },
  },
  feedback = "Draw client -> load balancer -> tweet service -> tweet DB and queue -> fan-out workers "
    .. "-> Redis home timelines; client -> load balancer -> timeline service -> Redis; media in object "
    .. "storage behind a CDN.",
}
sdi.check {
  id = "load_balancer", title = "Balances load across stateless services", facet = "high_level",
  kind = "concepts", weight = 2, concepts = { "load_balancer", { "stateless_service", "horizontal_scaling",
    "microservices" } },
  feedback = "Put load balancers in front of stateless application servers so each tier grows by "
    .. "adding machines.",
}
sdi.check {
  id = "read_write_split", title = "Separates the write path from the read path", facet = "high_level",
  kind = "custom", weight = 2,
  feedback = "Split the services: a tweet (write) service that stores tweets and triggers fan-out, "
    .. "and a timeline (read) service that serves precomputed timelines; they scale independently "
    .. "because reads are 100 times the writes.",
  run = function(answer)
    local got, ev = groups_score(answer, {
      { "tweet service", "write service", "post service", "write path", "tweet writer", "tweeting service" },
      { "timeline service", "read service", "read path", "timeline reader", "feed service" },
    }, structured_any)
    return { score = got / 2, evidence = ev }
  end,
}
sdi.check {
  id = "media_storage", title = "Keeps media in object storage behind a CDN", facet = "high_level",
  kind = "concepts", weight = 3, concepts = { "object_storage", "cdn" },
  feedback = "Store photos and videos in object storage (S3-like) and serve them through a CDN; "
    .. "the tweet keeps only media IDs. Media is 20 TB a day and most of the egress.",
}
local naive_design_naive_words = { "naive", "simplest", "straightforward", "obvious design", "first version",
  "on read by", "at read time by" }
local naive_design_join_words = { "join", "select" }
local naive_design_join_with_words = { "tweet", "follow", "timeline" }
sdi.check {
  id = "naive_design", title = "Starts from the naive design and names its limits", facet = "high_level",
  kind = "custom", weight = 3,
  feedback = "Say why the obvious design fails: with users, tweets and follows in one relational "
    .. "database, each home timeline is a join of the follows table with a huge tweets table, "
    .. "sorted by time, run 23K times a second. That is the bottleneck that motivates precomputing.",
  run = function(answer)
    local naive = said_any(answer, naive_design_naive_words, 1)
    local join = said_in_block(answer, naive_design_join_words, naive_design_join_with_words, 1)
    local ev = {}
    if naive[1] then ev[#ev + 1] = naive[1] end
    if join[1] then ev[#ev + 1] = join[1] end
    local score = (#naive > 0 and 0.4 or 0) + (#join > 0 and 0.6 or 0)
    return { score = score, evidence = ev }
  end,
}
sdi.check {
  id = "timeline_in_memory", title = "Serves home timelines from memory", facet = "high_level",
  kind = "concepts", weight = 2, concepts = { { "in_memory_cache", "distributed_cache" } },
  feedback = "The read path is load balancer -> timeline service -> an in-memory cluster (Redis) "
    .. "holding each user's home timeline, never a database join.",
}

-- deep dive ------------------------------------------------------------------------------------

local fan_out_on_write_words = { "fan out", "fan-out", "fanout", "push", "insert", "append", "prepend",
  "add" }
local fan_out_on_write_with_words = { "follower's timeline", "followers' timeline", "follower's home",
  "followers' home", "each follower", "every follower", "all followers", "all of their followers",
  "all their followers", "timelines of" }
sdi.check {
  id = "fan_out_on_write", title = "Fans tweets out to followers' timelines on write", facet = "deep_dive",
  kind = "custom", weight = 4,
  feedback = "Explain fan-out on write: when a user tweets, look up their followers and push the "
    .. "tweet ID into each follower's home timeline, so a read is a single lookup.",
  run = function(answer)
    local h, c = best_use(answer, { "fan_out_on_write" })
    if c >= 1 then return { score = 1, evidence = { h } } end
    -- "we push the tweet into every follower's timeline" says the same thing in other words.
    local hits = said_in_block(answer, fan_out_on_write_words, fan_out_on_write_with_words, 1)
    if #hits > 0 and c < 0.8 then
      return { score = 0.8, evidence = { hits[1] } }
    end
    if c > 0 then return { score = c, evidence = { h },
      feedback = c < 0.8 and "Fan-out on write is named but never explained." or nil } end
    return 0
  end,
}
local precomputed_timelines_words = { "timeline" }
local precomputed_timelines_with_words = { "redis", "in memory", "in-memory", "cache", "cached",
  "ahead of time", "ready" }
sdi.check {
  id = "precomputed_timelines", title = "Precomputes home timelines", facet = "deep_dive", kind = "custom",
  weight = 3,
  feedback = "Keep every active user's home timeline precomputed (a Redis list of the newest tweet "
    .. "IDs with their author IDs), so reading it costs one lookup instead of a merge.",
  run = function(answer)
    local h, c = best_use(answer, { "timeline_precomputation", "precomputation" })
    if c >= 0.8 then return { score = c, evidence = { h } } end
    local hits = said_in_block(answer, precomputed_timelines_words, precomputed_timelines_with_words, 1)
    if #hits > 0 then return { score = 0.8, evidence = { hits[1] } } end
    if c > 0 then return { score = c, evidence = { h } } end
    return 0
  end,
}
sdi.check {
  id = "async_fanout", title = "Fans out asynchronously through a queue", facet = "deep_dive",
  kind = "concepts", weight = 3, concepts = { { "message_queue", "event_streaming", "task_queue",
    "asynchronous_processing" } },
  feedback = "Do the fan-out asynchronously: the tweet service stores the tweet, publishes an event "
    .. "to a queue (Kafka) and returns; fan-out workers update the followers' timelines.",
}
local timeline_replicas_words = { "replica", "replicated", "copies", "replication" }
local timeline_replicas_with_words = { "3", "three" }
local timeline_replicas_timeline_words = { "timeline", "redis", "cache" }
sdi.check {
  id = "timeline_replicas", title = "Replicates each timeline three times", facet = "deep_dive",
  kind = "custom", weight = 2,
  feedback = "Replicate each precomputed timeline on 3 Redis machines for availability; the copies "
    .. "converge eventually, and a read can take the fastest replica.",
  run = function(answer)
    local hits = said_in_block(answer, timeline_replicas_words, timeline_replicas_with_words)
    for _, h in ipairs(hits) do
      if contains_any(h.text, timeline_replicas_timeline_words) then return { score = 1, evidence = { h } } end
    end
    if #hits > 0 then return { score = 0.5, evidence = { hits[1] },
      feedback = "Data is replicated, but say that the timelines themselves are kept on 3 machines." } end
    return 0
  end,
}
local inactive_users_words = { "inactive", "dormant", "not logged in", "haven't logged in",
  "have not logged in", "not been active", "haven't been active", "not active" }
local inactive_users_rebuilt_words = { "rebuild", "recompute", "regenerat", "on the fly", "when they return",
  "come back", "comes back", "returns", "log back" }
sdi.check {
  id = "inactive_users", title = "Skips precomputing timelines for inactive users", facet = "deep_dive",
  kind = "custom", weight = 3,
  feedback = "Do not precompute timelines for users who have not logged in for, say, 2 weeks: most "
    .. "of the billion accounts are dormant and would waste memory. Rebuild a timeline from the "
    .. "database when such a user returns.",
  run = function(answer)
    local hits = said_any(answer, inactive_users_words)
    if #hits == 0 then return 0 end
    local ev = { hits[1] }
    for _, h in ipairs(hits) do
      if contains_any(h.text, inactive_users_rebuilt_words) then
        return { score = 1, evidence = { h } }
      end
    end
    return { score = 0.7, evidence = ev,
      feedback = "Inactive users are skipped; also say how their timeline is rebuilt when they return." }
  end,
}
local celebrity_words = { "millions of followers", "million followers", "100m followers", "50m followers",
  "huge number of followers", "lots of followers", "many followers" }
sdi.check {
  id = "celebrity", title = "Spots the celebrity problem", facet = "deep_dive", kind = "custom",
  weight = 3,
  feedback = "Name the celebrity problem: an account with 50M followers turns one tweet into 50M "
    .. "timeline writes (150M with 3 replicas), delaying delivery and overloading the fan-out.",
  run = function(answer)
    local h, c = best_use(answer, { "celebrity_problem" })
    if c >= 0.8 then return { score = c, evidence = { h } } end
    local hits = said_any(answer, celebrity_words, 1)
    if #hits > 0 then return { score = 0.8, evidence = { hits[1] } } end
    if c > 0 then return { score = c, evidence = { h } } end
    return 0
  end,
}
local hybrid_big = { "celebrit", "famous", "million", "high-follower", "popular account", "many followers",
  "lots of followers", "hot user" }
local hybrid_late = { "read time", "query time", "at read", "when the timeline is read", "on read",
  "when they read", "merge", "pull", "fetch their tweets", "when it is read", "when the user reads" }
local hybrid_words = { "skip", "not fan", "don't fan", "do not fan", "instead", "except" }
sdi.check {
  id = "hybrid", title = "Merges celebrity tweets at read time", facet = "deep_dive", kind = "custom",
  weight = 4,
  feedback = "Use the hybrid: fan out on write for ordinary accounts, but skip the fan-out for "
    .. "accounts above a follower threshold and merge their recent tweets into the timeline when "
    .. "it is read.",
  run = function(answer)
    local h, c = best_use(answer, { "hybrid_fan_out" })
    if c >= 0.8 then return { score = c, evidence = { h } } end
    local hits = said_in_block(answer, hybrid_big, hybrid_late, 1)
    if #hits > 0 then
      local skip = contains_any(hits[1].text, hybrid_words)
      return { score = skip and 0.8 or 0.6, evidence = { hits[1] },
        feedback = "Celebrity tweets are pulled at read time; call it a hybrid and say where the threshold sits." }
    end
    if c > 0 then return { score = c, evidence = { h } } end
    return 0
  end,
}

sdi.check {
  id = "sharding", title = "Shards tweets and timelines", facet = "deep_dive", kind = "concepts", weight = 3,
  concepts = { { "sharding", "hash_partitioning", "consistent_hashing", "user_partitioning",
    "range_partitioning", "partition_key" } },
  feedback = "Partition the tweets and the timeline cache across many machines: 220 TB of tweets "
    .. "and 7.7 TB of timelines do not fit one box.",
}
local shard_key_shard_words = { "shard", "partition" }
local shard_key_user_words = { "user id", "user_id", "userid", "by user", "per user" }
local shard_key_tweet_words = { "tweet id", "tweet_id", "tweetid", "by tweet" }
sdi.check {
  id = "shard_key", title = "Weighs sharding by user against sharding by tweet ID", facet = "deep_dive",
  kind = "custom", weight = 2,
  feedback = "Discuss the shard key: by user ID keeps a user's tweets together (cheap user timeline) "
    .. "but hot users overload a shard; by tweet ID spreads load evenly but a user timeline must query "
    .. "every shard. Time-sortable tweet IDs keep recent tweets easy to find either way.",
  run = function(answer)
    local shard = said_any(answer, shard_key_shard_words)
    local user, tweet
    for _, h in ipairs(shard) do
      if not user and contains_any(h.text, shard_key_user_words) then user = h end
      if not tweet and contains_any(h.text, shard_key_tweet_words) then tweet = h end
    end
    local ev = {}
    if user then ev[#ev + 1] = user end
    if tweet and tweet ~= user then ev[#ev + 1] = tweet end
    return { score = (user and 0.5 or 0) + (tweet and 0.5 or 0), evidence = ev }
  end,
}
local timeline_bounded_words = { "timeline" }
local timeline_bounded_with_words = { "800", "trim", "capped", "cap it", "newest", "latest", "most recent",
  "ltrim", "bounded" }
sdi.check {
  id = "timeline_bounded", title = "Caps each home timeline to its newest entries", facet = "deep_dive",
  kind = "custom", weight = 2,
  feedback = "Keep only the newest few hundred entries per timeline (e.g. 800, trimmed on every "
    .. "insert) and store IDs, not tweet bodies: it bounds memory and the page read stays one lookup.",
  run = function(answer)
    local hits = said_in_block(answer, timeline_bounded_words, timeline_bounded_with_words, 1)
    local ids = said_in_block(answer, { "timeline" }, { "tweet id", "tweet_id", "ids only", "only ids", "only the id",
      "ids, not" }, 1)
    local ev = {}
    if hits[1] then ev[#ev + 1] = hits[1] end
    if ids[1] then ev[#ev + 1] = ids[1] end
    return { score = (#hits > 0 and 0.6 or 0) + (#ids > 0 and 0.4 or 0), evidence = ev }
  end,
}
sdi.check {
  id = "tweet_cache", title = "Caches hot tweet bodies", facet = "deep_dive", kind = "concepts", weight = 2,
  concepts = { { "lru", "lfu", "cache_eviction", "cache_aside", "read_through", "hot_data" } },
  feedback = "Timelines hold IDs, so hydrate them from a tweet cache (Memcached, LRU, cache-aside) "
    .. "that keeps the hottest tweets; the database only sees misses.",
}
sdi.check {
  id = "search_trends", title = "Keeps search and trends as separate systems", facet = "deep_dive",
  kind = "concepts", weight = 2, concepts = { { "full_text_search", "inverted_index" },
    { "trending_topics", "stream_processing", "top_k", "count_min_sketch" } },
  feedback = "Search and trends are separate consumers of the tweet stream: an inverted index "
    .. "(Elasticsearch) for search, and windowed counts of hashtags with top-K for trends.",
}

-- bottlenecks ----------------------------------------------------------------------------------

sdi.check {
  id = "timeline_routing", title = "Finds the machines that hold a user's timeline", facet = "bottlenecks",
  kind = "concepts", weight = 2, concepts = { { "consistent_hashing", "hash_partitioning", "distributed_hash_table" } },
  feedback = "With hundreds of Redis machines, the timeline service must know which 3 hold a given "
    .. "user: hash the user ID onto a consistent-hash ring so adding a machine moves few timelines.",
}
local cache_recovery_words = { "rebuild", "rebuilt", " recompute", "re-compute", "regenerate", "fall back",
  "falls back", "fallback", "warm up", "re-populate", "repopulate", "another replica", "other replica" }
local cache_recovery_when_words = { "fail", "dies", "dead", "died", "lost", "loses", "missing", "cache miss",
  "goes down", "is down", "crash", "comes back", "come back", "returning", "user returns", "they return",
  "inactive" }
sdi.check {
  id = "cache_recovery", title = "Rebuilds a lost or missing timeline", facet = "bottlenecks",
  kind = "custom", weight = 2,
  feedback = "Say what happens when a timeline is missing (a Redis node died, a returning user): "
    .. "read another replica, or rebuild it from the follow graph and the tweets store and refill the cache.",
  run = function(answer)
    -- " recompute" with its space, or "precomputed" would count.
    local hits = said_any(answer, cache_recovery_words)
    for _, h in ipairs(hits) do
      if contains_any(h.text, cache_recovery_when_words) then
        return { score = 1, evidence = { h } }
      end
    end
    if #hits > 0 then return { score = 0.6, evidence = { hits[1] },
      feedback = "A rebuild is mentioned; say when it happens (a lost cache node, a returning user)." } end
    return 0
  end,
}
local viral_tweets_words = { "viral", "hot tweet", "hot key", "hot keys", "hot shard", "hotspot", "hot spot",
  "popular tweet" }
sdi.check {
  id = "viral_tweets", title = "Handles viral tweets and hot keys", facet = "bottlenecks", kind = "custom",
  weight = 2,
  feedback = "A viral tweet makes one cache key and one shard hot: replicate hot tweets across cache "
    .. "nodes or keep them in a local in-process cache, and coalesce misses so the database sees one read.",
  run = function(answer)
    local hits = said_any(answer, viral_tweets_words, 1)
    if #hits > 0 then return { score = 1, evidence = { hits[1] } } end
    local rc, rcc = best_use(answer, { "request_coalescing" })
    if rcc > 0 then return { score = rcc, evidence = { rc } } end
    return 0
  end,
}
sdi.check {
  id = "fanout_backlog", title = "Keeps the fan-out queue from falling behind", facet = "bottlenecks",
  kind = "concepts", weight = 1, concepts = { { "back_pressure", "autoscaling", "consumer_group",
    "load_shedding", "peak_traffic" } },
  feedback = "At peaks the fan-out queue grows: scale the workers with the queue depth (a consumer "
    .. "group per partition), and watch the lag so delivery delay stays in seconds.",
}
sdi.check {
  id = "storage_growth", title = "Plans for storage growth", facet = "bottlenecks", kind = "concepts",
  weight = 1, concepts = { { "time_partitioning", "cold_storage", "storage_tiering", "data_retention" } },
  feedback = "Tweets are read mostly when fresh: keep recent data hot and move old tweets and media "
    .. "to cheaper tiers; 20 TB of media a day is 36 PB in 5 years.",
}

-- justify --------------------------------------------------------------------------------------

sdi.check {
  id = "availability_over_consistency", title = "Chooses availability over consistency, with a reason",
  facet = "justify", kind = "custom", weight = 3,
  feedback = "Argue the CAP choice: a timeline that is a few seconds stale is harmless while an "
    .. "unavailable timeline is not, so prefer availability and accept eventual consistency.",
  run = function(answer)
    local ec, ecc = best_use(answer, { "eventual_consistency" })
    local ha, hac = best_use(answer, { "high_availability", "cap_theorem", "fault_tolerance" })
    if ecc == 0 and hac == 0 then return 0 end
    local ev = {}
    if ecc > 0 then ev[#ev + 1] = ec end
    if hac > 0 then ev[#ev + 1] = ha end
    -- Both sides must be argued in sentences; a bare list of the two terms is not a choice.
    if ecc >= 0.8 and hac >= 0.8 then
      return { score = math.max(ecc, hac) >= 1 and 1 or 0.8, evidence = ev }
    end
    if ecc >= 0.8 or hac >= 0.8 then
      return { score = 0.4, evidence = ev,
        feedback = "Only one side of the trade-off is argued; say what you give up (consistency) and what you keep (availability)." }
    end
    return { score = 0.15, evidence = ev, feedback = "The terms are listed but the choice is never argued." }
  end,
}
local push_vs_pull_both_words = { "push" }
local push_vs_pull_both_with_words = { "pull" }
sdi.check {
  id = "push_vs_pull", title = "Compares fan-out on write with fan-out on read", facet = "justify",
  kind = "custom", weight = 3,
  feedback = "Weigh push against pull: fan-out on write makes reads one lookup but costs a write per "
    .. "follower; fan-out on read makes writes cheap but merges hundreds of lists per read. At 100 "
    .. "reads per write, push wins for everyone but celebrities.",
  run = function(answer)
    local w, wc = best_use(answer, { "fan_out_on_write" })
    local r, rc = best_use(answer, { "fan_out_on_read" })
    local ev = {}
    if wc > 0 then ev[#ev + 1] = w end
    if rc > 0 then ev[#ev + 1] = r end
    local score = (wc + rc) / 2
    -- "push model versus pull model" compares the same two options.
    local both = said_in_block(answer, push_vs_pull_both_words, push_vs_pull_both_with_words, 1)
    if #both > 0 and score < 0.8 then
      return { score = 0.8, evidence = { both[1] } }
    end
    if score == 0 then return 0 end
    return { score = score, evidence = ev }
  end,
}
local memory_for_speed_mem_words = { "memory", "ram" }
local memory_for_speed_mem_with_words = { "read", "fast", "trade", "cost", "sacrifice", "spend" }
sdi.check {
  id = "memory_for_speed", title = "Justifies spending memory on precomputed timelines", facet = "justify",
  kind = "custom", weight = 2,
  feedback = "Tie the precomputation to the numbers: reads are 100 times the writes and tweets are "
    .. "tiny, so spending a few TB of RAM to make every timeline read a single lookup is the right trade.",
  run = function(answer)
    local pre, pc = best_use(answer, { "timeline_precomputation", "fan_out_on_write", "precomputation" })
    if pc == 0 then return 0 end
    local ev = { pre }
    if pc < 0.8 then return { score = 0.15, evidence = ev } end
    local rh, rc = best_use(answer, { "read_heavy", "read_write_ratio" })
    if rc > 0 then ev[#ev + 1] = rh end
    local mem = said_in_block(answer, memory_for_speed_mem_words, memory_for_speed_mem_with_words, 1)
    if mem[1] then ev[#ev + 1] = mem[1] end
    if rc > 0 and #mem > 0 then return { score = 1, evidence = ev } end
    if rc > 0 or #mem > 0 then return { score = 0.6, evidence = ev } end
    return { score = 0.3, evidence = ev }
  end,
}
local ordering_anomaly_words = { "out of order", "before the original", "before the tweet", "reply before",
  "the reply first", "reply first", "before the celebrity", "reaction before", "sees the reply" }
sdi.check {
  id = "ordering_anomaly", title = "Sees what eventual consistency looks like to a user", facet = "justify",
  kind = "custom", weight = 1,
  feedback = "Name a visible anomaly: a small account's reply can reach a follower before the "
    .. "celebrity tweet it answers, and authors expect to see their own tweet at once; merge the "
    .. "author's own recent tweets at read time (read-your-writes).",
  run = function(answer)
    local hits = said_any(answer, ordering_anomaly_words, 1)
    if #hits > 0 then return { score = 1, evidence = { hits[1] } } end
    local ryw, rc = best_use(answer, { "read_your_writes" })
    if rc > 0 then return { score = rc, evidence = { ryw } } end
    return 0
  end,
}

---------------------------------------------------------------------------------------------------
-- Hints, gentle to specific
---------------------------------------------------------------------------------------------------

sdi.hint { facet = "clarify", levels = {
  "What numbers would you need before sizing anything?",
  "Ask about daily active users, tweets per user, how often timelines are read, media, and follower counts.",
  "The interviewer will say 200M DAU, 2 tweets a day each, 100 views per tweet, 1 in 10 tweets with media, "
    .. "and some accounts with 100M followers." } }
sdi.hint { facet = "requirements", levels = {
  "What must users be able to do, and what qualities must the service have?",
  "Tweets, follows, favorites and two timelines; then availability, latency and consistency.",
  "Home timeline under 200 ms at p99, highly available, eventually consistent, read-heavy at 100:1; "
    .. "search and trends are extended." } }
sdi.hint { facet = "estimation", levels = {
  "Start from daily active users and turn daily totals into per-second rates.",
  "A day is about 86,400 seconds; multiply tweets by the read ratio for reads; media dominates bytes.",
  "4.6K tweets/s, 460K tweet reads/s, 23K timeline requests/s, 120 GB/day of text (220 TB in 5 years), "
    .. "20 TB/day of media, 7.7 TB of Redis for timelines." } }
sdi.hint { facet = "api", levels = {
  "Which calls does a client make?",
  "One call per core feature: post, read the home timeline, follow, favorite; how does a timeline page?",
  "postTweet(user_id, text, media_ids) -> tweet_id; generateTimeline(user_id, count, max_id); "
    .. "follow(user_id, target_id); markFavorite(user_id, tweet_id)." } }
sdi.hint { facet = "data_model", levels = {
  "What are the entities and how do they relate?",
  "User, Tweet, the follow relationship and favorites; which queries does each serve?",
  "Tweets partitioned by author and ordered by a Snowflake ID in Cassandra or sharded MySQL; a "
    .. "follows table indexed both ways; favorites keyed by user." } }
sdi.hint { facet = "high_level", levels = {
  "Trace a tweet from the author to a follower's screen.",
  "Start from one relational database and say why the home timeline query fails; then separate "
    .. "the write path from the read path.",
  "Client -> LB -> tweet service -> tweets DB + queue -> fan-out workers -> Redis timelines; "
    .. "client -> LB -> timeline service -> Redis; media in S3 behind a CDN." } }
sdi.hint { facet = "deep_dive", levels = {
  "When is the home timeline built: when a tweet is written or when it is read?",
  "Compare fan-out on write and on read; what happens when an account with 50M followers tweets?",
  "Push tweet IDs into followers' Redis timelines (3 replicas, newest 800, active users only) and "
    .. "merge celebrities' tweets at read time." } }
sdi.hint { facet = "bottlenecks", levels = {
  "What breaks first as traffic grows or machines die?",
  "Look at the fan-out workers, the Redis memory, hot tweets and how you find a user's timeline.",
  "Consistent hashing for the timeline cluster, rebuild lost timelines from the DB, scale workers "
    .. "on queue lag, cache viral tweets, replicate every store." } }
sdi.hint { facet = "justify", levels = {
  "Which trade-offs did you make, and why are they right for this workload?",
  "Consistency versus availability, push versus pull, memory versus read latency.",
  "A tweet seen a few seconds late is harmless, so stay available; at 100 reads per write, spending "
    .. "RAM on precomputed timelines buys single-lookup reads." } }
