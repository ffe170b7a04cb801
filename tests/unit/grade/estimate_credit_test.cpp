#include <doctest/doctest.h>

#include "grade/estimates.hpp"

TEST_CASE("estimate credit follows the ratio in log space") {
  using sdi::grade::credit_for_ratio;
  CHECK(credit_for_ratio(1.0) == 1.0);
  CHECK(credit_for_ratio(1.157) == 1.0);  // 10^5 vs 86,400 seconds a day
  CHECK(credit_for_ratio(1.25) == 1.0);
  CHECK(credit_for_ratio(1.6) == 0.75);
  CHECK(credit_for_ratio(2.0) == 0.75);
  CHECK(credit_for_ratio(8.6) == 0.35);
  CHECK(credit_for_ratio(10.5) == 0.0);
  CHECK(credit_for_ratio(std::nan("")) == 0.0);
}
