// Finding quantities in free text, and not finding the numbers a careful reader would skip.

#include <doctest/doctest.h>

#include <string>
#include <vector>

#include "quantity/quantity.hpp"

namespace q = sdi::quantity;

namespace {

constexpr double kDay = 86400;

std::string raws(const std::vector<q::Mention>& ms) {
  std::string out;
  for (const auto& m : ms) {
    if (!out.empty()) out += " | ";
    out += m.raw;
  }
  return out;
}

const q::Mention* find(const std::vector<q::Mention>& ms, std::string_view raw) {
  for (const auto& m : ms) {
    if (m.raw == raw) return &m;
  }
  return nullptr;
}

}  // namespace

TEST_CASE("DAU and a per-day rate in a sentence") {
  std::string text = "We have 200M DAU and each posts 2 tweets per day";
  auto ms = q::scan(text);
  REQUIRE(ms.size() == 2);
  CHECK(ms[0].raw == "200M DAU");
  CHECK(ms[0].offset == 8);
  CHECK(ms[0].length == 8);
  CHECK(ms[0].noun == "dau");
  CHECK(ms[0].quantity.value == 2e8);
  CHECK(ms[0].quantity.unit.noun.view() == "dau");
  CHECK(ms[1].raw == "2 tweets per day");
  CHECK(ms[1].noun == "tweets");
  CHECK(ms[1].quantity.value == doctest::Approx(2 / kDay));
  CHECK(ms[1].quantity.unit.time == -1);
  CHECK_FALSE(ms[0].is_result);
  CHECK_FALSE(ms[1].is_expression);
}

TEST_CASE("an arithmetic chain and its stated result") {
  std::string text = "write QPS = 200M * 2 / 86400 ≈ 4.6K/s";
  auto ms = q::scan(text);
  REQUIRE(ms.size() == 2);
  CHECK(ms[0].raw == "200M * 2 / 86400");
  CHECK(ms[0].is_expression);
  CHECK_FALSE(ms[0].is_result);
  CHECK(ms[0].quantity.value == doctest::Approx(4629.63).epsilon(1e-4));
  CHECK(ms[0].label == "write qps");
  CHECK(ms[1].raw == "4.6K/s");
  CHECK(ms[1].is_result);
  CHECK_FALSE(ms[1].is_expression);
  CHECK(ms[1].quantity.approx);  // stated after ≈
  CHECK(ms[1].quantity.value == 4600);
  CHECK(ms[1].quantity.unit.time == -1);
  CHECK(ms[1].label == "write qps");
  CHECK(text.substr(ms[1].offset, ms[1].length) == "4.6K/s");

  auto chain = q::scan("- 200M × 2 ÷ 86,400 = 4,630 ≈ 4.6K writes/s");
  REQUIRE(chain.size() == 3);
  CHECK(chain[0].is_expression);
  CHECK(chain[1].raw == "4,630");
  CHECK(chain[1].is_result);
  CHECK(chain[2].raw == "4.6K writes/s");
  CHECK(chain[2].is_result);
  CHECK(chain[2].noun == "writes");

  auto times = q::scan("replicated 3 x 100 = 300 times");
  REQUIRE(times.size() == 2);
  CHECK(times[0].raw == "3 x 100");
  CHECK(times[1].raw == "300 times");
  CHECK(times[1].is_result);

  auto arrows = q::scan("reads: 100 * 4.6K => 460K/s");
  REQUIRE(arrows.size() == 2);
  CHECK(arrows[1].is_result);

  // A figure after "=" with nothing before it is an assignment, not a result.
  auto assign = q::scan("DAU = 200M");
  REQUIRE(assign.size() == 1);
  CHECK_FALSE(assign[0].is_result);
  CHECK(assign[0].label == "dau");
}

TEST_CASE("subtraction joins a chain only when a result is stated") {
  auto prose = q::scan("We need 10 servers - 2 per region");
  CHECK(raws(prose) == "10 servers | 2 per region");
  CHECK(prose[1].label.empty());  // words right after a number are not a label
  auto sum = q::scan("spare = 200 - 50 = 150");
  REQUIRE(sum.size() == 2);
  CHECK(sum[0].raw == "200 - 50");
  CHECK(sum[0].quantity.value == 150);
  CHECK(sum[1].is_result);
  CHECK(raws(q::scan("Dig deeper into 2 - 3 components")) == "2 - 3 components");
}

TEST_CASE("the forms of DESIGN.md") {
  auto ms = q::scan("~4K writes/sec at peak, 1.2e9 req/day overall, 3-5K QPS for reads");
  REQUIRE(ms.size() == 3);
  CHECK(ms[0].raw == "~4K writes/sec");
  CHECK(ms[0].quantity.approx);
  CHECK(ms[0].noun == "writes");
  CHECK(ms[1].raw == "1.2e9 req/day");
  CHECK(ms[1].quantity.unit.noun.view() == "request");
  CHECK(ms[2].raw == "3-5K QPS");
  REQUIRE(ms[2].quantity.is_range());
  CHECK(*ms[2].quantity.lo == 3000);

  auto h = q::scan("- Storage: 3 PB over 5 years");
  REQUIRE(h.size() == 1);
  CHECK(h[0].raw == "3 PB over 5 years");
  CHECK(h[0].label == "storage");
  REQUIRE(h[0].quantity.horizon_seconds);

  auto bw = q::scan("Bandwidth: 10 Gbps ingress, 2.5 TB per month egress, 10^7 x 20 / 10^5");
  CHECK(raws(bw) == "10 Gbps | 2.5 TB per month | 10^7 x 20 / 10^5");
  CHECK(bw[0].quantity.unit.bits);
  CHECK(bw[2].quantity.value == doctest::Approx(2000));
}

TEST_CASE("tables, bold labels, LaTeX") {
  auto t = q::scan("| Write QPS | 4.6K |\n| Storage/year | 44 TB |");
  REQUIRE(t.size() == 2);
  CHECK(t[0].raw == "4.6K");
  CHECK(t[0].label == "write qps");
  CHECK(t[1].raw == "44 TB");
  CHECK(t[1].label == "storage/year");

  auto b = q::scan("**Write QPS**: 4.6K");
  REQUIRE(b.size() == 1);
  CHECK(b[0].label == "write qps");

  std::string latex = "Peak is $\\frac{200M \\times 2}{86400}$ per second";
  auto l = q::scan(latex);
  REQUIRE(l.size() == 1);
  CHECK(l[0].raw == "\\frac{200M \\times 2}{86400}");
  CHECK(l[0].is_expression);
  CHECK(l[0].quantity.value == doctest::Approx(4629.63).epsilon(1e-4));
  CHECK(l[0].quantity.unit.noun.empty());  // the math $ is not a dollar

  auto inline_math = q::scan("so $200M \\times 2 = 400M$ writes");
  REQUIRE(inline_math.size() == 2);
  CHECK(inline_math[0].raw == "200M \\times 2");
  CHECK(inline_math[1].is_result);

  auto money = q::scan("Costs $0.01 per request and $5K/month");
  REQUIRE(money.size() == 2);
  CHECK(money[0].quantity.unit.noun.view() == "dollar");
  CHECK(money[0].quantity.unit.per_noun.view() == "request");
  CHECK(q::format(money[1].quantity) == "$5K/month");
}

TEST_CASE("bullets, lists and offsets across lines") {
  std::string text =
      "## Estimates\n"
      "1. 300M users, 50% active\n"
      "2) Each user posts 2 tweets/day\n"
      "(3) Peak 2x average\n"
      "   - ~9.2K QPS at peak\n";
  auto ms = q::scan(text);
  CHECK(raws(ms) == "300M users | 50% active | 2 tweets/day | 2x average | ~9.2K QPS");
  for (const auto& m : ms) {
    CAPTURE(m.raw);
    CHECK(text.substr(m.offset, m.length) == m.raw);
  }
  CHECK(ms[1].quantity.value == 0.5);
  CHECK(ms[3].quantity.value == 2);
}

TEST_CASE("false positives: numbers a careful reader does not count") {
  const char* lines[] = {
      "1. Requirements",
      "2) Scale",
      "(3) Storage",
      "## 2. Estimation",
      "### 3.2 Storage",
      "10. Backups",
      "Step 2 - Propose high-level design",
      "## Step 3: Back-of-the-envelope estimation",
      "In 2024 we moved; by 1999 it was",
      "HTTP/2 and HTTP/1.1",
      "IPv4, L7, p99, S3, base62, MD5, SHA-256, SHA-1, UTF-8, x86-64, k8s",
      "O(n log n) and O(1) and O(n^2)",
      "The 1st version returns 5xx errors at 9am in 1080p with 3D and 2FA",
      "Version 1.2.3 on host 10.0.0.1:8080 at 10:30",
      "chat is 1:1, ratio 100:1, 24/7 support, 80/20 rule, 80-20 rule, 50/50",
      "Drive discussions (80 - 20 rule)",
      "Layer 4 and Layer 7 load balancers, RAID 10, Python 3, TLS 1.3",
      "Phase 1, Part 2, Section 4, Figure 5, Table 6, Option 2, Version 3",
      "GET /api/v1/users/123",
      "On Jan 5 we had #1 priority, user 42 and ID 12345 complained",
      "launch on day 1",
      "count=20",
      "meet at 2 pm",
      "| 1 | Requirements |",
      "007 and 0042",
  };
  for (const char* line : lines) {
    CAPTURE(line);
    auto ms = q::scan(line);
    CHECK(raws(ms) == "");
  }
}

TEST_CASE("false-positive rules leave real quantities alone") {
  CHECK(raws(q::scan("2000 users in 2024")) == "2000 users");
  CHECK(raws(q::scan("| 1 | Requirements | 5 min |")) == "5 min");
  CHECK(raws(q::scan("Step 2: estimate 200M DAU")) == "200M DAU");
  CHECK(raws(q::scan("qps=4.6K")) == "4.6K");
  CHECK(raws(q::scan("p99 latency under 200ms")) == "under 200ms");
  CHECK(raws(q::scan("1. 300M users")) == "300M users");
  CHECK(raws(q::scan("Draw 5-6 boxes [15-20 min]")) == "5-6 boxes | 15-20 min");
  CHECK(raws(q::scan("a million followers, 10 followers")) == "a million followers | 10 followers");
  CHECK(raws(q::scan("Tweet only 140 characters")) == "140 characters");
  CHECK(raws(q::scan("99.9% availability")) == "99.9%");
  CHECK(raws(q::scan("up to 10K users, at least 5 replicas, < 200 ms")) ==
        "up to 10K users | at least 5 replicas | < 200 ms");
  CHECK(raws(q::scan("10x more reads than writes")) == "10x");
  CHECK(raws(q::scan("shards talk to less than 3 other shards")) == "less than 3");
  CHECK(q::scan("shards talk to less than 3 other shards")[0].quantity.upper_bound);
  // a plural noun ends the noun phrase
  auto follow = q::scan("the person with 10 followers follow the celebrity");
  REQUIRE(follow.size() == 1);
  CHECK(follow[0].noun == "followers");
  CHECK(q::scan("we need 70 node servers")[0].noun == "node servers");
}

TEST_CASE("B in free text: context decides, and the reading says why") {
  auto size = q::scan("each tweet is 300B");
  REQUIRE(size.size() == 1);
  CHECK(size[0].quantity.unit.bytes == 1);
  CHECK(size[0].quantity.value == 300);
  CHECK(size[0].reading.find("B read as bytes ('tweet' before it names the size of one)") !=
        std::string::npos);

  auto storage = q::scan("storage ~ 200M * 2 * 300B = 120 GB/day");
  REQUIRE(storage.size() == 2);
  CHECK(storage[0].quantity.unit.bytes == 1);
  CHECK(storage[0].quantity.value == doctest::Approx(1.2e11));

  auto count = q::scan("total = 5B tweets; DAU is 2B");
  REQUIRE(count.size() == 2);
  CHECK(count[0].quantity.value == 5e9);
  CHECK(count[1].quantity.value == 2e9);
  CHECK(count[1].quantity.unit.bytes == 0);

  // no context: the caller's expectation, then billion
  CHECK(q::scan("it is 5B")[0].quantity.value == 5e9);
  q::ScanOptions bytes;
  bytes.expect = q::Expect::Bytes;
  CHECK(q::scan("it is 5B", bytes)[0].quantity.value == 5);
}

TEST_CASE("a real answer's estimation section") {
  std::string text =
      "## Back of the envelope\n"
      "- 500 million active users; maybe 70% of that is actually active, so 350 million users\n"
      "- Peak hour take 70% again, so 245 million users\n"
      "- 70k users per second on peak hours\n"
      "- Assuming 1 NodeJs instance takes 1000 concurrent users, we need 70 node servers\n"
      "- Upload bandwidth: 500kb/sec\n"
      "\n"
      "| Metric | Value |\n"
      "|---|---|\n"
      "| Writes/s | 200M × 2 / 86,400 ≈ 4.6K |\n"
      "| Storage (5 years) | 400M × 300 B × 365 × 5 ≈ 219 TB |\n";
  auto ms = q::scan(text);
  CHECK(raws(ms) ==
        "500 million active users | 70% | 350 million users | 70% | 245 million users | "
        "70k users per second | 1 NodeJs instance | 1000 concurrent users | 70 node servers | "
        "500kb/sec | 200M × 2 / 86,400 | 4.6K | 5 years | 400M × 300 B × 365 × 5 | 219 TB");
  const q::Mention* bw = find(ms, "500kb/sec");
  REQUIRE(bw);
  CHECK(bw->label == "upload bandwidth");
  CHECK(bw->quantity.value == 5e5);
  const q::Mention* writes = find(ms, "4.6K");
  REQUIRE(writes);
  CHECK(writes->is_result);
  CHECK(writes->label == "writes/s");
  const q::Mention* storage = find(ms, "400M × 300 B × 365 × 5");
  REQUIRE(storage);
  CHECK(storage->quantity.unit.bytes == 1);  // "Storage" on the row: B is bytes
  CHECK(storage->quantity.value == doctest::Approx(400e6 * 300 * 365 * 5));
}

TEST_CASE("empty and odd input") {
  CHECK(q::scan("").empty());
  CHECK(q::scan("no numbers here").empty());
  CHECK(q::scan("\n\n\n").empty());
  CHECK(q::scan("((((").empty());
  CHECK(q::scan("$$").empty());
  CHECK(raws(q::scan("\xff\xfe 5 GB \xc3")) == "5 GB");
  // a lone operator after a number does not swallow text
  CHECK(raws(q::scan("**200M** users")) == "200M");
  CHECK(raws(q::scan("200M *")) == "200M");
}

TEST_CASE("text that cannot hold a quantity is recognised without scanning") {
  CHECK_FALSE(q::may_hold_quantity(""));
  CHECK_FALSE(q::may_hold_quantity("Reads are much more common than writes, so cache them."));
  CHECK(q::may_hold_quantity("about 40 writes"));
  CHECK(q::may_hold_quantity("$\\frac{a}{b}$"));
  CHECK(q::may_hold_quantity("a Million users"));
  CHECK(q::may_hold_quantity("a thousand requests"));
  CHECK(q::may_hold_quantity("a trillion events"));
  // Every mention scan() finds is in text the filter lets through.
  for (std::string_view text : {"a million users", "A billion rows", "an mln events"}) {
    CHECK(q::may_hold_quantity(text));
    CHECK(q::scan(text).size() == 1);
  }
}

TEST_CASE("a caller that tested the text already finds the same figures, lines and all") {
  q::ScanOptions known;
  known.known_to_hold = true;
  for (std::string_view text :
       {"write QPS = 200M * 2 / 86400 \xe2\x89\x88 4.6K/s", "no figure here",
        "Storage: 500 GB/day\nReplicas: 3\n\nPeak 2x", "$\\frac{10 GB}{2}$ and 3 users"}) {
    CHECK_MESSAGE(raws(q::scan(text, known)) == raws(q::scan(text)), text);
  }
}

TEST_CASE("scanning without readings or labels finds the same figures") {
  // The texts touch every reading note: B either way, lowercase bytes, bits, factors, ranges,
  // bounds, horizons and months.
  const std::string_view texts[] = {
      "Write QPS = 200M * 2 / 86400 ~= 4.6K/s; storage is 300B per tweet, about 1-2 TB/day.",
      "Ingest: 5B/s at peak, 3-5K users, 100gb a day, 40 Mb/s of video, peak 3x, 10K+ writes",
      "Storage: 3 PB over 5 years, 2B events per month, up to 70% reads, at least 1.5B DAU.",
      "| Reads | 500M x 20 = 10B/day |, bandwidth = $2 per GB, between 10 and 20 servers daily"};
  for (std::string_view text : texts) {
    CAPTURE(text);
    q::ScanOptions no_readings;
    no_readings.readings = false;
    q::ScanOptions no_labels = no_readings;
    no_labels.labels = false;
    auto full = q::scan(text);
    REQUIRE(!full.empty());
    for (const q::ScanOptions& options : {no_readings, no_labels}) {
      auto lean = q::scan(text, options);
      REQUIRE(full.size() == lean.size());
      for (std::size_t i = 0; i < full.size(); ++i) {
        CHECK(lean[i].offset == full[i].offset);
        CHECK(lean[i].length == full[i].length);
        CHECK(lean[i].raw == full[i].raw);
        CHECK(lean[i].noun == full[i].noun);
        CHECK(lean[i].label == (options.labels ? full[i].label : ""));
        CHECK(lean[i].is_result == full[i].is_result);
        CHECK(lean[i].is_expression == full[i].is_expression);
        CHECK(lean[i].quantity.value == full[i].quantity.value);
        CHECK(lean[i].quantity.approx == full[i].quantity.approx);
        CHECK(lean[i].quantity.lower_bound == full[i].quantity.lower_bound);
        CHECK(lean[i].quantity.upper_bound == full[i].quantity.upper_bound);
        CHECK(lean[i].quantity.horizon_seconds == full[i].quantity.horizon_seconds);
        CHECK(q::format(lean[i].quantity) == q::format(full[i].quantity));
        CHECK(lean[i].reading.empty());
        CHECK_FALSE(full[i].reading.empty());
      }
    }
  }
}

TEST_CASE("figures on later lines keep their offsets in the whole text") {
  std::string_view text =
      "Reads dominate, so we cache.\nStorage grows by about 5 TB per day\n\nNo figures here.\n"
      "write QPS = 200M * 2 / 86400 ~= 4.6K/s\n";
  auto ms = q::scan(text);
  REQUIRE(ms.size() == 3);
  for (const auto& m : ms) CHECK(text.substr(m.offset, m.length) == m.raw);
  CHECK(ms[0].raw == "about 5 TB per day");
  CHECK(ms[0].label.empty());
  CHECK(ms[1].is_expression);
  CHECK(ms[2].is_result);
  CHECK(ms[2].label == "write qps");
}

TEST_CASE("only the lines near the wanted ranges are read, unless LaTeX makes the text one") {
  std::string_view text = "Storage: 5 TB per day\nPeak 2x\nwrite QPS = 4.6K/s\n";
  std::size_t second = text.find("Peak");
  std::size_t third = text.find("write");
  q::ScanOptions options;
  std::vector<q::TextRange> near = {{second, second + 4}, {third + 6, third + 9}};
  options.near = near;
  CHECK(raws(q::scan(text, options)) == "2x | 4.6K/s");
  near = {{text.size(), text.size()}};
  options.near = near;
  CHECK(q::scan(text, options).empty());
  near = {{0, 3}};
  options.near = near;
  CHECK(raws(q::scan("One line of 5 TB", options)) == "5 TB");
  options.near = std::span<const q::TextRange>(near).subspan(1);
  CHECK(raws(q::scan(text, options)) == raws(q::scan(text)));
  near = {{second, second + 4}};
  options.near = near;
  std::string_view latex = "$\\text{5 TB}$\nPeak 2x";
  CHECK(raws(q::scan(latex, options)) == raws(q::scan(latex)));
}
