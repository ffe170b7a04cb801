-- Design WhatsApp: the rubric, the interviewer's answers, and the numbers.
--
-- The workload is the opposite of a feed: every message is written once and read about once, by
-- its recipients, so there is no 80/20 read cache of messages to size. The in-memory tier that
-- matters is the session map (which chat server each connected user is on), one small entry per
-- open connection; the cache-memory estimate below sizes that.

sdi.cache_rule "No 80/20 message cache (each message is read about once): the memory estimate is the session map, one ~100-byte entry per user online at peak"

---------------------------------------------------------------------------------------------------
-- Concepts the glossary lacks
---------------------------------------------------------------------------------------------------

sdi.concept {
  id = "chat_server",
  name = "Chat server",
  definition = "A stateful server that holds users' persistent connections and relays messages over them; it is scaled by connections, not requests.",
  synonyms = { "websocket server", "connection server", "chat gateway", "messaging server", "gateway server",
    "chat node", "connection gateway", "edge gateway", "chat service node" },
  broader = { "application_server" },
  related = { "websocket", "connection_registry" },
  category = "products",
}

sdi.concept {
  id = "mobile_device",
  name = "Mobile phone client",
  definition = "The user's phone running the app; in a chat system it is the client that holds the connection and the keys.",
  synonyms = { "phone", "smartphone", "mobile phone", "handset", "user device", "user's device" },
  broader = { "client" },
  related = { "multi_device", "push_notifications" },
  category = "products",
}

sdi.concept {
  id = "connection_registry",
  name = "Connection registry",
  definition = "A fast map from each online user (and device) to the chat server holding its connection, so any server can route a message to it.",
  synonyms = { "session service", "session registry", "session map", "session table", "connection map",
    "user-to-server mapping", "user to server mapping", "routing table of connections", "which chat server",
    "which server the user is connected to", "server the user is connected to", "server the recipient is connected to",
    "which server holds the connection", "where the user is connected", "where the recipient is connected",
    "user-to-server map", "connection directory", "presence registry" },
  related = { "presence", "chat_server", "in_memory_cache" },
  category = "products",
}

sdi.concept {
  id = "multi_device",
  name = "Multi-device support",
  definition = "One account on a phone plus linked web and desktop clients, each with its own connection and keys, each receiving every message.",
  synonyms = { "multi-device", "multiple devices", "linked devices", "linked device", "companion devices", "companion device",
    "per-device", "per device", "device list", "every device", "each device", "fan out to devices" },
  related = { "end_to_end_encryption", "offline_messages" },
  category = "products",
}

sdi.concept {
  id = "key_directory",
  name = "Public key directory",
  definition = "A server that stores each device's public identity key and one-time prekeys, so senders can start an encrypted session while the recipient is offline.",
  synonyms = { "key server", "key distribution service", "key distribution server", "prekey bundle", "prekeys", "pre-keys",
    "one-time prekeys", "identity key", "public key server", "key bundle" },
  broader = { "asymmetric_encryption" },
  related = { "end_to_end_encryption" },
  category = "security",
}

---------------------------------------------------------------------------------------------------
-- Clarifying questions and the interviewer's answers
---------------------------------------------------------------------------------------------------

sdi.question {
  id = "users",
  text = "How many users do we have, and how many are active each day?",
  phrasings = { "how many users", "daily active users", "dau", "active users", "user base", "scale",
    "registered users", "monthly active" },
  answer = "About 2 billion registered users and 500 million daily active users, spread across the world.",
}
sdi.question {
  id = "messages_per_user",
  text = "How many messages does a user send per day?",
  phrasings = { "messages per day", "messages per user", "how many messages", "message volume", "messages a day",
    "traffic", "messages per second", "send per day" },
  answer = "An active user sends about 40 messages a day, which is roughly 20 billion messages a day.",
}
sdi.question {
  id = "peak",
  text = "How spiky is the traffic?",
  phrasings = { "peak", "peak traffic", "spike", "busiest hour", "peak to average", "bursts", "new year" },
  answer = "The busiest hour runs at about 3x the daily average; New Year's Eve can briefly be several times that.",
}
sdi.question {
  id = "message_size",
  text = "How big is a message?",
  phrasings = { "message size", "how big", "how large", "size of a message", "bytes per message", "message length",
    "max length" },
  answer = "Text averages about 100 bytes; cap a message at 64 KB. Media travels separately.",
}
sdi.question {
  id = "groups",
  text = "Do we support group chats, and how large?",
  phrasings = { "group chat", "groups", "group size", "group messaging", "how many members", "members in a group",
    "group conversations" },
  answer = "Yes, groups of up to 256 members; most groups are small, well under 10 people.",
}
sdi.question {
  id = "receipts",
  text = "Which message states does the sender see?",
  phrasings = { "receipts", "read receipts", "delivered", "sent delivered read", "ticks", "message status",
    "seen status", "acknowledgement" },
  answer = "Sent (one tick: our server has it), delivered (two ticks: a recipient device has it) and read (blue "
    .. "ticks). Users can switch read receipts off.",
}
sdi.question {
  id = "offline",
  text = "What happens when the recipient is offline?",
  phrasings = { "offline", "recipient is offline", "not online", "push notification", "notifications", "apns", "fcm",
    "phone is off", "store and forward" },
  answer = "The message waits on our side and is delivered when any of their devices reconnects; we also send a "
    .. "push notification through APNs or FCM. Undelivered messages are kept for up to 30 days.",
}
sdi.question {
  id = "history",
  text = "How long do we keep messages on the server?",
  phrasings = { "retention", "how long", "keep messages", "message history", "chat history", "store messages",
    "delete after delivery", "delete messages", "backup", "forever" },
  answer = "Product wants an encrypted history kept for one year so a user can restore chats on a new phone or a "
    .. "newly linked device; size storage for one year of messages.",
}
sdi.question {
  id = "encryption",
  text = "Must messages be end-to-end encrypted?",
  phrasings = { "encryption", "encrypted", "end to end", "e2e", "e2ee", "security", "privacy", "can the server read" },
  answer = "Yes. Our servers relay and store only ciphertext and never hold private keys.",
}
sdi.question {
  id = "media",
  text = "Do we send photos, videos and voice notes?",
  phrasings = { "media", "photos", "images", "videos", "attachments", "voice notes", "files" },
  answer = "Yes, at the design level: show how media flows, but size only text messages.",
}
sdi.question {
  id = "multi_device",
  text = "Can one account use several devices?",
  phrasings = { "multiple devices", "multi device", "several devices", "linked devices", "web client", "desktop",
    "devices per user", "more than one device" },
  answer = "A phone plus up to 4 linked devices (web, desktop); every device must receive every message.",
}
sdi.question {
  id = "latency",
  text = "How fast must a message arrive?",
  phrasings = { "latency", "how fast", "real time", "delay", "p99", "delivery time", "how quickly" },
  answer = "To an online recipient in the same region: under 200 ms typically and under 1 second at p99.",
}
sdi.question {
  id = "presence",
  text = "Do we show online status and last seen?",
  phrasings = { "presence", "online status", "last seen", "online indicator", "typing indicator", "is online" },
  answer = "Yes, online and last seen; a few seconds of staleness is fine, and users may hide last seen.",
}
sdi.question {
  id = "ordering",
  text = "Do messages have to appear in order?",
  phrasings = { "order", "ordering", "same order", "out of order", "sequence" },
  answer = "Everyone in a conversation must see its messages in the same order; there is no order across conversations.",
}
sdi.question {
  id = "durability",
  text = "Can we ever lose or duplicate a message?",
  phrasings = { "lose messages", "lost", "durability", "duplicate", "exactly once", "delivery guarantee",
    "availability", "uptime", "sla" },
  answer = "Once the sender sees one tick the message must never be lost, and it must never show twice. Aim for "
    .. "99.99% availability.",
}
sdi.question {
  id = "online_share",
  text = "How many users are connected at the same time?",
  phrasings = { "concurrent users", "connected at the same time", "concurrent connections", "online at once",
    "simultaneous", "connections per server", "how many connections" },
  answer = "About half of the daily active users are online in the busiest hour. Assume a tuned chat server holds "
    .. "about 100K open connections.",
}

---------------------------------------------------------------------------------------------------
-- Assumptions and estimates
---------------------------------------------------------------------------------------------------

sdi.assumption {
  id = "dau",
  title = "Daily active users",
  default = "500M",
  range = { "10M", "3B" },
  names = { "daily active users", "DAU", "DAUs", "active users", "users active per day", "active each day" },
}
sdi.assumption {
  id = "messages_per_user",
  title = "Messages sent per active user per day",
  default = "40 /day",
  range = { "5 /day", "300 /day" },
  names = { "messages per user", "messages per user per day", "each user sends", "every user sends",
    "messages each", "per user per day", "messages/user/day", "sends about" },
}
sdi.assumption {
  id = "message_size",
  title = "Bytes per stored text message",
  default = "100 bytes",
  range = { "20 bytes", "10 KB" },
  names = { "message size", "bytes per message", "per message", "each message", "average message",
    "size of a message", "a message is", "message averages" },
}
sdi.assumption {
  id = "retention",
  title = "How long the history is kept",
  default = "1 year",
  range = { "30 days", "10 years" },
  names = { "retention", "kept for", "keep history for", "history for", "keep messages for", "retain",
    "stored for", "keep them for" },
}
sdi.assumption {
  id = "peak_factor",
  title = "Peak-to-average ratio",
  default = "3",
  range = { "1.5", "20" },
  names = { "peak factor", "peak-to-average", "peak to average", "peak multiplier", "times the average",
    "x the average", "peak of", "peak is", "peaks at", "peak at" },
}
sdi.assumption {
  id = "online_share",
  title = "Share of DAU online at the busiest hour",
  default = "50%",
  range = { "5%", "100%" },
  -- Short names on purpose: "30% of users are online at once, so 300M concurrent connections" must
  -- give 30% to this share and 300M to the connection count; a longer name here would win the
  -- 300M that follows it.
  names = { "online share", "share online", "are online", "users online", "DAU online", "be online",
    "online simultaneously", "online concurrently", "concurrently online" },
}
sdi.assumption {
  id = "connections_per_server",
  title = "Open connections one chat server holds",
  default = "100K",
  range = { "5K", "3M" },
  names = { "connections per server", "connections per chat server", "connections per machine",
    "connections per box", "connections per host", "connections each", "sockets per server",
    "server can hold", "server holds", "server handles", "box can hold", "machine can hold" },
}
-- The candidate's own connection count, when stated, feeds the server and memory estimates, so a
-- candidate who assumes every DAU is online is graded on their arithmetic from that figure.
sdi.assumption {
  id = "connections_online",
  title = "Concurrent connections the candidate sized for",
  default = "250M",
  range = { "5M", "3B" },
  names = { "concurrent connections", "open connections", "simultaneous connections", "concurrent users",
    "websocket connections", "connections at peak", "persistent connections", "live connections",
    "connected users", "open sockets" },
}
sdi.assumption {
  id = "session_entry_size",
  title = "Bytes per session-map entry",
  default = "100 bytes",
  range = { "20 bytes", "2 KB" },
  names = { "per session", "session entry", "per entry", "bytes per connection", "per connected user",
    "each entry", "per online user" },
}

sdi.estimate {
  id = "message_rate",
  title = "Average messages per second",
  formula = "dau * messages_per_user",
  unit = "/s",
  names = { "messages per second", "message rate", "messages/s", "msgs/s", "msg/s", "write QPS",
    "writes per second", "average QPS", "send QPS", "messages a second", "message QPS", "total messages",
    "daily messages", "messages in total", "average rate" },
}
sdi.estimate {
  id = "peak_message_rate",
  title = "Peak messages per second",
  formula = "dau * messages_per_user * peak_factor",
  unit = "/s",
  names = { "peak QPS", "peak messages per second", "peak message rate", "peak rate", "peak write QPS",
    "messages per second at peak", "peak load", "peak traffic", "at the peak", "peak throughput" },
}
sdi.estimate {
  id = "storage_per_day",
  title = "New message storage per day",
  formula = "dau * messages_per_user * message_size",
  unit = "TB/day",
  names = { "storage per day", "per day storage", "data per day", "daily storage", "new data per day",
    "storage a day", "stored per day", "written per day", "daily writes", "per day of storage",
    "a day of storage" },
}
sdi.estimate {
  id = "storage_total",
  title = "Storage for the retention period",
  formula = "dau * messages_per_user * message_size * retention",
  unit = "TB",
  names = { "total storage", "storage for a year", "storage per year", "storage over a year", "a year of history",
    "year of messages", "storage for one year", "yearly storage", "history storage", "storage needed",
    "one year of messages", "storage for the year" },
}
sdi.estimate {
  id = "bandwidth_in",
  title = "Incoming bandwidth",
  formula = "dau * messages_per_user * message_size",
  unit = "MB/s",
  names = { "incoming bandwidth", "ingress", "bandwidth in", "inbound", "upload bandwidth", "incoming data",
    "inbound bandwidth" },
}
sdi.estimate {
  id = "bandwidth_out",
  title = "Outgoing bandwidth",
  formula = "dau * messages_per_user * message_size",
  unit = "MB/s",
  names = { "outgoing bandwidth", "egress", "bandwidth out", "outbound", "download bandwidth", "outgoing data",
    "outbound bandwidth" },
}
sdi.estimate {
  id = "concurrent_connections",
  title = "Concurrent connections at the busiest hour",
  formula = "dau * online_share",
  unit = "",
  names = { "concurrent connections", "open connections", "simultaneous connections", "concurrent users",
    "websocket connections", "connections at peak", "persistent connections", "live connections",
    "connected users", "open sockets" },
}
sdi.estimate {
  id = "chat_servers",
  title = "Chat servers",
  formula = "connections_online / connections_per_server",
  unit = "",
  names = { "chat servers", "number of chat servers", "connection servers", "gateway servers", "websocket servers",
    "number of servers", "servers needed", "machines needed", "chat server fleet" },
}
sdi.estimate {
  id = "session_memory",
  title = "Session-map memory",
  formula = "connections_online * session_entry_size",
  unit = "GB",
  names = { "session memory", "memory for the session", "session map", "session registry", "memory for sessions",
    "RAM for the session", "session store", "session cache", "registry memory", "memory needed" },
}

---------------------------------------------------------------------------------------------------
-- Rubric
---------------------------------------------------------------------------------------------------

-- Custom checks read the answer through the shared library (plugins/checks/helpers.lua). The word
-- lists they search for sit above each check, made once for the pack rather than on every run.
local H = sdi.helpers
local said_any, structured_any, said_in_block = H.said_any, H.structured_any, H.said_in_block
local contains_any, used = H.contains_any, H.used

-- clarify --------------------------------------------------------------------------------------

sdi.check {
  id = "clarifying_questions", title = "Asks the questions that shape a chat system", facet = "clarify",
  kind = "questions", weight = 5, full = 6,
  feedback = "Open with questions: how many daily active users and messages per user, group size, "
    .. "what happens for offline users, how long history is kept, whether content is end-to-end "
    .. "encrypted, and how many devices per account. Each answer changes a box in the design.",
}
sdi.check {
  id = "asks_scale", title = "Asks for users and message volume", facet = "clarify", kind = "custom", weight = 2,
  feedback = "Ask how many daily active users there are and how many messages each sends before sizing "
    .. "anything; connections, servers and storage all follow from those two numbers.",
  run = function(answer)
    local got, ev = H.asked_each(answer, { "users", "messages_per_user", "online_share", "peak" })
    if got >= 2 then return { score = 1, evidence = ev } end
    if got == 1 then return { score = 0.6, evidence = ev,
      feedback = "You asked about one side of the scale; ask for both users and messages per user." } end
    return 0
  end,
}
sdi.check {
  id = "asks_scope", title = "Pins down the features that change the architecture", facet = "clarify",
  kind = "custom", weight = 2,
  feedback = "Ask about group size, end-to-end encryption, media and linked devices. Groups need "
    .. "fan-out, encryption takes content away from the server, and linked devices multiply deliveries.",
  run = function(answer)
    local got, ev = H.asked_each(answer, { "groups", "encryption", "media", "multi_device", "receipts", "presence" })
    if got >= 3 then return { score = 1, evidence = ev } end
    return { score = got / 3, evidence = ev }
  end,
}
sdi.check {
  id = "asks_history", title = "Asks how long messages stay on the server", facet = "clarify", kind = "custom",
  weight = 1,
  feedback = "Ask whether messages are deleted once delivered or kept as history: it is the difference "
    .. "between a small inbox and petabytes of storage.",
  run = function(answer)
    local got, ev = H.asked_each(answer, { "history" })
    if got > 0 then return { score = 1, evidence = ev } end
    return 0
  end,
}

-- requirements ---------------------------------------------------------------------------------

sdi.check {
  id = "core_messaging", title = "States the core feature: one-to-one messaging", facet = "requirements",
  kind = "concepts", weight = 2, concepts = { "instant_messaging" },
  feedback = "Say in a sentence what the product does first: users send one-to-one text messages that "
    .. "reach the other person in real time.",
}
sdi.check {
  id = "receipts_requirement", title = "Sent, delivered and read receipts", facet = "requirements",
  kind = "concepts", weight = 3, concepts = { "delivery_receipts" },
  feedback = "List the three states the sender sees: sent (the server has it), delivered (a recipient "
    .. "device has it) and read. They are why every message needs acknowledgements.",
}
sdi.check {
  id = "offline_requirement", title = "Offline users get messages later and a push", facet = "requirements",
  kind = "concepts", weight = 3, concepts = { "offline_messages", "push_notifications" },
  feedback = "Require store-and-forward for offline recipients (delivered when they reconnect, held up "
    .. "to 30 days) and a push notification through APNs/FCM so they know to open the app.",
}
local groups_requirement_words = { "group" }
local groups_requirement_cap_words = { "cap", "limit" }
sdi.check {
  id = "groups_requirement", title = "Scopes group chats with a size cap", facet = "requirements", kind = "custom",
  weight = 2,
  feedback = "Put group chats in scope with a member cap (256): the cap bounds the fan-out of one "
    .. "message and keeps per-member delivery affordable.",
  run = function(answer)
    local hits = said_any(answer, groups_requirement_words)
    if #hits == 0 then return 0 end
    for _, h in ipairs(hits) do
      local t = h.text:lower()
      if t:find("%d+ members") or t:find("%d+ people") or t:find("%d+ participants") or t:find("up to %d+")
          or contains_any(t, groups_requirement_cap_words) then
        return { score = 1, evidence = { h } }
      end
    end
    return { score = 0.5, evidence = { hits[1] },
      feedback = "Groups are mentioned, but without a size cap; the cap is what bounds fan-out." }
  end,
}
sdi.check {
  id = "e2e_requirement", title = "Requires end-to-end encryption", facet = "requirements", kind = "concepts",
  weight = 3, concepts = { "end_to_end_encryption" },
  feedback = "State that messages are end-to-end encrypted: the server relays and stores ciphertext "
    .. "only. It rules out server-side search or content-based features and shapes multi-device.",
}
sdi.check {
  id = "no_loss_requirement", title = "Acknowledged messages are never lost", facet = "requirements",
  kind = "concepts", weight = 2, concepts = { { "durability", "at_least_once", "delivery_semantics", "exactly_once" } },
  feedback = "Say what the sender's one tick promises: the message is durably stored and will be "
    .. "delivered, at least once, and shown once.",
}
sdi.check {
  id = "latency_requirement", title = "Sets a delivery latency target", facet = "requirements", kind = "concepts",
  weight = 2, concepts = { { "latency_percentiles", "latency" } },
  feedback = "Give a target for delivery to an online recipient, e.g. under 200 ms typical and under "
    .. "1 s at p99 within a region; it is why messages are pushed over open connections.",
}
sdi.check {
  id = "presence_requirement", title = "Includes online status and last seen", facet = "requirements",
  kind = "concepts", weight = 1, concepts = { "presence" },
  feedback = "Mention presence (online / last seen) and that a few seconds of staleness is fine.",
}
sdi.check {
  id = "workload_shape", title = "Sees that chat is write-heavy", facet = "requirements", kind = "concepts",
  weight = 1, concepts = { { "write_heavy", "read_write_ratio" } },
  feedback = "Point out the workload: each message is written once and read about once, so unlike a "
    .. "feed there is no read amplification to cache; the store must absorb a huge write rate.",
}

-- estimation -----------------------------------------------------------------------------------

sdi.check { id = "est_message_rate", title = "Average messages per second", facet = "estimation",
  kind = "estimate", estimate = "message_rate", weight = 3,
  feedback = "500M DAU x 40 messages a day is 20B messages a day, about 230K messages per second on average." }
sdi.check { id = "est_peak_rate", title = "Peak messages per second", facet = "estimation", kind = "estimate",
  estimate = "peak_message_rate", weight = 2,
  feedback = "Size for the peak, not the average: at 3x the average that is about 700K messages per second." }
sdi.check { id = "est_storage_day", title = "Message storage per day", facet = "estimation", kind = "estimate",
  estimate = "storage_per_day", weight = 2,
  feedback = "20B messages a day at about 100 bytes each is about 2 TB of new messages a day (before replication)." }
sdi.check { id = "est_storage_total", title = "Storage for a year of history", facet = "estimation",
  kind = "estimate", estimate = "storage_total", weight = 2,
  feedback = "One year of history at 2 TB a day is about 730 TB, over 2 PB with three replicas." }
sdi.check { id = "est_bandwidth_in", title = "Incoming bandwidth", facet = "estimation", kind = "estimate",
  estimate = "bandwidth_in", weight = 1,
  feedback = "230K messages/s x 100 bytes is about 23 MB/s of text coming in (media excluded)." }
sdi.check { id = "est_bandwidth_out", title = "Outgoing bandwidth", facet = "estimation", kind = "estimate",
  estimate = "bandwidth_out", weight = 1,
  feedback = "In one-to-one chat each message goes out once, so about 23 MB/s out as well; groups and "
    .. "linked devices multiply it." }
sdi.check { id = "est_connections", title = "Concurrent connections", facet = "estimation", kind = "estimate",
  estimate = "concurrent_connections", weight = 3,
  feedback = "Chat servers are sized by open connections: half of 500M DAU online at the busiest hour is "
    .. "about 250M concurrent connections." }
sdi.check { id = "est_chat_servers", title = "Number of chat servers", facet = "estimation", kind = "estimate",
  estimate = "chat_servers", weight = 2,
  feedback = "250M connections at about 100K per server is about 2,500 chat servers, plus headroom for "
    .. "a failed server's users reconnecting." }
sdi.check { id = "est_session_memory", title = "Session-map memory", facet = "estimation", kind = "estimate",
  estimate = "session_memory", weight = 1,
  feedback = "The session map holds one entry per online user: 250M x ~100 bytes is about 25 GB, a "
    .. "small sharded Redis cluster." }

-- api ------------------------------------------------------------------------------------------

local api_calls_send_words = { "sendmessage", "send_message", "send(", "post /messages", "post /message",
  "send message(", "\"send\"", "send {", "type: send", "msg_send" }
local api_calls_ack_words = { "ack(", "ack {", "acknowledge(", "ackmessage", "ack_message", "markread",
  "mark_read", "receipt(", "\"ack\"", "type: ack", "updatestatus", "update_status" }
local api_calls_sync_words = { "sync(", "getmessages", "get_messages", "fetch(", "fetchmessages",
  "fetch_messages", "get /messages", "get /conversations", "pull(", "since_seq", "after_seq", "last_seq",
  "\"sync\"", "type: sync", "sync {" }
sdi.check {
  id = "api_calls", title = "Defines send, acknowledge and sync", facet = "api", kind = "custom", weight = 3,
  feedback = "Write the client protocol: sendMessage(conversation_id, client_msg_id, ciphertext) "
    .. "answered by an ack with the server's sequence number; ack(message_id, delivered|read) from "
    .. "the recipient; sync(conversation_id or inbox, after_seq) to fetch what was missed.",
  run = function(answer)
    local send = structured_any(answer, api_calls_send_words, 1)
    local ack = structured_any(answer, api_calls_ack_words, 1)
    local sync = structured_any(answer, api_calls_sync_words, 1)
    local ev, score = {}, 0
    for _, list in ipairs({ send, ack, sync }) do
      if list[1] then
        ev[#ev + 1] = list[1]
        score = score + 1 / 3
      end
    end
    return { score = score, evidence = ev }
  end,
}
local client_message_id_words = { "client_msg_id", "client_message_id", "client message id", "clientmsgid",
  "client-generated", "client generated", "generated by the client", "generated on the device",
  "idempotency key", "dedup key", "client-side id", "client id for the message" }
sdi.check {
  id = "client_message_id", title = "Sends a client-generated message id", facet = "api", kind = "custom",
  weight = 2,
  feedback = "Let the client generate a unique id per message (client_msg_id) and send it with every "
    .. "retry, so the server can recognise a resend after a dropped connection instead of storing it twice.",
  run = function(answer)
    local hits = structured_any(answer, client_message_id_words, 1)
    if #hits > 0 then return { score = 1, evidence = { hits[1] } } end
    local key = used(answer, { "idempotency_key" })
    if key then return { score = 1, evidence = { key } } end
    return 0
  end,
}
sdi.check {
  id = "api_transport", title = "Carries messages over persistent connections", facet = "api",
  kind = "concepts", weight = 3, concepts = { { "websocket", "persistent_connection" } },
  feedback = "Send and receive over a long-lived WebSocket (or raw TCP/MQTT) connection so the server "
    .. "can push a message the moment it arrives; plain request/response would force polling.",
}
local api_media_words = { "upload" }
local api_media_with_words = { "media", "photo", "image", "video", "file", "attachment" }
sdi.check {
  id = "api_media", title = "Uploads media separately from the message", facet = "api", kind = "custom",
  weight = 1,
  feedback = "Media should not ride in the message: the client uploads the (encrypted) file to blob "
    .. "storage, e.g. through a pre-signed URL, and sends only the media id and its key in the message.",
  run = function(answer)
    local hits = said_in_block(answer, api_media_words, api_media_with_words, 1)
    if #hits > 0 then return { score = 1, evidence = { hits[1] } } end
    local signed = used(answer, { "signed_url" })
    if signed then return { score = 1, evidence = { signed } } end
    return 0
  end,
}

-- data model -----------------------------------------------------------------------------------

local message_schema_groups = {
  { "conversation_id", "conversation id", "chat_id", "chat id", "conv_id", "thread_id", "conversationid" },
  { "seq", "sequence" },
  { "message_id", "msg_id", "message id", "messageid" },
  { "sender_id", "sender id", "from_user", "sender", "from_id", "senderid" },
  { "ciphertext", "content", "body", "payload", "encrypted" },
  { "created_at", "timestamp", "sent_at", "created" },
}
sdi.check {
  id = "message_schema", title = "Lays out the message record", facet = "data_model", kind = "custom", weight = 3,
  feedback = "Name the message row: conversation_id (partition key), seq (clustering key), message_id, "
    .. "sender_id, created_at, ciphertext and type; plus conversations, members and a per-user inbox.",
  run = function(answer)
    local got, ev = H.groups_score(answer, message_schema_groups, structured_any)
    return { score = math.min(1, got / 5), evidence = { ev[1], ev[2], ev[3] } }
  end,
}
local partition_by_conversation_words = { "conversation", "chat_id", "chat id" }
local partition_by_conversation_with_words = { "partition", "shard", "row key" }
local partition_by_conversation_ordered_words = { "cluster", "sort key", "sorted by", "ordered by", "order by" }
sdi.check {
  id = "partition_by_conversation", title = "Partitions messages by conversation", facet = "data_model",
  kind = "custom", weight = 3,
  feedback = "Make the conversation id the partition key and the sequence number the clustering key: "
    .. "a chat's recent messages are one sequential read, and each conversation's writes land on one "
    .. "partition. Partitioning by message id would scatter a chat across every node.",
  run = function(answer)
    local ordered = said_in_block(answer, partition_by_conversation_words, partition_by_conversation_with_words,
      partition_by_conversation_ordered_words, 1)[1]
    if ordered then return { score = 1, evidence = { ordered } } end
    local hit = said_in_block(answer, partition_by_conversation_words, partition_by_conversation_with_words, 1)[1]
    if hit then
      return { score = 0.7, evidence = { hit },
        feedback = "Partitioned by conversation; also say how rows are ordered inside it (clustering key on the sequence number)." }
    end
    local pk = used(answer, { "partition_key" })
    if pk then return { score = 0.4, evidence = { pk },
      feedback = "A partition key is named, but not the conversation; say what the messages are split by." } end
    return 0
  end,
}
sdi.check {
  id = "store_choice", title = "Chooses a write-optimised store", facet = "data_model", kind = "concepts",
  weight = 3, concepts = { { "wide_column_store", "key_value_store", "nosql_database" } },
  feedback = "Pick the message store with a reason: hundreds of thousands of small appends per second "
    .. "and reads of a chat's latest rows fit a wide-column LSM store (Cassandra, HBase) partitioned "
    .. "by conversation; a relational database would need heavy sharding for that write rate.",
}
local inbox_model_words = { "inbox", "undelivered", "pending messages", "pending queue", "offline queue",
  "offline store" }
local inbox_model_keyed_words = { "user", "recipient", "device" }
sdi.check {
  id = "inbox_model", title = "Keeps a per-user inbox of undelivered messages", facet = "data_model",
  kind = "custom", weight = 2,
  feedback = "Model offline delivery explicitly: a per-user (or per-device) inbox keyed by recipient "
    .. "that holds undelivered message ids until the device acknowledges them.",
  run = function(answer)
    local keyed = said_any(answer, inbox_model_words, { limit = 1, with = inbox_model_keyed_words })[1]
    if keyed then return { score = 1, evidence = { keyed } } end
    local hit = said_any(answer, inbox_model_words, 1)[1]
    if hit then return { score = 0.6, evidence = { hit } } end
    local off = used(answer, { "offline_messages" })
    if off then return { score = 0.4, evidence = { off },
      feedback = "Offline storage is mentioned; model it as an inbox keyed by recipient (and device)." } end
    return 0
  end,
}
local session_model_words = { "session", "registry", "connection map", "which chat server", "user-to-server",
  "user to server" }
local session_model_with_words = { "redis", "in-memory", "in memory", "key-value", "key value", "memcached",
  "ttl" }
sdi.check {
  id = "session_model", title = "Stores the session map in a fast store", facet = "data_model", kind = "custom",
  weight = 2,
  feedback = "Say where the user-to-chat-server map lives: an in-memory key-value store (Redis) keyed "
    .. "by user and device, with a TTL refreshed by heartbeats so entries of dead connections vanish.",
  run = function(answer)
    local hits = said_in_block(answer, session_model_words, session_model_with_words, 1)
    if #hits > 0 then return { score = 1, evidence = { hits[1] } } end
    local reg = used(answer, { "connection_registry" })
    if reg then return { score = 0.5, evidence = { reg },
      feedback = "The session map is there; say what holds it and how stale entries expire." } end
    return 0
  end,
}
local group_model_words = { "group_members", "group members", "membership", "members table", "member list",
  "group_id", "members of the group", "member ids" }
sdi.check {
  id = "group_model", title = "Models group membership", facet = "data_model", kind = "custom", weight = 1,
  feedback = "Keep a group members table (group_id -> member ids, role, joined_at) that the fan-out "
    .. "step reads for every group message; cache it because it is read on every send.",
  run = function(answer)
    local hits = structured_any(answer, group_model_words, 1)
    if #hits > 0 then return { score = 1, evidence = { hits[1] } } end
    return 0
  end,
}

-- high-level design ----------------------------------------------------------------------------

local STORE = { "wide_column_store", "key_value_store", "nosql_database", "database" }
local CHAT = { "chat_server", "websocket", "application_server" }

sdi.check {
  id = "diagram", title = "Draws the end-to-end message path", facet = "high_level", kind = "diagram", weight = 5,
  components = { "client", CHAT, "connection_registry", STORE, "push_notifications" },
  connections = {
    { from = "client", to = { "chat_server", "websocket", "load_balancer", "l4_load_balancer" },
      text = "clients connecting to the chat servers" },
    { from = CHAT, to = "connection_registry", text = "chat servers looking up the session map" },
    { from = CHAT, to = STORE, text = "chat servers writing messages to the store" },
    { from = { "chat_server", "websocket", "application_server", "message_queue", "event_streaming" },
      to = "push_notifications", text = "the path to the push service for offline users" },
  },
  feedback = "Draw phones -> load balancer -> chat servers (WebSocket), the session service the chat "
    .. "servers consult, the message store and inboxes they write to, the push notification service "
    .. "for offline users, and blob storage + CDN for media.",
}
sdi.check {
  id = "chat_servers", title = "Uses a fleet of stateful chat servers", facet = "high_level", kind = "concepts",
  weight = 2, concepts = { "chat_server" },
  feedback = "Name the chat (connection) servers: they hold the open sockets, so unlike stateless web "
    .. "servers they are sized by connections and a crash drops every user on them.",
}
sdi.check {
  id = "routing", title = "Routes a message to the recipient's chat server", facet = "high_level",
  kind = "concepts", weight = 3, concepts = { "connection_registry" },
  feedback = "Explain how a message finds its recipient: a session service maps each online user "
    .. "(and device) to the chat server holding the connection; the sender's server looks it up and "
    .. "forwards the message there.",
}
local offline_path_push_words = { "offline", "not connected", "no session", "not online" }
local offline_path_push_with_words = { "push", "apns", "fcm", "notification" }
sdi.check {
  id = "offline_path", title = "Stores for offline recipients and pushes a notification", facet = "high_level",
  kind = "custom", weight = 3,
  feedback = "Describe the offline path in a sentence: no session entry means the recipient is offline, "
    .. "so the message stays in their inbox and a push goes out through APNs/FCM; when the app "
    .. "reconnects it drains the inbox.",
  run = function(answer)
    local push = said_in_block(answer, offline_path_push_words, offline_path_push_with_words, 1)
    local store = used(answer, { "offline_messages" })
    local ev, score = {}, 0
    if push[1] then score = score + 0.5; ev[#ev + 1] = push[1] end
    if store then score = score + 0.5; ev[#ev + 1] = store end
    return { score = score, evidence = ev }
  end,
}
sdi.check {
  id = "media_path", title = "Serves media from blob storage and a CDN", facet = "high_level", kind = "concepts",
  weight = 2, concepts = { "object_storage", "cdn" },
  feedback = "Keep media out of the chat path: encrypted files go to object storage (S3) and are "
    .. "downloaded through a CDN; the message carries only a reference.",
}
sdi.check {
  id = "load_balancer", title = "Spreads connections across chat servers", facet = "high_level",
  kind = "concepts", weight = 1, concepts = { { "load_balancer", "l4_load_balancer", "geo_routing" } },
  feedback = "Put an L4 load balancer (or DNS-based routing) in front of the chat servers to spread new "
    .. "connections; long-lived sockets make least-connections a better policy than round robin.",
}

-- deep dive ------------------------------------------------------------------------------------

sdi.check {
  id = "ordering", title = "Keeps a conversation in order", facet = "deep_dive", kind = "concepts", weight = 3,
  concepts = { "message_ordering" },
  feedback = "Device clocks disagree, so order by a sequence number the server assigns per conversation; "
    .. "clients sort by it and detect gaps to fetch.",
}
local sequence_per_conversation_words = { "sequence", "seq" }
local sequence_per_conversation_with_words = { "conversation", "per chat", "each chat" }
local sequence_per_conversation_by_server_words = { "clock", "timestamp", "server assign", "assigned by the server",
  "increment", "counter" }
sdi.check {
  id = "sequence_per_conversation", title = "Assigns sequence numbers per conversation", facet = "deep_dive",
  kind = "custom", weight = 2,
  feedback = "Say who assigns the sequence number and in what scope: a counter per conversation "
    .. "incremented by the server (on the conversation's partition), not device timestamps, which drift.",
  run = function(answer)
    local assigned = said_in_block(answer, sequence_per_conversation_words, sequence_per_conversation_with_words,
      sequence_per_conversation_by_server_words, 1)[1]
    if assigned then return { score = 1, evidence = { assigned } } end
    local hit = said_in_block(answer, sequence_per_conversation_words, sequence_per_conversation_with_words, 1)[1]
    if hit then return { score = 0.6, evidence = { hit } } end
    return 0
  end,
}
local receipts_flow_delivered_words = { "deliver" }
local receipts_flow_delivered_with_words = { "ack" }
local receipts_flow_read_words = { "read" }
local receipts_flow_read_with_words = { "receipt", "tick", "ack" }
sdi.check {
  id = "receipts_flow", title = "Explains how receipts flow back", facet = "deep_dive", kind = "custom", weight = 3,
  feedback = "Trace the ticks: the server acks the sender once the message is durably stored (sent); "
    .. "the recipient's device acks on receipt and the server forwards a delivered receipt; opening "
    .. "the chat sends a read receipt. Receipts are small messages routed like any other.",
  run = function(answer)
    -- The delivered tick needs the device's acknowledgement, not just the word "delivered".
    local delivered = said_in_block(answer, receipts_flow_delivered_words, receipts_flow_delivered_with_words, 1)
    local read = said_in_block(answer, receipts_flow_read_words, receipts_flow_read_with_words, { "open", "view", "seen", "display" }, 1)
    local ev, score = {}, 0
    if delivered[1] then score = score + 0.5; ev[#ev + 1] = delivered[1] end
    if read[1] then score = score + 0.5; ev[#ev + 1] = read[1] end
    return { score = score, evidence = ev }
  end,
}
sdi.check {
  id = "dedup", title = "Makes retries safe with idempotency", facet = "deep_dive", kind = "concepts", weight = 3,
  concepts = { { "idempotency", "deduplication", "idempotency_key" } },
  feedback = "Connections drop mid-send, so clients retry; store each message under its client id "
    .. "with insert-if-absent and have receivers drop ids they have seen, so a retry never shows twice.",
}
sdi.check {
  id = "delivery_guarantee", title = "Delivers at least once, with retries", facet = "deep_dive", kind = "concepts",
  weight = 2, concepts = { { "at_least_once", "exactly_once", "retry" } },
  feedback = "Say the guarantee: a message is kept until the device acks it and is resent otherwise "
    .. "(at least once); dedup on the message id makes it look exactly once to the user.",
}
local group_fanout_words = { "group" }
local group_fanout_with_words = { "each member", "every member", "per member", "all members",
  "each recipient", "members'", "member's", "fanned out to", "fan out to", "fans out to", "fan-out to",
  "fan it out", "copy per member" }
local group_fanout_async_words = { "queue", "async", "kafka", "worker", "stored once", "written once" }
sdi.check {
  id = "group_fanout", title = "Fans group messages out per member", facet = "deep_dive", kind = "custom",
  weight = 3,
  feedback = "A group message is stored once in the group's conversation, then fanned out to each "
    .. "member (and device): online members via their chat server, offline ones via their inbox and "
    .. "a push. The 256-member cap bounds that fan-out; do it asynchronously off a queue.",
  run = function(answer)
    local hits = said_in_block(answer, group_fanout_words, group_fanout_with_words)
    if #hits == 0 then
      local fan = used(answer, { "fan_out" })
      if fan then return { score = 0.3, evidence = { fan },
        feedback = "Fan-out is mentioned, but not for group messages; say how one group message reaches every member." } end
      return 0
    end
    for _, h in ipairs(hits) do
      if contains_any(h.text, group_fanout_async_words)
          or h.text:lower():find("%d%d+ members") then
        return { score = 1, evidence = { h } }
      end
    end
    return { score = 0.7, evidence = { hits[1] } }
  end,
}
sdi.check {
  id = "e2e_keys", title = "Explains key exchange for end-to-end encryption", facet = "deep_dive",
  kind = "concepts", weight = 3, concepts = { "end_to_end_encryption", { "key_directory", "asymmetric_encryption" } },
  feedback = "Explain the keys: each device publishes an identity key and one-time prekeys to a key "
    .. "server; the sender fetches a prekey bundle, derives a session key (X3DH / Signal protocol, "
    .. "double ratchet) and encrypts on the device. The server only ever sees ciphertext.",
}
sdi.check {
  id = "presence_heartbeat", title = "Tracks presence with heartbeats", facet = "deep_dive", kind = "concepts",
  weight = 2, concepts = { "presence", "heartbeat" },
  feedback = "Presence comes from the connection: the client sends a heartbeat every ~30 s, the "
    .. "session entry carries a TTL, and a missed heartbeat or a closed socket sets last_seen.",
}
sdi.check {
  id = "multi_device", title = "Delivers to every device of an account", facet = "deep_dive", kind = "concepts",
  weight = 2, concepts = { "multi_device" },
  feedback = "Handle linked devices: the session map and inbox are per device, each device has its "
    .. "own keys, and the sender encrypts once per recipient device (so a message to one user may be "
    .. "several deliveries).",
}
local retention_cleanup_words = { "delete", "ttl", "expire", "purge", "drop" }
local retention_cleanup_with_words = { "deliver", "ack", "days", "year", "history", "inbox" }
sdi.check {
  id = "retention_cleanup", title = "Deletes or expires messages on purpose", facet = "deep_dive", kind = "custom",
  weight = 2,
  feedback = "Say when data leaves the servers: inbox entries are deleted once every device acks, "
    .. "undelivered ones expire after 30 days, and history rows carry a one-year TTL.",
  run = function(answer)
    local hits = said_in_block(answer, retention_cleanup_words, retention_cleanup_with_words, 1)
    if #hits > 0 then return { score = 1, evidence = { hits[1] } } end
    local ret = used(answer, { "data_retention" }) or used(answer, { "ttl" })
    if ret then return { score = 0.5, evidence = { ret } } end
    return 0
  end,
}
local group_encryption_words = { "sender key", "sender-key", "group key" }
sdi.check {
  id = "group_encryption", title = "Encrypts group messages efficiently", facet = "deep_dive", kind = "custom",
  weight = 1,
  feedback = "For groups, encrypting once per member is costly; a sender key shared with members "
    .. "lets the client encrypt once and the server fan out the same ciphertext.",
  run = function(answer)
    local hits = said_any(answer, group_encryption_words, 1)
    if #hits > 0 then return { score = 1, evidence = { hits[1] } } end
    local g = said_in_block(answer, { "group" }, { "encrypt" }, 1)
    if g[1] then return { score = 0.5, evidence = { g[1] } } end
    return 0
  end,
}

-- bottlenecks ----------------------------------------------------------------------------------

local chat_server_failure_words = { "reconnect", "re-connect" }
local chat_server_failure_with_words = { "die", "dies", "dead", "crash", "fail", "goes down", "outage",
  "lost", "restart" }
local chat_server_failure_sync_words = { "last", "sync", "resume", "missed", "inbox" }
sdi.check {
  id = "chat_server_failure", title = "Recovers when a chat server dies", facet = "bottlenecks", kind = "custom",
  weight = 3,
  feedback = "A dead chat server drops every socket on it: clients reconnect (with jittered backoff) "
    .. "to another server through the load balancer, re-register in the session map, and sync from "
    .. "their last acknowledged sequence number, so nothing is lost because messages were stored before the ack.",
  run = function(answer)
    local synced = said_in_block(answer, chat_server_failure_words, chat_server_failure_with_words,
      chat_server_failure_sync_words, 1)[1]
    if synced then return { score = 1, evidence = { synced } } end
    local hit = said_in_block(answer, chat_server_failure_words, chat_server_failure_with_words, 1)[1]
    if hit then
      return { score = 0.6, evidence = { hit },
        feedback = "Clients reconnect; also say how they catch up on what they missed (sync from the last acked seq)." }
    end
    return 0
  end,
}
sdi.check {
  id = "sharding", title = "Shards the message store and the session map", facet = "bottlenecks",
  kind = "concepts", weight = 2,
  concepts = { { "consistent_hashing", "hash_partitioning", "sharding", "partition_key", "user_partitioning" } },
  feedback = "Shard everything by a hash of its key (consistent hashing): messages by conversation, "
    .. "inboxes and sessions by user, so capacity grows by adding nodes.",
}
sdi.check {
  id = "spikes", title = "Absorbs spikes and hot spots", facet = "bottlenecks", kind = "concepts", weight = 2,
  concepts = { { "peak_traffic", "hot_partition", "back_pressure", "load_shedding", "autoscaling", "rate_limiting" } },
  feedback = "Plan for the spikes: New Year's Eve bursts, a reconnect storm after an outage and very "
    .. "active groups. Queue fan-out work, apply back pressure, rate limit clients and keep headroom.",
}
sdi.check {
  id = "multi_region", title = "Serves users from nearby regions", facet = "bottlenecks", kind = "concepts",
  weight = 2, concepts = { { "multi_region", "geo_routing", "data_center" } },
  feedback = "Users are worldwide: terminate connections in the nearest region (GeoDNS), route "
    .. "cross-region messages between chat clusters, and replicate stores across regions.",
}
local presence_fanout_words = { "presence", "last seen", "online status", "online/offline" }
local presence_fanout_with_words = { "subscrib", "on demand", "lazily", "only when", "only to", "debounce",
  "throttl", "batch", "open the chat", "open chat", "opens the chat" }
sdi.check {
  id = "presence_fanout", title = "Keeps presence updates from flooding the system", facet = "bottlenecks",
  kind = "custom", weight = 2,
  feedback = "Broadcasting every online/offline change to every contact is a fan-out storm; send "
    .. "presence only to users who have the chat open (subscribe on open), fetch last seen on demand, "
    .. "and debounce flapping connections.",
  run = function(answer)
    local hits = said_in_block(answer, presence_fanout_words, presence_fanout_with_words, 1)
    if #hits > 0 then return { score = 1, evidence = { hits[1] } } end
    return 0
  end,
}

-- justify --------------------------------------------------------------------------------------

sdi.check {
  id = "transport_tradeoff", title = "Justifies WebSockets over polling", facet = "justify", kind = "custom",
  weight = 2,
  feedback = "Argue the transport: polling wastes requests and adds delay for 250M mostly idle users; "
    .. "a persistent connection lets the server push at once, at the cost of stateful servers.",
  run = function(answer)
    local ws = answer.concept("websocket") or answer.concept("persistent_connection")
    -- "WebSockets instead of polling" negates polling, yet it is exactly the comparison we want.
    local poll = answer.concept("polling") or answer.concept("long_polling")
    if poll and poll.use ~= "used" and poll.use ~= "reasoned" then poll = nil end
    if not ws or ws.negated then return 0 end
    if ws.use == "reasoned" and poll then
      return { score = 1, evidence = { ws, poll } }
    end
    if ws.use == "reasoned" or poll then return { score = 0.6, evidence = { ws } } end
    return { score = 0.3, evidence = { ws } }
  end,
}
sdi.check {
  id = "store_justified", title = "Ties the store choice to the write rate", facet = "justify", kind = "custom",
  weight = 2,
  feedback = "Justify the database with the numbers: ~700K small writes a second at peak and reads of "
    .. "recent rows per chat suit an LSM-based wide-column store; you give up joins and ad-hoc queries.",
  run = function(answer)
    local store = answer.concept("wide_column_store") or answer.concept("key_value_store")
      or answer.concept("nosql_database")
    if not store or store.negated then return 0 end
    local heavy = used(answer, { "write_heavy" }) or used(answer, { "lsm_tree" }) or used(answer, { "throughput" })
    if store.use == "reasoned" and heavy then return { score = 1, evidence = { store, heavy } } end
    if store.use == "reasoned" then return { score = 0.7, evidence = { store } } end
    return { score = 0.3, evidence = { store } }
  end,
}
local e2e_tradeoff_words = { "end-to-end", "end to end", "e2e", "encrypt" }
local e2e_tradeoff_with_words = { "cannot read", "can't read", "never see", "search", "spam", "moderation",
  "preview", "cost", "give up", "trade-off", "tradeoff", "at the cost" }
sdi.check {
  id = "e2e_tradeoff", title = "Names what end-to-end encryption costs", facet = "justify", kind = "custom",
  weight = 2,
  feedback = "Say what the server gives up under end-to-end encryption: no server-side search, "
    .. "spam filtering on content or previews, and history restore needs client-held keys; in "
    .. "return a breach of our servers exposes no message text.",
  run = function(answer)
    local hits = said_in_block(answer, e2e_tradeoff_words, e2e_tradeoff_with_words, 1)
    if #hits > 0 then return { score = 1, evidence = { hits[1] } } end
    return 0
  end,
}
sdi.check {
  id = "consistency_choice", title = "Chooses consistency per piece of data", facet = "justify", kind = "concepts",
  weight = 2,
  concepts = { { "eventual_consistency", "causal_consistency", "strong_consistency", "cap_theorem",
    "tunable_consistency", "quorum" } },
  feedback = "Say what must be consistent and what may lag: a conversation's order and the stored "
    .. "message need a durable, ordered write (quorum on one partition); presence and last seen can be "
    .. "eventually consistent.",
}
sdi.check {
  id = "retention_tradeoff", title = "Weighs deleting after delivery against keeping history", facet = "justify",
  kind = "custom", weight = 1,
  feedback = "Compare the two retention models: deleting on delivery keeps storage tiny and leaks "
    .. "nothing later; keeping encrypted history costs ~730 TB a year but lets users restore chats.",
  run = function(answer)
    local hits = said_in_block(answer, { "delete", "deleting", "deletion" },
      { "history", "keep", "kept" }, { "storage", "privacy", "restore", "cost", "new phone", "new device" }, 1)
    if #hits > 0 then return { score = 1, evidence = { hits[1] } } end
    return 0
  end,
}

---------------------------------------------------------------------------------------------------
-- Hints, gentle to specific
---------------------------------------------------------------------------------------------------

sdi.hint { facet = "clarify", levels = {
  "What would you need to know before you could size the chat servers?",
  "Ask about daily active users, messages per user, groups, offline users, history and encryption.",
  "The interviewer will say 500M DAU, 40 messages a day, ~100 bytes each, groups up to 256, E2E, one year of history." } }
sdi.hint { facet = "requirements", levels = {
  "What does the sender see after pressing send, and what if the friend's phone is off?",
  "One-to-one messages, sent/delivered/read ticks, offline delivery with push; then the qualities.",
  "Add groups (cap 256), E2E encryption, presence; no acknowledged message lost, delivery < 1 s at p99." } }
sdi.hint { facet = "estimation", levels = {
  "Chat servers are sized by something other than requests per second.",
  "Work out messages per second, storage per day and for a year, and concurrent connections.",
  "20B messages/day = ~230K/s (~700K/s peak); 2 TB/day, ~730 TB/year; 250M connections / 100K = 2,500 servers; ~25 GB session map." } }
sdi.hint { facet = "api", levels = {
  "Which calls does a phone make, and over what kind of connection?",
  "Send, acknowledge (delivered/read) and sync missed messages, over a persistent socket.",
  "send(conversation_id, client_msg_id, ciphertext) -> ack(seq); ack(message_id, delivered|read); sync(after_seq)." } }
sdi.hint { facet = "data_model", levels = {
  "Which queries does the message store serve, and which key serves them?",
  "Messages of one conversation in order; undelivered messages for one user; which server a user is on.",
  "messages(conversation_id PK, seq CK, message_id, sender_id, ciphertext) in Cassandra; inbox per user; session map in Redis." } }
sdi.hint { facet = "high_level", levels = {
  "Follow one message from Alice's phone to Bob's phone.",
  "Alice's chat server must learn where Bob is connected, or that he is not.",
  "Phones -> LB -> chat servers (WebSocket) -> session service, message store/inbox, push service (APNs/FCM), blob storage + CDN." } }
sdi.hint { facet = "deep_dive", levels = {
  "What can go wrong between pressing send and seeing two ticks?",
  "Think about ordering, retries after a dropped connection, receipts, groups and encryption keys.",
  "Per-conversation sequence numbers; client_msg_id dedup with at-least-once delivery; per-member fan-out; prekeys + Signal protocol." } }
sdi.hint { facet = "bottlenecks", levels = {
  "What happens to 100K users when their chat server crashes?",
  "Look at reconnect storms, presence fan-out, hot groups and users in other continents.",
  "Reconnect with jitter and sync from the last seq; shard by conversation/user; presence only to open chats; regions via GeoDNS." } }
sdi.hint { facet = "justify", levels = {
  "Which choices cost you something, and why is the price worth it here?",
  "WebSockets versus polling, wide-column versus SQL, deleting versus keeping history, E2E versus server features.",
  "Stateful servers buy instant push; Cassandra buys write throughput for lost joins; E2E loses server-side search." } }
