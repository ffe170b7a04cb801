# The report formats junit, tap, github, markdown and html: each run on a mix of answers (strong,
# below --min-score, paths with a comma, a colon, a pipe and angle brackets, a pack whose checks error, partially pass
# and return hostile text, a missing file, a file that cannot be graded) and validated against
# its own spec with the Python standard library, counts compared with the JSON report of the same
# run. Every format also writes the same bytes to stdout and to FILE, and twice in a row.
source "$(dirname "$0")/lib/assert.bash"
P="$SDI_SOURCE/problems"
case "$SDI" in /*) ;; *) SDI="$PWD/$SDI" ;; esac
cd "$WORK" || exit 1

# A pack with checks that break, score half, and return text that every format must escape.
"$SDI" pack new tp >/dev/null || fail "sdi pack new tp"
cat >>tp/pack.lua <<'LUA'
sdi.check {
  id = "boom", title = "Broken check <&>", facet = "bottlenecks", kind = "custom", weight = 1,
  feedback = "never shown",
  run = function() error("kaboom <&> \"q\" 'a'") end,
}
sdi.check {
  id = "weird", title = "Weird & <title> \"q\" 'a', b: c | d # e", facet = "justify", kind = "custom",
  weight = 2, feedback = "fallback",
  run = function()
    return { score = 0,
      feedback = "bad\1ctl & <tag> \"q\" 'a' 100% done: x, y\r\nline2 :: ]]> \127 \194\133 \239\191\191 bad\255utf8 | pipe # hash \\ back $x$ *b* _i_ `c` [l](u)",
      suggestion = "do <b>this</b> & that\nsecond line %0A literal",
      evidence = { { line = 3, text = "ev & <x> \"q\" \1" } } }
  end,
}
sdi.check {
  id = "half", title = "Half check", facet = "justify", kind = "custom", weight = 2,
  feedback = "Half feedback.",
  run = function() return { score = 0.5, feedback = "got half", evidence = { 0 } } end,
}
LUA
mkdir -p "odd,dir:x"
cp "$P/twitter/answers/weak.md" "odd,dir:x/we|ak<1>,2:3.md"
cp tp/answers/strong.md "odd,dir:x/tp,1:2.md"
printf 'no front matter \377\376 \001 here\n' >garbage.md

MIXED=("$P/url-shortener/answers/strong.md" "$P/twitter/answers/weak.md" "$P/logging/answers/medium.md"
  "odd,dir:x/we|ak<1>,2:3.md" tp/answers/strong.md missing.md garbage.md)
CLEAN=("$P/url-shortener/answers/strong.md")

cat >"$WORK/validate.py" <<'PY'
"""Validators for the report formats: validate.py FORMAT REPORT JSON [requirements...]."""
import json
import re
import sys
import xml.etree.ElementTree as ET
from html.parser import HTMLParser

errors = []


def expect(cond, msg):
    if not cond:
        errors.append(msg)
    return cond


BAD = re.compile('[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ufffe\uffff]')


def clean(s):
    """What the reporters' lib/escape.lua `clean` makes of a text."""
    return BAD.sub('\ufffd', s)


def one_line(s):
    return re.sub(r'[ \t\n\v\f\r]+', ' ', clean(s)).strip(' ')


def num(x):
    if x == int(x):
        return str(int(x))
    return ('%.2f' % x).rstrip('0').rstrip('.')


def checks_of(r):
    return [(s, c) for s in r['steps'] for c in s['checks']]


def unattributed(r):
    errored = {c['feedback'] for _, c in checks_of(r) if c['status'] == 'error'}
    return [e for e in r['errors'] if e not in errored]


def below_bar(r, m):
    return (not r['graded']) or bool(r['errors']) or (m > 0 and r['score'] < m)


def first_line(c):
    ev = c['evidence']
    return ev[0]['line'] if ev and ev[0]['line'] > 0 else None


def read_text(path, what):
    raw = open(path, 'rb').read()
    try:
        text = raw.decode('utf-8')
    except UnicodeDecodeError as e:
        expect(False, f'{what}: not valid UTF-8: {e}')
        text = raw.decode('utf-8', 'replace')
    expect(text.endswith('\n'), f'{what}: does not end with a newline')
    return raw, text


# ---------------------------------------------------------------------------------------- junit
def v_junit(path, d, reqs):
    raw, _ = read_text(path, 'junit')
    try:
        root = ET.fromstring(raw)
    except ET.ParseError as e:
        expect(False, f'junit: not well-formed XML: {e}')
        return
    m = d['summary']['min_score']
    expect(root.tag == 'testsuites', f'junit: root is <{root.tag}>')
    expect(not any(k in el.attrib for el in root.iter() for k in ('timestamp', 'hostname')),
           'junit: timestamps or host names make runs differ')
    suites = list(root)
    expect(all(s.tag == 'testsuite' for s in suites), 'junit: a root child is not <testsuite>')
    expect(len(suites) == len(d['results']), f'junit: {len(suites)} testsuites for {len(d["results"])} answers')
    total = {'tests': 0, 'failures': 0, 'errors': 0}
    kinds_seen = set()
    for suite, r in zip(suites, d['results']):
        f = clean(r['file'])
        where = f'junit suite {f!r}'
        expect(suite.get('name') == f, f'{where}: name {suite.get("name")!r}')
        props = {p.get('name'): p.get('value') for p in suite.findall('properties/property')}
        for k in ('problem', 'template', 'level'):
            expect(props.get(k) == r[k], f'{where}: property {k} = {props.get(k)!r}, JSON {r[k]!r}')
        expect(props.get('score') == num(r['score']), f'{where}: property score {props.get("score")!r}')
        exp = []
        if not r['graded']:
            exp.append((f, 'grade [not_graded]', 'error', None))
        else:
            for s, c in checks_of(r):
                kind = {'pass': 'pass', 'partial': 'partial', 'fail': 'failure', 'error': 'error'}[c['status']]
                exp.append((f + '.' + s['id'], clean(c['title']) + ' [' + c['id'] + ']', kind, c))
            if unattributed(r):
                exp.append((f, 'grading errors [errors]', 'error', None))
            if m > 0:
                exp.append((f, f'score at least {num(m)} [min_score]', 'failure' if r['score'] < m else 'pass', None))
        cases = list(suite.findall('testcase'))
        expect(len(cases) == len(exp), f'{where}: {len(cases)} testcases, expected {len(exp)}')
        nf = ne = 0
        for case, (cls, name, kind, c) in zip(cases, exp):
            w = f'{where} case {name!r}'
            expect(case.get('classname') == cls, f'{w}: classname {case.get("classname")!r}, expected {cls!r}')
            expect(case.get('name') == name, f'{w}: name {case.get("name")!r}')
            expect(case.get('time') == '0', f'{w}: time {case.get("time")!r}')
            fails, errs, outs = case.findall('failure'), case.findall('error'), case.findall('system-out')
            kinds_seen.add(kind)
            if kind == 'failure':
                nf += 1
                expect(len(fails) == 1 and not errs, f'{w}: expected one <failure> and no <error>')
            elif kind == 'error':
                ne += 1
                expect(len(errs) == 1 and not fails, f'{w}: expected one <error> and no <failure>')
            else:
                expect(not fails and not errs, f'{w}: a passing check carries <failure>/<error>')
            if kind == 'partial':
                expect(len(outs) == 1 and (outs[0].text or '').startswith(f'{num(c["points"])}/{num(c["max"])} points'),
                       f'{w}: partial check without its points in <system-out>')
            if c is not None and kind == 'failure' and fails:
                el, body = fails[0], fails[0].text or ''
                expect(el.get('type') == 'fail', f'{w}: failure type {el.get("type")!r}')
                msg = c['feedback'] or c['suggestion']
                expect(el.get('message') == one_line(msg)[:1000], f'{w}: message {el.get("message")!r}')
                for part in (c['feedback'], c['suggestion']):
                    expect(clean(part) in body, f'{w}: body lacks {clean(part)!r}: {body!r}')
                for ev in c['evidence']:
                    if ev['line'] > 0:
                        expect(f'line {ev["line"]}: {clean(ev["text"])}' in body, f'{w}: body lacks evidence line {ev["line"]}')
            if c is not None and kind == 'error' and errs:
                expect(errs[0].get('type') == 'error', f'{w}: error type {errs[0].get("type")!r}')
                expect(clean(c['feedback']) in (errs[0].text or ''), f'{w}: error body lacks the feedback')
            if not r['graded'] and errs:
                expect(all(clean(e) in (errs[0].text or '') for e in r['errors']), f'{w}: error body lacks the errors')
        got = (int(suite.get('tests')), int(suite.get('failures')), int(suite.get('errors')))
        expect(got == (len(cases), nf, ne), f'{where}: tests/failures/errors {got}, counted {(len(cases), nf, ne)}')
        total['tests'] += len(cases)
        total['failures'] += nf
        total['errors'] += ne
    for k, v in total.items():
        expect(root.get(k) == str(v), f'junit: root {k}={root.get(k)!r}, suites sum to {v}')
    if 'mixed' in reqs:
        expect({'failure', 'error', 'partial', 'pass'} <= kinds_seen, f'junit: the mixed run shows only {kinds_seen}')


# ------------------------------------------------------------------------------------------ tap
KEY = re.compile(r'([A-Za-z_][A-Za-z0-9_]*):(?: (.*))?')


def indent_of(line):
    return len(line) - len(line.lstrip(' '))


def yaml_scalar(t):
    if t.startswith('"'):
        return json.loads(t)  # JSON-style double-quoted scalars only; raises when malformed
    if t == '[]':
        return []
    if t in ('true', 'false'):
        return t == 'true'
    if re.fullmatch(r'-?\d+', t):
        return int(t)
    if re.fullmatch(r'-?\d+\.\d+', t):
        return float(t)
    raise ValueError(f'unquoted YAML scalar {t!r}')


def yaml_block(lines, i, indent):
    """The subset of YAML the TAP reporter writes: block mappings, block sequences, scalars."""
    if lines[i][indent:].startswith('- '):
        seq = []
        while i < len(lines) and indent_of(lines[i]) == indent and lines[i][indent:].startswith('- '):
            rest = lines[i][indent + 2:]
            if KEY.fullmatch(rest):
                lines[i] = ' ' * (indent + 2) + rest
                item, i = yaml_block(lines, i, indent + 2)
            else:
                item, i = yaml_scalar(rest), i + 1
            seq.append(item)
        return seq, i
    mapping = {}
    while i < len(lines) and indent_of(lines[i]) == indent and not lines[i][indent:].startswith('- '):
        mo = KEY.fullmatch(lines[i][indent:])
        if not mo:
            raise ValueError(f'not a YAML mapping line: {lines[i]!r}')
        key = mo.group(1)
        if key in mapping:
            raise ValueError(f'duplicate YAML key {key!r}')
        i += 1
        if mo.group(2) is not None:
            mapping[key] = yaml_scalar(mo.group(2))
        elif i < len(lines) and (indent_of(lines[i]) > indent or
                                 (indent_of(lines[i]) == indent and lines[i][indent:].startswith('- '))):
            mapping[key], i = yaml_block(lines, i, indent_of(lines[i]))
        else:
            mapping[key] = None
    return mapping, i


def parse_yaml(body):
    lines = list(body)
    value, i = yaml_block(lines, 0, 0)
    if i != len(lines):
        raise ValueError(f'YAML line out of place: {lines[i]!r}')
    return value


def tap_description(desc):
    """Unescapes \\\\ and \\#; None when a bare # (a directive) is present."""
    out, i = '', 0
    while i < len(desc):
        if desc[i] == '\\' and i + 1 < len(desc):
            out += desc[i + 1]
            i += 2
        elif desc[i] == '#':
            return None
        else:
            out += desc[i]
            i += 1
    return out


def v_tap(path, d, reqs):
    _, text = read_text(path, 'tap')
    m = d['summary']['min_score']
    lines = text.split('\n')[:-1]
    expect(lines and lines[0] == 'TAP version 14', 'tap: first line is not "TAP version 14"')
    points, plan, plan_at, i = [], None, None, 1
    while i < len(lines):
        line = lines[i]
        mo = re.fullmatch(r'(not ok|ok) (\d+) - (.*)', line)
        if mo:
            expect(plan is None, 'tap: a test point after the plan')
            y = None
            if i + 1 < len(lines) and lines[i + 1] == '  ---':
                j, body = i + 2, []
                while j < len(lines) and lines[j] != '  ...':
                    expect(lines[j].startswith('  '), f'tap: YAML line not indented: {lines[j]!r}')
                    body.append(lines[j][2:])
                    j += 1
                expect(j < len(lines), 'tap: YAML block without "  ..."')
                try:
                    y = parse_yaml(body)
                except (ValueError, json.JSONDecodeError) as e:
                    expect(False, f'tap: YAML block of point {mo.group(2)} malformed: {e}')
                i = j
            desc = tap_description(mo.group(3))
            expect(desc is not None, f'tap: unescaped # in description {mo.group(3)!r}')
            points.append((mo.group(1) == 'ok', int(mo.group(2)), desc or '', y))
        elif re.fullmatch(r'1\.\.\d+', line):
            expect(plan is None, 'tap: two plans')
            plan, plan_at = int(line[3:]), i
        else:
            expect(False, f'tap: line is neither a test point, a plan nor a YAML block: {line!r}')
        i += 1
    expect(plan is not None and plan_at == len(lines) - 1, 'tap: the plan is missing or not the last line')
    expect(plan == len(points) == len(d['results']), f'tap: plan {plan}, {len(points)} points, {len(d["results"])} answers')
    expect([p[1] for p in points] == list(range(1, len(points) + 1)), 'tap: points not numbered 1..N')
    for (ok, n, desc, y), r in zip(points, d['results']):
        w = f'tap point {n}'
        expect(ok == (not below_bar(r, m)), f'{w}: {"ok" if ok else "not ok"} for score {r["score"]}, errors {r["errors"]}')
        expect(desc.startswith(one_line(r['file']) + ' ('), f'{w}: description {desc!r}')
        if r['graded']:
            expect(f'score {num(r["score"])} {r["level"]}' in desc, f'{w}: description lacks the score')
        if not expect(isinstance(y, dict), f'{w}: no YAML diagnostics'):
            continue
        expect(y.get('score') == r['score'] and y.get('level') == r['level'] and y.get('min_score') == m,
               f'{w}: score/level/min_score {y.get("score")}/{y.get("level")}/{y.get("min_score")}')
        expect(y.get('file') == clean(r['file']), f'{w}: file {y.get("file")!r}')
        if not ok:
            expect(isinstance(y.get('message'), str), f'{w}: not ok without a message')
        if r['errors']:
            expect(y.get('errors') == [clean(e) for e in r['errors']], f'{w}: errors {y.get("errors")!r}')
        if r['graded']:
            failed = [(s, c) for s, c in checks_of(r) if c['status'] in ('fail', 'error')]
            got = y.get('failed') or []
            expect([f.get('id') for f in got] == [c['id'] for _, c in failed], f'{w}: failed ids differ from the JSON')
            for f, (s, c) in zip(got, failed):
                expect(f.get('points') == f'{num(c["points"])}/{num(c["max"])}', f'{w} {c["id"]}: points {f.get("points")!r}')
                expect(f.get('feedback') == clean(c['feedback'] or c['suggestion']), f'{w} {c["id"]}: feedback {f.get("feedback")!r}')
                expect(f.get('status') == c['status'] and f.get('step') == s['id'], f'{w} {c["id"]}: status/step')
    if 'mixed' in reqs:
        expect(any(p[0] for p in points) and not all(p[0] for p in points), 'tap: the mixed run needs ok and not ok points')


# --------------------------------------------------------------------------------------- github
PROP_KEYS = {'file', 'line', 'endLine', 'col', 'endColumn', 'title'}


def gh_unescape(s, prop):
    codes = {'25': '%', '0D': '\r', '0A': '\n'}
    if prop:
        codes.update({'3A': ':', '2C': ','})
    pat = '|'.join(codes)
    expect(re.fullmatch(rf'(?:[^%]|%(?:{pat}))*', s) is not None, f'github: bad escape in {s!r}')
    return re.sub(rf'%({pat})', lambda mo: codes[mo.group(1)], s)


def gh_message(c):
    parts = [p for p in (c['feedback'],) if p]
    if c['suggestion'] and c['suggestion'] != c['feedback']:
        parts.append('Suggestion: ' + c['suggestion'])
    return clean('\n\n'.join(parts) or c['title'])


def v_github(path, d, reqs):
    _, text = read_text(path, 'github')
    m = d['summary']['min_score']
    anns = []
    for line in text.split('\n')[:-1]:
        mo = re.fullmatch(r'::(error|warning|notice)(?: ([^:]*))?::(.*)', line)
        if not expect(mo is not None, f'github: not a workflow command: {line!r}'):
            continue
        props = {}
        for part in (mo.group(2) or '').split(','):
            if not part:
                continue
            k, eq, v = part.partition('=')
            expect(eq and k in PROP_KEYS, f'github: bad property {part!r}')
            expect(re.fullmatch(r'[^,:\r\n]*', v) is not None, f'github: unescaped property value {v!r}')
            props[k] = gh_unescape(v, True)
        anns.append((mo.group(1), props, gh_unescape(mo.group(3), False), line))
    kinds = [a[0] for a in anns]
    expect(kinds.count('notice') == 1 and kinds[-1] == 'notice', 'github: expected one notice, last')
    by_key = {(clean(r['file']), c['id']): c for r in d['results'] for _, c in checks_of(r)}
    files = {clean(r['file']) for r in d['results']}
    answer_level = sum(1 for r in d['results'] if not r['graded'])
    answer_level += sum(1 for r in d['results'] if r['graded'] and unattributed(r))
    answer_level += sum(1 for r in d['results'] if r['graded'] and m > 0 and r['score'] < m)
    want_e = answer_level + sum(1 for r in d['results'] for _, c in checks_of(r) if c['status'] in ('fail', 'error'))
    want_w = sum(1 for r in d['results'] for _, c in checks_of(r) if c['status'] == 'partial')
    ne, nw = kinds.count('error'), kinds.count('warning')
    expect(ne == min(10, want_e), f'github: {ne} errors, expected min(10, {want_e})')
    expect(nw == min(10, want_w), f'github: {nw} warnings, expected min(10, {want_w})')
    notice = anns[-1][2] if anns else ''
    if want_e > 10 or want_w > 10:
        expect(f'{want_e - ne} more error' in notice and f'{want_w - nw} more warning' in notice,
               f'github: notice does not count what was left out: {notice!r}')
    else:
        expect('left out' not in notice, f'github: notice claims something was left out: {notice!r}')
    if answer_level <= 10:
        got = sum(1 for k, p, _, _ in anns if k == 'error' and p.get('title', '').startswith('sdi: '))
        expect(got == answer_level, f'github: {got} answer-level errors, expected {answer_level}')
    seen = set()
    for kind, props, msg, line in anns:
        if kind == 'notice':
            continue
        expect(props.get('file') in files, f'github: annotation on unknown file {props.get("file")!r}')
        mo = re.fullmatch(r'(.*) \[([^\]]+)\] ([\d.]+)/([\d.]+)', props.get('title', ''), re.S)
        if not mo:
            continue
        c = by_key.get((props.get('file'), mo.group(2)))
        if not expect(c is not None, f'github: annotation for unknown check {props.get("title")!r}'):
            continue
        seen.add(mo.group(2))
        w = f'github {mo.group(2)} in {props.get("file")}'
        expect(mo.group(1) == clean(c['title']), f'{w}: title {mo.group(1)!r}')
        expect(msg == gh_message(c), f'{w}: message {msg!r}, expected {gh_message(c)!r}')
        expect(props.get('line') == str(first_line(c) or 1), f'{w}: line {props.get("line")!r}')
        expect(kind == ('warning' if c['status'] == 'partial' else 'error'), f'{w}: {kind} for status {c["status"]}')
    for req in reqs:
        if req.startswith('check:'):
            expect(req[6:] in seen, f'github: no annotation for check {req[6:]}')
        elif req.startswith('raw:'):
            expect(any(req[4:] in a[3] for a in anns), f'github: no line contains {req[4:]!r}')
        elif req == 'capped':
            expect(want_e > 10, f'github: the run should exceed the cap (only {want_e} errors)')


# ------------------------------------------------------------------------------------- markdown
def md_cells(row):
    expect(row.startswith('|') and row.endswith('|'), f'markdown: table row not enclosed in pipes: {row!r}')
    cells, cur, i = [], '', 1
    while i < len(row):
        ch = row[i]
        if ch == '\\' and i + 1 < len(row):
            cur += row[i:i + 2]
            i += 2
        elif ch == '|':
            cells.append(cur.strip())
            cur, i = '', i + 1
        else:
            cur, i = cur + ch, i + 1
    expect(cur.strip() == '', f'markdown: text after the last pipe: {row!r}')
    return cells


def md_unescape(s):
    return re.sub(r'\\([!-/:-@\[-`{-~])', r'\1', s)


def v_markdown(path, d, reqs):
    _, text = read_text(path, 'markdown')
    lines = text.split('\n')
    # Outside our own markup no markup character may appear unescaped.
    for line in lines:
        i = 0
        while i < len(line):
            if line[i] == '\\':
                i += 2
                continue
            expect(line[i] not in '<>`$_[]&~', f'markdown: unescaped {line[i]!r} in {line!r}')
            i += 1
    tables, cur = [], []
    for line in lines + ['']:
        if line.startswith('|'):
            cur.append(line)
        elif cur:
            tables.append(cur)
            cur = []
    for t in tables:
        widths = [len(md_cells(row)) for row in t]
        expect(len(set(widths)) == 1, f'markdown: table rows with {sorted(set(widths))} columns: {t[0]!r}')
        expect(len(t) >= 2 and re.fullmatch(r'\|(\s*:?-+:?\s*\|)+', t[1]) is not None, f'markdown: no delimiter row under {t[0]!r}')
    graded = [r for r in d['results'] if r['graded']]
    expect(len(tables) == 1 + len(graded), f'markdown: {len(tables)} tables, expected {1 + len(graded)}')
    if not tables:
        return
    head = md_cells(tables[0][0])
    expect(head == ['#', 'File', 'Problem', 'Template', 'Score', 'Level', 'Weakest step'], f'markdown: summary header {head}')
    rows = [md_cells(r) for r in tables[0][2:]]
    expect(len(rows) == len(d['results']), f'markdown: {len(rows)} summary rows for {len(d["results"])} answers')
    for row, r in zip(rows, d['results']):
        expect(md_unescape(row[1]) == one_line(r['file']), f'markdown: file cell {row[1]!r}')
        if r['graded']:
            expect(row[4] == num(r['score']) and md_unescape(row[2]) == r['problem'], f'markdown: row {row}')
    heads = [l for l in lines if l.startswith('## ')]
    expect(len(heads) == len(d['results']), f'markdown: {len(heads)} sections for {len(d["results"])} answers')
    for i, (h, r) in enumerate(zip(heads, d['results']), 1):
        expect(md_unescape(h[3:]) == f'{i}. {one_line(r["file"])}', f'markdown: heading {h!r}')
    # Per graded answer: its step table and its missed checks, in section order.
    sections = text.split('\n## ')[1:]
    for body, r in zip(sections, d['results']):
        if not r['graded']:
            continue
        sl = body.split('\n')
        steps = [l for l in sl if l.startswith('|')][2:]
        expect(len(steps) == len(r['steps']), f'markdown {r["file"]}: {len(steps)} step rows for {len(r["steps"])} steps')
        for row, s in zip(steps, r['steps']):
            cells = md_cells(row)
            expect(md_unescape(cells[0]) == one_line(s['title']), f'markdown: step cell {cells[0]!r}')
            if s['max'] > 0:
                expect(cells[1] == f'{num(s["points"])}/{num(s["max"])}' and cells[2] == f'{s["score"]}%', f'markdown: step row {cells}')
        missed = [c for _, c in checks_of(r) if c['status'] != 'pass']
        items = [l for l in sl if l.startswith('- ') and ' **' in l]
        expect(len(items) == len(missed), f'markdown {r["file"]}: {len(items)} missed checks listed, {len(missed)} in JSON')
        for item, c in zip(items, missed):
            mo = re.match(r'- \S+ \*\*(.*?)\*\* \(', item)
            expect(mo is not None and md_unescape(mo.group(1)) == one_line(c['title']), f'markdown: missed item {item!r}')


# ----------------------------------------------------------------------------------------- html
VOID = {'area', 'base', 'br', 'col', 'embed', 'hr', 'img', 'input', 'link', 'meta', 'source', 'track', 'wbr'}
URL_ATTRS = {'src', 'href', 'srcset', 'action', 'formaction', 'xlink:href', 'poster', 'data', 'background', 'manifest'}


class Page(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.stack, self.doctype, self.rows, self.text = [], False, 0, []
        self.sections, self.section, self.style, self.in_style = [], None, '', False

    def handle_decl(self, decl):
        self.doctype = self.doctype or decl.lower() == 'doctype html'

    def element(self, tag, attrs):
        a = dict(attrs)
        expect(tag not in ('script', 'link', 'img', 'iframe', 'object', 'embed', 'base', 'image', 'use'),
               f'html: <{tag}> may load or run something')
        for k, v in attrs:
            expect(not k.startswith('on'), f'html: event handler {k}')
            if k in URL_ATTRS:
                expect((v or '').startswith('#'), f'html: external reference {k}={v!r}')
            expect('url(' not in (v or '') and 'http:' not in (v or '') and 'https:' not in (v or ''),
                   f'html: attribute {k}={v!r} references something')
        classes = (a.get('class') or '').split()
        if tag == 'tr' and 'answer' in classes:
            self.rows += 1
        if tag == 'section':
            self.section = {'id': a.get('id'), 'svgs': 0, 'bars': []}
            self.sections.append(self.section)
        if tag == 'svg' and self.section is not None:
            self.section['svgs'] += 1
        if tag == 'rect' and 'bar' in classes and self.section is not None:
            self.section['bars'].append((a.get('data-step'), a.get('width')))

    def handle_starttag(self, tag, attrs):
        self.element(tag, attrs)
        if tag not in VOID:
            self.stack.append(tag)
        self.in_style = tag == 'style'

    def handle_startendtag(self, tag, attrs):
        self.element(tag, attrs)

    def handle_endtag(self, tag):
        if expect(self.stack and self.stack[-1] == tag, f'html: </{tag}> closes <{self.stack[-1] if self.stack else None}>'):
            self.stack.pop()
        if tag == 'section':
            self.section = None
        self.in_style = False

    def handle_data(self, data):
        if self.in_style:
            self.style += data
        else:
            self.text.append(data)


def v_html(path, d, reqs):
    _, text = read_text(path, 'html')
    p = Page()
    p.feed(text)
    p.close()
    expect(p.doctype, 'html: no <!DOCTYPE html>')
    expect(not p.stack, f'html: unclosed elements {p.stack}')
    for bad in ('url(', '@import', 'http:', 'https:'):
        expect(bad not in p.style, f'html: the stylesheet references something ({bad})')
    expect(p.rows == len(d['results']), f'html: {p.rows} answer rows for {len(d["results"])} answers')
    expect([s['id'] for s in p.sections] == [f'answer-{i}' for i in range(1, len(d['results']) + 1)],
           f'html: sections {[s["id"] for s in p.sections]}')
    for s, r in zip(p.sections, d['results']):
        w = f'html {r["file"]}'
        if not r['graded']:
            expect(s['svgs'] == 0 and not s['bars'], f'{w}: a chart for an answer not graded')
            continue
        expect(s['svgs'] == 1, f'{w}: {s["svgs"]} charts')
        expect([b[0] for b in s['bars']] == [st['id'] for st in r['steps']], f'{w}: bars {s["bars"]} for steps {[st["id"] for st in r["steps"]]}')
        for (step, width), st in zip(s['bars'], r['steps']):
            want = int(380 * min(100, max(0, st['score'])) / 100 + 0.5) if st['max'] > 0 else 0
            expect(width == str(want), f'{w}: bar {step} width {width}, expected {want}')
    alltext = ''.join(p.text)
    for r in d['results']:
        for _, c in checks_of(r):
            if c['status'] != 'pass':
                expect(clean(c['title']) in alltext, f'html: missed check title {c["title"]!r} not in the text')


fmt, report, jpath = sys.argv[1], sys.argv[2], sys.argv[3]
data = json.loads(open(jpath, 'rb').read().decode('utf-8', 'replace'))
globals()['v_' + fmt](report, data, sys.argv[4:])
for e in errors[:40]:
    print(e, file=sys.stderr)
sys.exit(1 if errors else 0)
PY

# validate FORMAT REPORT JSON [requirements...]
validate() {
  checks=$((checks + 1))
  python3 "$WORK/validate.py" "$@" || fail "$1 report $2 does not validate (details above)"
}

for fmt in junit tap github markdown html; do
  for set in mixed clean; do
    if [ "$set" = mixed ]; then inputs=("${MIXED[@]}" --pack-path tp --min-score 70); want=2
    else inputs=("${CLEAN[@]}"); want=0; fi
    run grade "${inputs[@]}" --format "$fmt"
    expect_rc "$want" "$fmt ($set) to stdout"
    cp "$WORK/out" "$WORK/$fmt.$set.stdout"
    run grade "${inputs[@]}" --format "$fmt:$WORK/reports/$set.$fmt" --format "json:$WORK/reports/$set.$fmt.json"
    expect_rc "$want" "$fmt ($set) to FILE"
    checks=$((checks + 1))
    [ -z "$OUT" ] || fail "$fmt:FILE also wrote to stdout: ${OUT:0:200}"
    checks=$((checks + 1))
    cmp -s "$WORK/$fmt.$set.stdout" "$WORK/reports/$set.$fmt" || fail "$fmt ($set): stdout and FILE differ"
    "$SDI" grade "${inputs[@]}" --format "$fmt" >"$WORK/$fmt.$set.again" 2>/dev/null
    checks=$((checks + 1))
    cmp -s "$WORK/$fmt.$set.stdout" "$WORK/$fmt.$set.again" || fail "$fmt ($set): two runs differ"
    if [ "$set" = mixed ]; then
      validate "$fmt" "$WORK/reports/$set.$fmt" "$WORK/reports/$set.$fmt.json" mixed
    else
      validate "$fmt" "$WORK/reports/$set.$fmt" "$WORK/reports/$set.$fmt.json"
    fi
  done
done

# The mixed run exceeds GitHub's cap; a small run (under the cap) shows the hostile check, the
# broken one, and the path with a comma and a colon, escaped in the file property.
validate github "$WORK/reports/mixed.github" "$WORK/reports/mixed.github.json" capped
run grade tp/answers/strong.md "odd,dir:x/tp,1:2.md" --pack-path tp --min-score 90 --format github \
  --format "json:$WORK/small.json"
expect_rc 2 "github small run"
expect_out "::error file=odd%2Cdir%3Ax/tp%2C1%3A2.md,title=sdi%3A below --min-score::"
expect_out "::error file=odd%2Cdir%3Ax/tp%2C1%3A2.md,line=3,title=Weird & <title> \"q\" 'a'%2C b%3A c | d # e [weird] 0/2::"
expect_out "100%25 done: x, y%0D%0Aline2"
cp "$WORK/out" "$WORK/small.github"
validate github "$WORK/small.github" "$WORK/small.json" check:weird check:boom check:half \
  "raw:file=odd%2Cdir%3Ax/tp%2C1%3A2.md"

# Spot checks of the shapes, beyond the validators.
checks=$((checks + 1))
head -1 "$WORK/reports/mixed.tap" | grep -qx "TAP version 14" || fail "tap: no version line"
checks=$((checks + 1))
tail -1 "$WORK/reports/mixed.tap" | grep -qx "1..7" || fail "tap: plan is not 1..7 at the end"
checks=$((checks + 1))
grep -q '<failure message="bad�ctl &amp; &lt;tag&gt; &quot;q&quot; &apos;a&apos;' "$WORK/reports/mixed.junit" \
  || fail "junit: the hostile feedback is not escaped as expected"
checks=$((checks + 1))
grep -q '<error message="missing.md: ' "$WORK/reports/mixed.junit" || fail "junit: the missing file is not an <error>"
checks=$((checks + 1))
grep -q '^| 1 | .*url-shortener/answers/strong.md | url-shortener | classic | ' "$WORK/reports/mixed.markdown" \
  || fail "markdown: no row for the strong answer"
checks=$((checks + 1))
grep -q '<rect class="bar ' "$WORK/reports/mixed.html" || fail "html: no bars"
checks=$((checks + 1))
grep -qi 'https\?:' "$WORK/reports/mixed.html" && fail "html: mentions http(s) URLs"

# A reporter with a prologue and appendices: what result() returns waits in a temporary file for
# finish's head, the appendices follow finish's text, the tail comes last; on stdout and in a file.
mkdir -p prologue/reporters
cat >prologue/reporters/counted.lua <<'LUA'
local n = 0
return {
  description = "test: totals first",
  prologue = true,
  start = function() return "start\n" end,
  result = function(r) n = n + 1; return "answer " .. n .. " " .. r.problem .. "\n", "detail " .. n .. "\n" end,
  finish = function() return { head = "total " .. n .. "\n", text = "details:\n", tail = "end\n" } end,
}
LUA
want=$'total 3\nstart\nanswer 1 url-shortener\nanswer 2 twitter\nanswer 3 url-shortener\ndetails:\ndetail 1\ndetail 2\ndetail 3\nend'
PROLOGUE_IN=("$P/url-shortener/answers/strong.md" "$P/twitter/answers/strong.md" "$P/url-shortener/answers/weak.md")
run grade "${PROLOGUE_IN[@]}" --pack-path prologue --format counted
expect_rc 0 "prologue reporter"
checks=$((checks + 1))
[ "$OUT" = "$want" ] || fail "prologue reporter on stdout: got '$OUT'"
run grade "${PROLOGUE_IN[@]}" --pack-path prologue --format counted:"$WORK/counted.txt"
checks=$((checks + 1))
[ "$(cat "$WORK/counted.txt")" = "$want" ] || fail "prologue reporter in a file: got '$(cat "$WORK/counted.txt")'"
# A head without the prologue cannot be placed first: a clear error.
sed -i '/prologue = true/d' prologue/reporters/counted.lua
run grade "${PROLOGUE_IN[@]}" --pack-path prologue --format counted
expect_rc 2 "head without prologue"
expect_err "needs \`prologue = true\`"

# A reporter that renders on the workers: render sees one answer and the run, result gets what it
# returned in input order whatever --jobs is; an error in render stops the run naming the reporter.
cat >prologue/reporters/rendered.lua <<'LUA'
local n = 0
return {
  description = "test: rendered on the workers",
  render = function(r, run)
    if r.problem == "twitter" and run.min_score > 0 then error("no twitter here") end
    return { text = r.problem, ok = r.graded }
  end,
  result = function(x) n = n + 1; return n .. " " .. x.text .. " " .. tostring(x.ok) .. "\n" end,
}
LUA
want=$'1 url-shortener true\n2 twitter true\n3 url-shortener true'
for jobs in 1 2 3; do
  run grade "${PROLOGUE_IN[@]}" --pack-path prologue --format rendered --jobs "$jobs"
  expect_rc 0 "rendering reporter, --jobs $jobs"
  checks=$((checks + 1))
  [ "$OUT" = "$want" ] || fail "rendering reporter, --jobs $jobs: got '$OUT'"
  run grade "${PROLOGUE_IN[@]}" --pack-path prologue --format rendered --jobs "$jobs" --min-score 1
  expect_rc 2 "render error, --jobs $jobs"
  expect_err "reporter prologue/reporters/rendered.lua"
  expect_err "no twitter here"
done

# The json reporter's render (sdi.json_render) writes each result's JSON from the grade itself: the
# same bytes as a copy whose render builds the result table for sdi.json, on every kind of answer.
mkdir -p by_lua/reporters
sed 's|render = sdi.json_render(2, "    "),|render = function(r) return sdi.json(r, 2, "    ") end,|' \
  "$SDI_SOURCE/plugins/reporters/json.lua" >by_lua/reporters/json_by_lua.lua
checks=$((checks + 1))
grep -q 'return sdi.json(r, 2, "    ")' by_lua/reporters/json_by_lua.lua \
  || fail "json.lua no longer renders with sdi.json_render(2, \"    \")"
for jobs in 1 2; do
  run grade "${MIXED[@]}" --pack-path tp --pack-path by_lua --format json:"$WORK/direct.json" \
    --format json_by_lua:"$WORK/by_lua.json" --jobs "$jobs"
  expect_rc 2 "json and json_by_lua, --jobs $jobs"
  checks=$((checks + 1))
  [ -s "$WORK/direct.json" ] && cmp -s "$WORK/direct.json" "$WORK/by_lua.json" \
    || fail "json written from the grade differs from sdi.json's, --jobs $jobs"
done

# A reporter's help line shows in the format listing of an unknown format.
run grade "${CLEAN[@]}" --format nosuch
expect_rc 2 "unknown format"
for fmt in github html junit markdown tap; do expect_err "$fmt"; done
finish
