# `sdi list` and `sdi show`: packs from their manifests, prompts and template steps.
source "$(dirname "$0")/lib/assert.bash"

run list
expect_rc 0 "list"
expect_out "url-shortener"
expect_out "Design a URL shortener"
expect_out "DIFFICULTY"

run list --json
expect_rc 0 "list --json"
expect_true "any(p['id'] == 'url-shortener' and p['template'] == 'classic' and p['difficulty'] == 'easy' for p in d)"

run show url-shortener
expect_rc 0 "show"
expect_out "Design a URL shortener"
expect_out "TinyURL"
expect_out "Template: Classic six steps"
expect_out "Capacity estimations"

for t in classic justify conversation seven-steps four-steps; do
  run show url-shortener --template "$t"
  expect_rc 0 "show --template $t"
  expect_out "($t,"
done
run show url-shortener --template seven-steps
expect_out "System interface definition"
expect_out "Identifying and resolving bottlenecks"

run show url-shortener --json
expect_rc 0 "show --json"
expect_true "d['id'] == 'url-shortener' and d['counts']['questions'] >= 12"
expect_true "'answer' not in json.dumps(d['counts'])"

run show no-such-pack
expect_rc 2 "show unknown"
expect_err "unknown problem 'no-such-pack'"
run show url-shortener --template nope
expect_rc 2 "show unknown template"
expect_err "unknown template 'nope'"

# A pack.toml with an unknown key is named precisely, and the good packs still list.
mkdir -p "$WORK/packs/odd"
cat >"$WORK/packs/odd/pack.toml" <<'TOML'
id = "odd"
title = "Odd"
version = "0.1.0"
engine = ">=0.1"
difficulty = "easy"
template = "classic"
prompt = "x"
colour = "blue"
TOML
run --pack-path "$WORK/packs" list
expect_rc 2 "list with a bad manifest"
expect_err "packs/odd/pack.toml:8: unknown key 'colour'"
expect_out "url-shortener"

sed -i 's/^colour.*//; s/^engine.*/engine = ">=9.0"/' "$WORK/packs/odd/pack.toml"
run --pack-path "$WORK/packs" list
expect_err "packs/odd/pack.toml:4: 'engine' '>=9.0' does not include this engine's version"

sed -i 's/^engine.*/engine = "banana"/' "$WORK/packs/odd/pack.toml"
run --pack-path "$WORK/packs" list
expect_err "'engine' is not a version range"

sed -i 's/^title.*//' "$WORK/packs/odd/pack.toml"
run --pack-path "$WORK/packs" list
expect_err "missing required key 'title'"

# `show` of a pack whose manifest is broken says why it is unknown, naming the file and line.
run --pack-path "$WORK/packs" show odd
expect_rc 2 "show a pack that could not be read"
expect_err "unknown problem 'odd': its pack could not be read: "
expect_err "packs/odd/pack.toml:"
# A pack that can be read shows, with the broken one as a warning.
run --pack-path "$WORK/packs" show url-shortener
expect_rc 0 "show beside a broken pack"
expect_out "Design a URL shortener"
expect_err "sdi: warning: "
expect_err "packs/odd/pack.toml:"

# `grade` of an answer naming that pack reports why, in the report as well as on stderr, and
# exits 2.
printf '+++\nproblem = "odd"\n+++\n# Requirements\nWe shorten URLs.\n' >"$WORK/odd-answer.md"
run --pack-path "$WORK/packs" grade "$WORK/odd-answer.md" --format json
expect_rc 2 "grade an answer naming a pack that could not be read"
expect_true "'its pack could not be read: ' in d['results'][0]['errors'][0] and 'packs/odd/pack.toml' in d['results'][0]['errors'][0]"
expect_err "sdi: warning: "

# A folder in a folder of packs that cannot be read (a link in a loop) is named, not skipped in
# silence; the packs beside it still list.
ln -s looped "$WORK/packs/looped"
run --pack-path "$WORK/packs" list
expect_rc 2 "list with an unreadable pack folder"
expect_err "packs/looped: cannot read this folder (Too many levels of symbolic links); any pack in it is left out"
expect_out "url-shortener"
rm "$WORK/packs/looped"

# SDI_PATH adds folders too (colon-separated), and an installed tree finds its own plugins.
mkdir -p "$WORK/extra"
cp -r "$SDI_SOURCE/problems/url-shortener" "$WORK/extra/tiny-url"
sed -i 's/^id = "url-shortener"/id = "tiny-url"/' "$WORK/extra/tiny-url/pack.toml"
SDI_PATH="/nonexistent:$WORK/extra" "$SDI" list >"$WORK/out" 2>"$WORK/err"
checks=$((checks + 1))
grep -q "^tiny-url " "$WORK/out" || fail "SDI_PATH pack not listed: $(cat "$WORK/out")"

# A --pack-path that names no folder (a typo) is an error that names it; the other packs are listed.
run --pack-path "$WORK/no-such-packs" list
expect_rc 2 "list with a missing --pack-path"
expect_err "--pack-path $WORK/no-such-packs: No such file or directory"
expect_out "url-shortener"
# `show` and `grade` still do their work, with the typo as a warning.
run --pack-path "$WORK/no-such-packs" show url-shortener
expect_rc 0 "show with a missing --pack-path"
expect_err "sdi: warning: --pack-path $WORK/no-such-packs: No such file or directory"

cmake --install "$(dirname "$SDI")" --prefix "$WORK/prefix" >/dev/null 2>&1
"$WORK/prefix/bin/sdi" list >"$WORK/out" 2>"$WORK/err"
checks=$((checks + 1))
grep -q "^url-shortener " "$WORK/out" || fail "installed sdi does not find its packs: $(cat "$WORK/err")"

run --version
expect_rc 0 "--version"
expect_out "sdi "
run --help
expect_rc 0 "--help"
expect_out "grade"
finish
