# `sdi calc`: every example of the quantity issue, the reading it echoes, and carets on errors.
source "$(dirname "$0")/lib/assert.bash"

calc_is() {  # EXPR EXPECTED_SUBSTRING
  run calc "$1"
  expect_rc 0 "calc $1"
  expect_out "$2"
  expect_out "read as:"
}

calc_is "300M users * 50% * 2 /day -> /s" "3.47K"
calc_is "2.5 TB/month -> GB/day" "83.3 GB/day"
calc_is "10^7 x 20 / 10^5" "2K"
calc_is "2 x 10^5" "200K"
calc_is "4,000 * 3" "12K"
calc_is "4 thousand / 2" "2K"
calc_is "1.2e9 req/day -> /s" "13.9K"
calc_is "3-5K" "3K"
calc_is "3 PB over 5 years -> TB/day" "1.64 TB/day"
calc_is "1 Gbps -> MB/s" "125 MB/s"
calc_is "100gb + 3tb" "3.1 TB"
calc_is "365bil / 1 year -> /s" "11.6K"
calc_is "1 KiB -> bytes" "1.02"
calc_is "40K QPS * 1 day" "3.46B"
calc_is "~4K writes/sec * 86400 s" "346M"

run calc "3 ** 4"
expect_rc 2 "malformed"
expect_err "^"
run calc "5 GB + 3 s"
expect_rc 2 "dimension error"
run calc "12 zorks/s"
expect_rc 2 "unknown unit"
expect_err "zorks"
finish
