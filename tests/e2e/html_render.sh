# The HTML report in a real browser: headless Chromium (installed by scripts/setup) loads the page
# offline, its DOM holds a row per answer and a bar per step, and a screenshot shows the table and
# the bar charts (their colours are found in the decoded PNG).
source "$(dirname "$0")/lib/assert.bash"
P="$SDI_SOURCE/problems"

CHROMIUM="$(command -v chromium || command -v chromium-browser || true)"
if [ -z "$CHROMIUM" ]; then
  fail "chromium is not installed: run scripts/setup (or apt-get install chromium)"
  finish
  exit 1
fi

browser() {
  timeout 120 "$CHROMIUM" --headless --no-sandbox --disable-gpu --disable-quic --no-first-run \
    --disable-background-networking --disable-component-update --disable-sync \
    --user-data-dir="$(mktemp -d "$WORK/profile.XXXXXX")" "$@" 2>>"$WORK/chromium.err"
}

# Paths relative to the packs, so the page's layout (and what fits in the screenshot) is the same
# wherever the project is checked out.
cd "$P" || exit 1
ANSWERS=(url-shortener/answers/strong.md twitter/answers/weak.md logging/answers/medium.md
  no-such-answer.md)
run grade "${ANSWERS[@]}" --min-score 70 --format "html:$WORK/report.html" --format "json:$WORK/report.json"
expect_rc 2 "grade to html (one answer is missing)"

browser --dump-dom "file://$WORK/report.html" >"$WORK/dom.html"
checks=$((checks + 1))
[ -s "$WORK/dom.html" ] || fail "chromium --dump-dom printed nothing: $(tail -5 "$WORK/chromium.err")"

checks=$((checks + 1))
python3 - "$WORK/dom.html" "$WORK/report.json" <<'PY' || fail "the rendered DOM does not match the report (details above)"
import json, sys
from html.parser import HTMLParser

dom = open(sys.argv[1], encoding='utf-8').read()
d = json.loads(open(sys.argv[2], 'rb').read().decode('utf-8', 'replace'))
problems = []


class Dom(HTMLParser):
    def __init__(self):
        super().__init__()
        self.rows, self.sections, self.section, self.cells, self.in_row = [], [], None, None, False

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        classes = (a.get('class') or '').split()
        if tag == 'tr' and 'answer' in classes:
            self.cells = []
        elif tag == 'td' and self.cells is not None:
            self.cells.append('')
        elif tag == 'section':
            self.section = {'id': a.get('id'), 'svg': 0, 'bars': []}
            self.sections.append(self.section)
        elif tag == 'svg' and self.section is not None:
            self.section['svg'] += 1
        elif tag == 'rect' and 'bar' in classes and self.section is not None:
            self.section['bars'].append(a.get('data-step'))

    def handle_endtag(self, tag):
        if tag == 'tr' and self.cells is not None:
            self.rows.append(self.cells)
            self.cells = None
        elif tag == 'section':
            self.section = None

    def handle_data(self, data):
        if self.cells:
            self.cells[-1] += data


p = Dom()
p.feed(dom)
results = d['results']
if len(p.rows) != len(results):
    problems.append(f'{len(p.rows)} answer rows in the DOM, {len(results)} answers')
for row, r in zip(p.rows, results):
    if len(row) != 7 or row[1] != r['file']:
        problems.append(f'row {row} does not show {r["file"]}')
    elif r['graded'] and (row[2] != r['problem'] or row[4] != ('%g' % r['score'])):
        problems.append(f'row {row} does not show problem {r["problem"]} and score {r["score"]}')
if len(p.sections) != len(results):
    problems.append(f'{len(p.sections)} sections in the DOM, {len(results)} answers')
for s, r in zip(p.sections, results):
    want = [st['id'] for st in r['steps']] if r['graded'] else []
    if s['bars'] != want or s['svg'] != (1 if r['graded'] else 0):
        problems.append(f'section {s["id"]}: {s["svg"]} svg, bars {s["bars"]}, expected {want}')
for e in problems:
    print(e, file=sys.stderr)
sys.exit(1 if problems else 0)
PY

# The page loads nothing from the network: its only URLs are in-page anchors.
checks=$((checks + 1))
grep -Eqi '(src|href)="(https?:|//)' "$WORK/dom.html" && fail "the rendered page references an external resource"

cat >"$WORK/check_png.py" <<'PY'
# Decodes the PNG (8-bit RGB or RGBA, not interlaced) and looks for the chart's colours: the bar
# track (#eaeef2) and the strong bar (#1a7f37) fill thousands of pixels when the SVG rendered.
import os, struct, sys, zlib

path = sys.argv[1]
data = open(path, 'rb').read()
problems = []
if data[:8] != b'\x89PNG\r\n\x1a\n':
    sys.exit('not a PNG')
if len(data) < 20000:
    problems.append(f'only {len(data)} bytes: a blank page?')
pos, idat, ihdr = 8, b'', None
while pos < len(data):
    n, kind = struct.unpack('>I4s', data[pos:pos + 8])
    body = data[pos + 8:pos + 8 + n]
    pos += 12 + n
    if kind == b'IHDR':
        ihdr = struct.unpack('>IIBBBBB', body)
    elif kind == b'IDAT':
        idat += body
w, h, depth, ctype, _, _, interlace = ihdr
if (w, h) != (1200, 900):
    problems.append(f'screenshot is {w}x{h}, expected 1200x900')
if depth != 8 or ctype not in (2, 6) or interlace:
    sys.exit(f'unexpected PNG format: depth {depth}, colour type {ctype}, interlace {interlace}')
bpp = 3 if ctype == 2 else 4
raw = zlib.decompress(idat)
stride = w * bpp
prev, p = bytearray(stride), 0
counts = {'track': 0, 'strong bar': 0, 'text': 0}
targets = {'track': (0xea, 0xee, 0xf2), 'strong bar': (0x1a, 0x7f, 0x37)}
colours = set()
for y in range(h):
    f, line = raw[p], bytearray(raw[p + 1:p + 1 + stride])
    p += 1 + stride
    if f == 1:
        for i in range(bpp, stride):
            line[i] = (line[i] + line[i - bpp]) & 255
    elif f == 2:
        line = bytearray((a + b) & 255 for a, b in zip(line, prev))
    elif f == 3:
        for i in range(stride):
            line[i] = (line[i] + ((line[i - bpp] if i >= bpp else 0) + prev[i]) // 2) & 255
    elif f == 4:
        for i in range(stride):
            a = line[i - bpp] if i >= bpp else 0
            b, c = prev[i], (prev[i - bpp] if i >= bpp else 0)
            pa, pb, pc = abs(b - c), abs(a - c), abs(a + b - 2 * c)
            line[i] = (line[i] + (a if pa <= pb and pa <= pc else b if pb <= pc else c)) & 255
    prev = line
    for x in range(0, stride, bpp):
        px = (line[x], line[x + 1], line[x + 2])
        colours.add(px)
        for name, t in targets.items():
            if all(abs(px[i] - t[i]) <= 3 for i in range(3)):
                counts[name] += 1
        if max(px) < 80:
            counts['text'] += 1
for name, minimum in (('track', 2000), ('strong bar', 5000), ('text', 2000)):
    if counts[name] < minimum:
        problems.append(f'{counts[name]} {name} pixels, expected at least {minimum}')
if len(colours) < 50:
    problems.append(f'only {len(colours)} colours: nothing rendered?')
for e in problems:
    print(e, file=sys.stderr)
print(f'{os.path.basename(path)}: {w}x{h}, {len(data)} bytes, {counts}', file=sys.stderr if problems else sys.stdout)
sys.exit(1 if problems else 0)
PY
# A loaded machine can make Chromium take the screenshot before the page has painted: the page's
# virtual time runs until it is idle, and a blank shot is taken again (up to three times); what a
# shot must show does not change.
shot_ok=0
for attempt in 1 2 3; do
  rm -f "$WORK/shot.png"
  browser --screenshot="$WORK/shot.png" --window-size=1200,900 --hide-scrollbars \
    --virtual-time-budget=5000 "file://$WORK/report.html" >/dev/null
  if [ -f "$WORK/shot.png" ] && python3 "$WORK/check_png.py" "$WORK/shot.png" 2>"$WORK/png.err"; then
    shot_ok=1
    break
  fi
done
checks=$((checks + 1))
[ -f "$WORK/shot.png" ] || fail "no screenshot: $(tail -5 "$WORK/chromium.err")"
checks=$((checks + 1))
[ "$shot_ok" = 1 ] || fail "the screenshot does not show the report: $(cat "$WORK/png.err")"
finish
