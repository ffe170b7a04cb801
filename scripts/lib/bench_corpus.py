#!/usr/bin/env python3
"""Writes a corpus of realistic answers for scripts/bench: ROOT OUT COUNT."""
import glob, os, random, sys
root, out, count = sys.argv[1], sys.argv[2], int(sys.argv[3])
random.seed(7)
samples = sorted(glob.glob(os.path.join(root, "problems/*/answers/*.md")))
bodies = []
for path in samples:
    text = open(path, encoding="utf-8").read()
    front, _, body = text.partition("+++\n")[2].partition("+++\n")
    problem = [l for l in front.splitlines() if l.startswith("problem")][0]
    bodies.append((problem, body.splitlines()))
templates = ["classic", "justify", "conversation", "seven-steps", "four-steps"]
os.makedirs(out, exist_ok=True)
for i in range(count):
    problem, lines = bodies[i % len(bodies)]
    want = random.randint(300, 3000)
    # Whole lines, so headings, lists, tables and diagrams keep their shape; a long answer
    # goes over its material again under a heading of its own, as a candidate's recap would.
    text, words, rounds = [], 0, 0
    while words < want:
        if rounds:
            text.append(f"\n## Recap {rounds}\n")
        for line in lines:
            text.append(line)
            words += len(line.split())
            if words >= want and not line.startswith("```") and not line.startswith("|"):
                break
        rounds += 1
    body = "\n".join(text)
    if body.count("```") % 2:
        body += "\n```"
    if i % 50 == 49:
        data = b"\x00binary\xff" * 10  # malformed
        open(os.path.join(out, f"{i:06}.md"), "wb").write(data)
        continue
    tpl = templates[i % len(templates)]
    open(os.path.join(out, f"{i:06}.md"), "w", encoding="utf-8").write(
        f"+++\n{problem}\ntemplate = \"{tpl}\"\n+++\n{body}\n")
