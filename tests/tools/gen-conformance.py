#!/usr/bin/env python3
"""Generates conformance vectors from the golden timelines: timeline + instant -> the entry
that shows, its resolved runs, and the text each view reads (from `timelinec render`).

Any other-language reader of timeline JSON can run these vectors. Regenerate with
`make conformance-update` after a reviewed change of the semantics; the C test
(tests/unit/test_conformance.c) checks the C reader and renderer against them."""
import datetime, json, os, subprocess, sys

tool, root = sys.argv[1], sys.argv[2]
gold = os.path.join(root, "tests/golden/examples")
out = os.path.join(root, "tests/conformance")

def parse(s):
    return datetime.datetime.strptime(s, "%Y-%m-%dT%H:%M:%SZ").replace(tzinfo=datetime.timezone.utc)

def fmt(d):
    return d.strftime("%Y-%m-%dT%H:%M:%SZ")

for name in sorted(os.listdir(gold)):
    if not name.endswith(".timeline.json"):
        continue
    path = os.path.join(gold, name)
    tl = json.load(open(path))
    dates = [parse(e["date"]) for e in tl["entries"]]
    end = parse(tl["end"])
    instants = set()
    for i, d in enumerate(dates):
        instants.add(d)
        instants.add(d + datetime.timedelta(seconds=1))
        nxt = dates[i + 1] if i + 1 < len(dates) else end
        instants.add(d + (nxt - d) / 2)
        instants.add(nxt - datetime.timedelta(seconds=1))
    cases = []
    for at in sorted(instants):
        at = at.replace(microsecond=0)
        k = max(i for i, d in enumerate(dates) if d <= at)
        text = {}
        for loc in tl["program"]["locales"]:
            r = subprocess.run([tool, "render", path, "--at", fmt(at), "--locale", loc],
                               capture_output=True, text=True, check=True)
            for line in r.stdout.splitlines()[1:]:
                head, _, txt = line.partition(": ")
                view, _, _ = head.partition(" [")
                text.setdefault(view, {})[loc] = txt
        cases.append({"at": fmt(at), "entry": k,
                      "views": tl["entries"][k]["views"], "text": text})
    vec = {"timeline": "../golden/examples/" + name, "cases": cases}
    with open(os.path.join(out, name.replace(".timeline.json", ".vectors.json")), "w") as f:
        json.dump(vec, f, indent=1, ensure_ascii=False, sort_keys=True)
        f.write("\n")
