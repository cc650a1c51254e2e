#!/usr/bin/env python3
"""Every ```console block of README.md and docs/*.md runs, and prints what the block shows.

usage: docs-commands.py path/to/timelinec

Each file's console blocks run in order in one bash process, in a fresh directory where
`examples` (and `specs`, a copy of the examples for commands that show a project's own specs)
are the repository's, with `timelinec` first on PATH, TZ=UTC and LANG=C.UTF-8: so a block may
use a file an earlier block of the same page wrote. A line `$ CMD` (continued by lines ending in
a backslash) is a command; the lines up to the next command are its output, compared exactly,
where a line `...` stands for any number of lines. A block preceded by the comment
`<!-- docs-commands: output varies -->` runs, but only its commands' success is checked (the
versions `timelinec --version` prints are the machine's).
"""
import glob, os, re, shutil, subprocess, sys, tempfile

tool = os.path.abspath(sys.argv[1])
root = os.path.normpath(os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", ".."))
VARIES = "<!-- docs-commands: output varies -->"


def blocks(text):
    """(compare, [(command, [expected lines])]) for each console block."""
    lines = text.split("\n")
    i = 0
    while i < len(lines):
        if lines[i] != "```console":
            i += 1
            continue
        compare = not (i > 0 and lines[i - 1].strip() == VARIES)
        j = i + 1
        cmds = []
        while j < len(lines) and lines[j] != "```":
            line = lines[j]
            if line.startswith("$ "):
                cmd = line[2:]
                while cmd.endswith("\\") and j + 1 < len(lines):
                    j += 1
                    cmd = cmd[:-1] + " " + lines[j].strip()
                cmds.append((cmd, []))
            elif cmds:
                cmds[-1][1].append(line)
            j += 1
        yield compare, cmds
        i = j + 1


def matches(want, got):
    """want may hold '...' lines: any number of lines."""
    if not want:
        return not got
    if want[0] == "...":
        return any(matches(want[1:], got[k:]) for k in range(len(got) + 1))
    return bool(got) and want[0] == got[0] and matches(want[1:], got[1:])


failures, ran = [], 0
pages = [os.path.join(root, "README.md")] + sorted(glob.glob(os.path.join(root, "docs", "*.md")))
for page in pages:
    page_blocks = list(blocks(open(page, encoding="utf-8").read()))
    if not page_blocks:
        continue
    name = os.path.relpath(page, root)
    with tempfile.TemporaryDirectory() as tmp:
        os.symlink(os.path.join(root, "examples"), os.path.join(tmp, "examples"))
        os.mkdir(os.path.join(tmp, "specs"))
        for f in glob.glob(os.path.join(root, "examples", "*.yaml")):
            shutil.copy(f, os.path.join(tmp, "specs"))
        bindir = os.path.join(tmp, "bin")
        os.mkdir(bindir)
        os.symlink(tool, os.path.join(bindir, "timelinec"))
        script, expected = [], []
        for compare, cmds in page_blocks:
            for cmd, want in cmds:
                k = len(expected)
                script.append(f"printf '\\n@@docs-command {k}@@\\n'\n{cmd} 2>&1\n"
                              f"printf '\\n@@docs-status {k} %s@@\\n' $?")
                expected.append((cmd, want, compare))
        env = {"PATH": bindir + ":/usr/bin:/bin", "TZ": "UTC", "LANG": "C.UTF-8", "HOME": tmp}
        r = subprocess.run(["bash", "-c", "\n".join(script)], cwd=tmp, env=env,
                           capture_output=True, text=True, timeout=600)
        outs = re.split(r"\n?@@docs-command (\d+)@@\n", r.stdout)
        got = {}
        for k in range(1, len(outs) - 1, 2):
            body = outs[k + 1]
            m = re.search(r"\n@@docs-status \d+ (\d+)@@\n?$", body)
            status = int(m.group(1)) if m else -1
            body = body[:m.start()] if m else body
            lines = body.split("\n") if body else []
            while lines and lines[-1] == "":
                lines.pop()
            got[int(outs[k])] = (lines, status)
        for k, (cmd, want, compare) in enumerate(expected):
            ran += 1
            lines, status = got.get(k, ([], -1))
            while want and want[-1] == "":
                want = want[:-1]
            if not compare:
                if status != 0:
                    failures.append(f"{name}: '{cmd}' exited {status}")
            elif not matches(want, lines):
                failures.append(f"{name}: '{cmd}' printed:\n    " + "\n    ".join(lines[:30]) +
                                "\n  the page shows:\n    " + "\n    ".join(want[:30]))
for f in failures:
    print("docs-commands: " + f, file=sys.stderr)
if failures:
    sys.exit(1)
print(f"docs-commands: {ran} commands of the docs' console blocks print what the docs show")
