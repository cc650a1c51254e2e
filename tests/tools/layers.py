#!/usr/bin/env python3
"""compiler/ by pass: every dependency points one way, down the list of folders

    base <- front <- spec <- lower <- display <- verify <- report <- preview <- cli

(docs/architecture.md, "Folders and dependencies"). A file may use its own folder and the ones
before it, never one after it: checked on the #include lines of compiler/*/*.[ch], and on the
objects (nm: a symbol a folder's object needs must be defined in that folder or an earlier one,
or outside compiler/), which also catches a prototype written by hand instead of an #include.
Only cli/ prints or exits: no object outside it calls printf, fputs, puts, putchar, fwrite to
stdout or stderr, perror or exit (through a FILE * the caller gives is fine: fprintf, fputs and
fwrite are allowed when the file is not stdout or stderr, which nm cannot see, so stdout and
stderr themselves are the symbols checked).

usage: layers.py BUILD_DIR
"""
import glob, os, re, subprocess, sys

ORDER = ["base", "front", "spec", "lower", "display", "verify", "report", "preview", "cli"]
RANK = {f: i for i, f in enumerate(ORDER)}
root = os.path.normpath(os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", ".."))
build = sys.argv[1] if len(sys.argv) > 1 else "build"
failures = []

folders = sorted(d for d in os.listdir(os.path.join(root, "compiler"))
                 if os.path.isdir(os.path.join(root, "compiler", d)) and d != "swiftpm")
for d in folders:
    if d not in RANK:
        failures.append(f"compiler/{d}/ is not in the layer order of tests/tools/layers.py")
top = [f for f in glob.glob(os.path.join(root, "compiler", "*.c"))]
if len(top) > 2:
    failures.append(f"{len(top)} .c files at compiler/'s top (at most two)")

# ---- includes ----
for path in sorted(glob.glob(os.path.join(root, "compiler", "*", "*.[ch]"))):
    folder = os.path.basename(os.path.dirname(path))
    if folder not in RANK:
        continue
    for n, line in enumerate(open(path, encoding="utf-8"), 1):
        m = re.match(r'\s*#\s*include\s+"([a-z_]+)/[a-z_]+\.h"', line)
        if m and m.group(1) in RANK and RANK[m.group(1)] > RANK[folder]:
            failures.append(f"{os.path.relpath(path, root)}:{n}: {folder}/ includes {m.group(1)}/ "
                            f"(an arrow back up: {' <- '.join(ORDER)})")

# ---- objects ----
defined, needs = {}, {}
for obj in sorted(glob.glob(os.path.join(root, build, "obj", "compiler", "*", "*.o"))):
    folder = os.path.basename(os.path.dirname(obj))
    if folder not in RANK:
        continue
    out = subprocess.run(["nm", obj], capture_output=True, text=True, check=True).stdout
    for line in out.splitlines():
        parts = line.split()
        if len(parts) == 3 and parts[1] in "TDBR":
            defined[parts[2]] = folder
        elif len(parts) == 2 and parts[0] == "U":
            needs.setdefault(obj, set()).add(parts[1])
if not needs:
    failures.append(f"no objects under {build}/obj/compiler/*/ (build first)")
PRINTS = {"printf", "puts", "putchar", "perror", "exit", "stdout", "stderr", "_exit", "abort"}
for obj, syms in sorted(needs.items()):
    folder = os.path.basename(os.path.dirname(obj))
    name = os.path.relpath(obj, os.path.join(root, build, "obj"))
    for s in sorted(syms):
        owner = defined.get(s)
        if owner and RANK[owner] > RANK[folder]:
            failures.append(f"{name}: {folder}/ uses {s}, defined in {owner}/ (an arrow back up)")
        if folder != "cli" and s in PRINTS:
            failures.append(f"{name}: {folder}/ uses {s}: only cli/ prints or exits")

for f in failures:
    print("layers: " + f, file=sys.stderr)
if failures:
    sys.exit(1)
print(f"layers: compiler/ keeps {' <- '.join(ORDER)}; only cli/ prints or exits")
