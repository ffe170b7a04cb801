-- Checks that apply to every problem. Templates pick the ones they use by id
-- (generic_checks = [...] in plugins/templates/*.toml); a pack can replace one by declaring a
-- check with the same id.

sdi.check {
  id = "nfr_named",
  title = "Names the non-functional requirements",
  facet = "requirements",
  kind = "concepts",
  weight = 3,
  concepts = {
    { "high_availability", "fault_tolerance" },
    { "latency", "throughput" },
    { "scalability", "horizontal_scaling" },
    { "strong_consistency", "eventual_consistency", "cap_theorem", "read_your_writes" },
    { "durability" },
  },
  need = 3,
  feedback = "State the qualities the design must have, not just the features: availability, "
    .. "latency targets, scale, consistency and durability. They decide every later trade-off, "
    .. "e.g. 'reads must return in under 100 ms at p99; we prefer availability over consistency'.",
  praise = "The qualities the design must meet are on the table early.",
}

sdi.check {
  id = "spof_mitigated",
  title = "Finds a single point of failure and removes it",
  facet = "bottlenecks",
  kind = "concepts",
  weight = 3,
  concepts = {
    "single_point_of_failure",
    { "replication", "failover", "redundancy", "active_passive", "active_active", "leader_election" },
  },
  feedback = "Walk the diagram box by box and ask what happens when it dies. Name the single "
    .. "point of failure (the lone database, the one load balancer) and how you remove it: "
    .. "replicas with failover, an active-passive pair, leader election.",
}

sdi.check {
  id = "replication",
  title = "Replicates data so losing a machine loses nothing",
  facet = "bottlenecks",
  kind = "concepts",
  weight = 2,
  concepts = {
    { "replication", "read_replica", "leader_follower_replication", "multi_leader_replication",
      "leaderless_replication", "quorum", "multi_region" },
  },
  feedback = "Say how many copies of the data exist and where: leader-follower replicas, a "
    .. "quorum of three, a second region. Without it one disk failure is data loss.",
}

sdi.check {
  id = "monitoring",
  title = "Monitors the system and alerts on trouble",
  facet = "bottlenecks",
  kind = "concepts",
  weight = 2,
  concepts = { { "monitoring", "alerting", "metrics", "distributed_tracing", "logging", "health_checks" } },
  feedback = "Production systems need eyes: metrics per service (latency percentiles, error "
    .. "rates, queue depth), alerts when they cross a threshold, and logs or traces to debug.",
}

-- The trade-off markers, made once rather than on every run.
local tradeoff_stated_markers = { "trade-off", "tradeoff", "trade off", "at the cost of", "in exchange for",
  "downside", "drawback", "we give up", "we sacrifice", "sacrifice", "the price", "we accept", "instead of",
  "rather than", "pros and cons", "pros:", "cons:" }
sdi.check {
  id = "tradeoff_stated",
  title = "States a trade-off and why it is worth it",
  facet = "justify",
  kind = "custom",
  weight = 3,
  feedback = "Every choice costs something. Say what you give up and why it is acceptable here: "
    .. "'we accept eventual consistency on timelines because a tweet seen 5 seconds late is "
    .. "harmless, and in return reads never wait on a cross-region write'.",
  run = function(answer)
    -- A bare "trade-offs" bullet is a heading in disguise: only blocks written as prose count.
    -- All of them are counted; the first three are the evidence.
    local hits, n = sdi.helpers.said_lines(answer, tradeoff_stated_markers, 3)
    if n >= 2 then
      return { score = 1, evidence = hits,
        feedback = string.format("%d trade-offs argued, e.g. line %d.", n, hits[1].line) }
    elseif n == 1 then
      return { score = 0.6, evidence = hits,
        feedback = string.format("One trade-off argued (line %d); a strong answer weighs the big choices.", hits[1].line) }
    end
    return { score = 0, feedback = "No trade-off is argued anywhere in the answer." }
  end,
}

sdi.check {
  id = "latency_justified",
  title = "Justifies throughput and latency layer by layer",
  facet = "justify",
  kind = "concepts",
  weight = 2,
  concepts = { { "latency", "latency_percentiles" }, { "throughput", "qps" } },
  feedback = "Close by justifying the numbers: how many requests each layer serves per second, "
    .. "what each hop adds in latency, and how that sums to the target at p99.",
}
