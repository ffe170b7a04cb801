# `sdi pack test`: samples graded against their bands; a sample outside its band is reported
# with the band and the checks that moved it.
source "$(dirname "$0")/lib/assert.bash"

run pack test url-shortener
expect_rc 0 "pack test url-shortener"
expect_out "ok    answers/strong.md"
expect_out "ok    answers/weak.md"
expect_out "6 passed, 0 failed"

# A copy of the pack whose weak sample claims a strong band fails precisely.
cp -r "$SDI_SOURCE/problems/url-shortener" "$WORK/url-shortener"
sed -i 's/band = \[0, 40\]/band = [80, 100]/' "$WORK/url-shortener/pack.toml"
run pack test "$WORK/url-shortener"
expect_rc 1 "sample outside its band"
expect_out "FAIL  answers/weak.md"
expect_out "band 80-100"
expect_out "too low; moved by:"
expect_out "5 passed, 1 failed"

run pack test no-such-pack
expect_rc 2 "unknown pack"
expect_err "no-such-pack: not a pack id"
finish
