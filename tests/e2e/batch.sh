# Batch grading for CI: --jobs gives byte-identical reports for any N, --shard slices merge back
# into the unsharded report, quoted globs expand, errors of one file never stop the others, and
# an interrupted run never leaves a torn report.
source "$(dirname "$0")/lib/assert.bash"
cd "$WORK"
mkdir answers
for f in "$SDI_SOURCE"/problems/*/answers/*.md; do
  p="$(basename "$(dirname "$(dirname "$f")")")"
  cp "$f" "answers/$p-$(basename "$f")"
done

for fmt in json text; do
  "$SDI" grade answers --format "$fmt" --jobs 1 >"one.$fmt" 2>/dev/null
  "$SDI" grade answers --format "$fmt" --jobs 2 >"two.$fmt" 2>/dev/null
  "$SDI" grade answers --format "$fmt" --jobs 7 >"seven.$fmt" 2>/dev/null
  checks=$((checks + 1))
  cmp -s "one.$fmt" "two.$fmt" && cmp -s "one.$fmt" "seven.$fmt" || fail "--jobs changes the $fmt report"
done

# Reporters that render on the workers number and total the answers on the main thread.
for fmt in junit tap markdown html github; do
  "$SDI" grade answers --format "$fmt" --min-score 60 --jobs 1 >"one.$fmt" 2>/dev/null
  "$SDI" grade answers --format "$fmt" --min-score 60 --jobs 3 >"three.$fmt" 2>/dev/null
  checks=$((checks + 1))
  cmp -s "one.$fmt" "three.$fmt" || fail "--jobs changes the $fmt report"
done

for k in 1 2 3; do "$SDI" grade answers --shard "$k/3" --format "json:shard$k.json" >/dev/null; done
run report merge shard2.json shard3.json shard1.json --format json
expect_rc 0 "report merge"
checks=$((checks + 1))
cmp -s "$WORK/out" one.json || fail "merged shards differ from the unsharded report"
"$SDI" report merge shard1.json shard2.json shard3.json >merged.text
checks=$((checks + 1))
cmp -s merged.text one.text || fail "merged text report differs from the unsharded one"
run grade answers --shard 4/3
expect_rc 2 "bad shard"
expect_err "--shard 4/3"

run grade "answers/*strong.md" --format json
expect_rc 0 "quoted glob"
expect_true "len(d['results']) == 5"
run grade "nowhere/*.md"
expect_rc 2 "glob matching nothing"
expect_err "no file matches"

# A folder's answers: *.md files in it and its subfolders (a folder named x.md too), and links to
# files; not links to folders, dangling links, or a file named just ".md". Sorted by path.
mkdir -p tree/sub tree/x.md
cp answers/twitter-strong.md tree/a.md
cp answers/twitter-weak.md tree/sub/z.md
cp answers/twitter-strong.md tree/x.md/in.md
cp answers/twitter-strong.md tree/.md
cp answers/twitter-strong.md tree/notes.txt
ln -s a.md tree/b.md
ln -s sub tree/c.md
ln -s nowhere tree/d.md
run grade tree/ --format json
expect_true "[r['file'] for r in d['results']] == ['tree/a.md', 'tree/b.md', 'tree/sub/z.md', 'tree/x.md/in.md']"

# A subfolder that cannot be listed (here: its path is longer than the system allows, which stops
# root as well as anyone) is an error that names it; the answers beside it are still graded.
mkdir -p deep
cp answers/twitter-strong.md deep/a.md
long=$(printf 'd%.0s' $(seq 1 200))
(cd deep && for i in $(seq 1 22); do mkdir "$long" && cd "$long"; done)
run grade deep --format json
expect_rc 2 "unlistable subfolder"
expect_true "[r['file'] for r in d['results']] == ['deep/a.md']"
expect_err "cannot read this folder (File name too long)"

# An unreadable file, a pack error and a check error: exit 2, every other answer reported.
cp answers/url-shortener-strong.md unreadable.md
chmod 000 unreadable.md
if [ -r unreadable.md ]; then rm -f unreadable.md; printf 'x\0y' >unreadable.md; fi
mkdir -p packs/broken packs/checkbug
printf 'id = "broken"\ntitle = "Broken"\nversion = "0.1.0"\nengine = ">=0.1"\ndifficulty = "easy"\ntemplate = "classic"\nprompt = "x"\n' >packs/broken/pack.toml
printf 'sdi.question { id = "x" text = "y" }\n' >packs/broken/pack.lua
printf '+++\nproblem = "broken"\n+++\n# Answer\ntext\n' >broken.md
cp -r "$SDI_SOURCE/problems/url-shortener" packs/checkbug/url-shortener
printf '\nsdi.check { id = "bug", title = "Bug", facet = "api", kind = "custom", weight = 1, feedback = "x", run = function(a) return a.none.x end }\n' >>packs/checkbug/url-shortener/pack.lua
run --pack-path packs --pack-path packs/checkbug grade unreadable.md broken.md answers/twitter-strong.md answers/url-shortener-strong.md --format json
expect_rc 2 "mixed errors"
expect_true "len(d['results']) == 4"
expect_true "[r['graded'] for r in d['results']] == [False, False, True, True]"
expect_true "any(c['id'] == 'bug' and c['status'] == 'error' for s in d['results'][3]['steps'] for c in s['checks'])"
expect_true "d['summary']['errors'] == 3"
expect_err "unreadable.md"
expect_err "packs/broken/pack.lua:1:"
checks=$((checks + 1))
! grep -q '\[#' "$WORK/err" || fail "a progress bar was printed to a non-terminal"

# SIGTERM in the middle of a run: the previous report stays whole, no temporary is left behind.
mkdir many
for i in $(seq 1 300); do cp answers/whatsapp-strong.md "many/$i.md"; done
echo '{"previous": true}' >report.json
"$SDI" grade many --jobs 2 --format json:report.json >/dev/null 2>&1 &
pid=$!
sleep 0.4
kill -TERM "$pid" 2>/dev/null
wait "$pid" 2>/dev/null
checks=$((checks + 1))
python3 -c "
import json; d = json.load(open('report.json'))
assert d == {'previous': True} or (d['schema'] == 'sdi.grade.v1' and len(d['results']) == 300)
" || fail "report.json is torn after SIGTERM: $(head -c 200 report.json)"
checks=$((checks + 1))
[ -z "$(ls -A . | grep '\.tmp\.')" ] || fail "temporary report left behind"
# The start-up cache stays bounded: a folder crowded with entries of long-gone builds is pruned by
# the first run that writes (to three quarters of its 512 entries), and grading is unchanged.
run grade "$SDI_SOURCE/problems/url-shortener/answers/strong.md" --format json
expected_score="$(json_get "d['results'][0]['score']")"
mkdir -p "$WORK/crowded/sdi"
for i in $(seq 600); do printf 'stale' >"$WORK/crowded/sdi/old-$i"; done
touch -d '2 days ago' "$WORK/crowded/sdi"/old-*
XDG_CACHE_HOME="$WORK/crowded" run grade "$SDI_SOURCE/problems/url-shortener/answers/strong.md" --format json
expect_rc 0 "grade with a crowded cache"
expect_true "d['results'][0]['score'] == $expected_score"
entries="$(ls "$WORK/crowded/sdi" | wc -l)"
checks=$((checks + 1))
[ "$entries" -ge 384 ] && [ "$entries" -le 420 ] || fail "cache folder holds $entries entries"
checks=$((checks + 1))
[ -n "$(ls "$WORK/crowded/sdi" | grep '^glossary-')" ] || fail "the new glossary entry was pruned"
finish
