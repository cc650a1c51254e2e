#!/usr/bin/env python3
"""Every rule page's examples do what the page says: the spec under "Bad" is reported with the
page's rule, the one under "Good" is not. usage: docs-examples.py path/to/timelinec"""
import glob, json, os, re, subprocess, sys, tempfile

# Pages whose "Bad" example cannot be shown as text in a UTF-8 Markdown file.
UNSHOWABLE = {"TL002": "the bad file is Latin-1; the page describes it in UTF-8"}

# Rules another command reports, with its diagnostics as JSON on standard error.
COMMANDS = {"TL027": ["compile", "--format", "json", "--xcstrings", "out.xcstrings", "-o", "out.json"]}

tool = os.path.abspath(sys.argv[1])
root = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..")
failures, checked = [], 0
with tempfile.TemporaryDirectory() as tmp:
    for page in sorted(glob.glob(os.path.join(root, "docs", "diagnostics", "TL*.md"))):
        rid = os.path.basename(page)[:-3]
        text = open(page, encoding="utf-8").read()
        for kind in ("Bad", "Good"):
            # "Bad" or "Good" starts a paragraph of one to three lines, then the spec
            m = re.search(r"^" + kind + r"\b(?:[^\n]*\n){1,3}?```(yaml|json)\n(.*?)```", text,
                          re.S | re.M)
            if not m or (kind == "Bad" and rid in UNSHOWABLE):
                continue
            # spec.yaml in its own folder: no .timelinec.yaml of the repository applies
            d = os.path.join(tmp, rid + kind)
            os.mkdir(d)
            spec = os.path.join(d, "spec." + m.group(1))
            with open(spec, "w", encoding="utf-8") as f:
                f.write(m.group(2))
            cmd = COMMANDS.get(rid, ["check", "--format", "json"])
            r = subprocess.run([tool] + cmd + ["spec." + m.group(1)],
                               cwd=d, capture_output=True, text=True,
                               env={"PATH": os.environ.get("PATH", ""), "TZ": "UTC"})
            try:
                out = r.stderr if rid in COMMANDS else r.stdout
                rules = {x["rule"] for x in json.loads(out)["diagnostics"]}
            except (ValueError, KeyError):
                failures.append(f"{rid}: {kind} example: no JSON from check: {r.stderr.strip()[:200]}")
                continue
            checked += 1
            if kind == "Bad" and rid not in rules:
                failures.append(f"{rid}: the Bad example is not reported with {rid} (got {sorted(rules)})")
            if kind == "Good" and rid in rules:
                failures.append(f"{rid}: the Good example is still reported with {rid}")
for f in failures:
    print("docs-examples: " + f, file=sys.stderr)
if failures:
    sys.exit(1)
print(f"docs-examples: {checked} Bad/Good examples of the rule pages do what their pages say")
