#!/usr/bin/env python3
"""Emit the zone conversion cases checked by tests/unit/test_zone.c.

Usage: python3 tests/tools/gen-zone-cases.py [TZDIR] > build/zone-cases.txt

The expected values come from Python's zoneinfo module (PEP 615), which reads the same
system TZif files as timelinec but with an independent implementation. Standard library
only. The directory is the argument, else $TIMELINEC_TZDIR, else $TZDIR, else
/usr/share/zoneinfo (or /var/db/timezone/zoneinfo), the order timelinec uses.

Output (one record per line, integers are seconds, instants are UTC epoch seconds,
"local" values are local seconds: the wall clock reading counted as if it were UTC):
  V <version>             tz data version (tzdata.zi "# version", +VERSION, or "unknown")
  D <dir>                 the directory the cases come from
  R <start> <end>         the range of instants covered: [start, end]
  Z <name>                the following records are for zone <name>
  T <utc> <before> <after>
                          an offset transition at <utc>: offset <before> at utc-1, <after> at utc;
                          the T records of a zone are every offset change in (start, end]
  O <utc> <offset>        the offset in force at <utc>
  L <local> <kind> <compatible> <earlier> <later> <transition> <length>
                          a local reading: kind U (unique), G (gap) or O (overlap), the instant
                          chosen by each disambiguation, and for G/O the transition and the
                          length of the gap or overlap (0 0 for U)
Lines starting with '#' are comments.
"""
import datetime
import hashlib
import os
import re
import sys
import zoneinfo

START = 1577836800  # 2020-01-01T00:00:00Z
END = 2240524800  # 2041-01-01T00:00:00Z
STEP = 86400  # sampling step; offset changes are then located to the second
EPOCH = datetime.datetime(1970, 1, 1)
MAC_DIR = "/var/db/timezone/zoneinfo"


def pick_dir():
    if len(sys.argv) > 1:
        return sys.argv[1]
    for var in ("TIMELINEC_TZDIR", "TZDIR"):
        if os.environ.get(var):
            return os.environ[var]
    if not os.path.isdir("/usr/share/zoneinfo") and os.path.isdir(MAC_DIR):
        return MAC_DIR
    return "/usr/share/zoneinfo"


def read_version(tzdir):
    try:
        with open(os.path.join(tzdir, "tzdata.zi"), encoding="ascii") as f:
            first = f.readline()
        if first.startswith("# version "):
            return first[len("# version "):].strip()
    except OSError:
        pass
    try:
        with open(os.path.join(tzdir, "+VERSION"), encoding="ascii") as f:
            return f.readline().strip() or "unknown"
    except OSError:
        return "unknown"


NAME_RE = re.compile(r"^[A-Za-z0-9_+-]+(/[A-Za-z0-9_+-]+)*$")
SKIP = {"localtime", "posixrules"}  # the host's zone; a copy of a real zone


def walk_names(tzdir):
    """Every TZif file under tzdir, minus the posix/ and right/ copies."""
    for root, dirs, files in os.walk(tzdir):
        dirs[:] = [d for d in dirs if d not in ("posix", "right")]
        for f in files:
            path = os.path.join(root, f)
            try:
                with open(path, "rb") as fh:
                    if fh.read(4) == b"TZif":
                        yield os.path.relpath(path, tzdir)
            except OSError:
                pass


def zone_names(tzdir):
    """Every Zone and Link name of tzdata.zi, else every TZif file under tzdir."""
    names = set()
    try:
        with open(os.path.join(tzdir, "tzdata.zi"), encoding="ascii") as f:
            for line in f:
                words = line.split()
                if len(words) >= 2 and words[0] in ("Z", "Zone"):
                    names.add(words[1])
                elif len(words) >= 3 and words[0] in ("L", "Link"):
                    names.add(words[2])
    except OSError:
        names = set(walk_names(tzdir))
    return sorted(n for n in names if NAME_RE.match(n) and n not in SKIP
                  and os.path.isfile(os.path.join(tzdir, n)))


def offset(tz, t):
    return int(datetime.datetime.fromtimestamp(t, tz).utcoffset().total_seconds())


def first_change(tz, lo, hi, off_lo):
    """Smallest t in (lo, hi] whose offset differs from off_lo (one exists at hi)."""
    while hi - lo > 1:
        mid = (lo + hi) // 2
        if offset(tz, mid) != off_lo:
            hi = mid
        else:
            lo = mid
    return hi


def transitions(tz):
    out = []
    t, off = START, offset(tz, START)
    while t < END:
        nxt = min(t + STEP, END)
        off2 = offset(tz, nxt)
        if off2 != off:
            tr = first_change(tz, t, nxt, off)
            after = offset(tz, tr)
            out.append((tr, off, after))
            if after != off2:  # a second change in the same step: rescan from there
                t, off = tr, after
                continue
        t, off = nxt, off2
    return out


def local_case(tz, local, tr=0, length=0):
    naive = EPOCH + datetime.timedelta(seconds=local)
    a0 = int(naive.replace(tzinfo=tz, fold=0).timestamp())
    a1 = int(naive.replace(tzinfo=tz, fold=1).timestamp())
    r0, r1 = a0 + offset(tz, a0), a1 + offset(tz, a1)
    if a0 == a1:
        assert r0 == local, (tz.key, local)
        return "L %d U %d %d %d 0 0" % (local, a0, a0, a0)
    if r0 == local and r1 == local:  # overlap: fold=0 is the earlier instant
        assert a0 < a1 and length > 0, (tz.key, local)
        return "L %d O %d %d %d %d %d" % (local, a0, a0, a1, tr, length)
    # gap: fold=0 uses the offset before the gap (moves forward), fold=1 the one after
    assert r0 != local and r1 != local and a0 > a1 and length > 0, (tz.key, local)
    return "L %d G %d %d %d %d %d" % (local, a0, a1, a0, tr, length)


def transition_lines(tz, tr, before, after):
    yield "T %d %d %d" % (tr, before, after)
    lo, hi = min(before, after), max(before, after)
    size = hi - lo
    for local in sorted({tr + lo - 1, tr + lo, tr + lo + size // 2, tr + hi - 1, tr + hi}):
        inside = tr + lo <= local < tr + hi
        yield local_case(tz, local, tr if inside else 0, size if inside else 0)


def sample_lines(tz):
    for year in range(2020, 2041):
        for month in (1, 7):
            utc = int((datetime.datetime(year, month, 1) - EPOCH).total_seconds())
            off = offset(tz, utc)
            yield "O %d %d" % (utc, off)
            yield local_case(tz, utc + off)


def zone_lines(tzdir, name, cache):
    path = os.path.join(tzdir, name)
    with open(path, "rb") as f:
        data = f.read()
    key = hashlib.sha256(data).hexdigest()
    if key not in cache:
        with open(path, "rb") as f:
            tz = zoneinfo.ZoneInfo.from_file(f, key=name)
        lines = []
        for tr, before, after in transitions(tz):
            lines.extend(transition_lines(tz, tr, before, after))
        lines.extend(sample_lines(tz))
        cache[key] = lines
    return ["Z " + name] + cache[key]


def main():
    tzdir = pick_dir()
    out = sys.stdout
    out.write("# generated by tests/tools/gen-zone-cases.py from Python %s zoneinfo\n"
              % sys.version.split()[0])
    out.write("V %s\nD %s\nR %d %d\n" % (read_version(tzdir), tzdir, START, END))
    names = zone_names(tzdir)
    if not names:
        sys.stderr.write("gen-zone-cases: no zones found in %s\n" % tzdir)
        return 1
    cache = {}
    for name in names:
        out.write("\n".join(zone_lines(tzdir, name, cache)) + "\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
