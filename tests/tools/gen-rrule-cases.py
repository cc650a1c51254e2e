#!/usr/bin/env python3
"""Generates tests/fixtures/recur/dateutil-cases.txt: random RRULEs expanded by python-dateutil.

    python3 tests/tools/gen-rrule-cases.py > tests/fixtures/recur/dateutil-cases.txt

The output is deterministic (a fixed seed, no clock, no environment) and the same with
dateutil 2.8 and 2.9; it depends only on the system's tz database (/usr/share/zoneinfo through
the stdlib zoneinfo), whose version goes into the header. tests/unit/test_recur.c reads the file,
so the tests need no Python.

dateutil does the hard part (expanding the rule into wall-clock readings); this script then
applies RFC 5545 where dateutil departs from it:

  * Nonexistent local times. dateutil yields wall-clock readings that fall into a DST gap;
    RFC 5545 3.3.10 says such an instance "MUST be ignored and MUST NOT be counted". A reading
    is dropped when it does not round-trip through the zone (wall -> UTC -> wall).
  * COUNT. dateutil counts the dropped readings. So COUNT is removed from the rule given to
    dateutil, which runs open-ended; the first COUNT readings that exist are kept. The case
    keeps COUNT, so the C side is checked against the RFC count, gaps included.
  * UNTIL in UTC. dateutil wants a tz-aware DTSTART for it and then compares fold=0 instants,
    which cuts the series at a gap reading. So UTC UNTIL is also removed for dateutil and applied
    here to the instants of the existing readings (they ascend). Local UNTIL is left to dateutil.
  * EXDATE and RDATE are applied here (EXDATE removes readings after COUNT has counted them;
    RDATEs are added and merged; both as in dateutil's rruleset).

and it keeps out of the generated rules what dateutil does differently on purpose or by bug
(docs/recurrence.md, "Differences from python-dateutil"): BYDAY mixing plain weekdays and
ordinals (dateutil intersects them), BYWEEKNO values near the year boundary (1, 51..53 and
their negatives: dateutil's last-week-of-last-year arithmetic), BYSETPOS in a WEEKLY rule whose
DTSTART is not on WKST (dateutil cuts the first week at DTSTART), bare-date UNTIL and EXDATE,
RDATEs inside a gap (they shift forward, RFC 5545 3.3.5), BYSECOND=60, parts RFC 5545 forbids
with the frequency, and combinations that might never produce an occurrence (dateutil would
search until the year 9999).
"""
import datetime as dt
import random
import sys
from zoneinfo import ZoneInfo

from dateutil import rrule as du

SEED = 5545
CASES = 400
TAKE = 30  # expected occurrences per case at most
ZONES = [
    "Europe/Berlin", "America/New_York", "Australia/Lord_Howe", "Pacific/Chatham",
    "Asia/Kolkata", "UTC", "America/Sao_Paulo", "Pacific/Apia", "America/St_Johns",
    "Europe/London", "Australia/Sydney", "America/Santiago", "Asia/Tehran", "Europe/Dublin",
]
WD = ["MO", "TU", "WE", "TH", "FR", "SA", "SU"]  # Python's weekday() order
FREQS = ["YEARLY", "MONTHLY", "WEEKLY", "DAILY", "HOURLY", "MINUTELY", "SECONDLY"]
UTC = dt.timezone.utc


def tz_version():
    try:
        with open("/usr/share/zoneinfo/tzdata.zi") as f:
            return f.readline().split()[-1]
    except OSError:
        return "unknown"


def exists(naive, z):
    back = naive.replace(tzinfo=z).astimezone(UTC).astimezone(z).replace(tzinfo=None)
    return back == naive


def to_utc(naive, z):
    return naive.replace(tzinfo=z).astimezone(UTC)  # fold=0: the earlier instant of an overlap


def fmt_expect(instant, z):
    aware = instant.astimezone(z)
    off = aware.utcoffset()
    sign = "-" if off < dt.timedelta(0) else "+"
    mins = abs(int(off.total_seconds())) // 60
    return aware.strftime("%Y-%m-%dT%H:%M:%S") + "%s%02d:%02d" % (sign, mins // 60, mins % 60)


def pick(r, seq, lo, hi):
    seq = list(seq)
    return sorted(r.sample(seq, r.randint(min(lo, len(seq)), min(hi, len(seq)))))


def ints(vals):
    return ",".join(str(v) for v in vals)


def day_parts(r, freq, parts):
    """Chooses the day-level parts; returns (parts, estimated candidates per period)."""
    if freq == "YEARLY":
        kind = r.choice(["default", "month", "month-mday", "month-day", "month-nth", "yday",
                         "weekno", "nth", "mday"])
        if kind == "month":
            parts.append("BYMONTH=" + ints(pick(r, range(1, 13), 1, 3)))
            return 1
        if kind == "month-mday":
            parts.append("BYMONTH=" + ints(pick(r, range(1, 13), 1, 3)))
            parts.append("BYMONTHDAY=" + ints(pick(r, list(range(1, 29)) + list(range(-28, 0)), 1, 3)))
            return 1
        if kind == "month-day":
            parts.append("BYMONTH=" + ints(pick(r, range(1, 13), 1, 2)))
            parts.append("BYDAY=" + ",".join(WD[i] for i in pick(r, range(7), 1, 3)))
            return 4
        if kind == "month-nth":
            parts.append("BYMONTH=" + ints(pick(r, range(1, 13), 1, 2)))
            parts.append("BYDAY=" + ",".join("%d%s" % (r.choice([1, 2, 3, 4, -1, -2]), WD[i])
                                             for i in pick(r, range(7), 1, 2)))
            return 1
        if kind == "yday":
            parts.append("BYYEARDAY=" + ints(pick(r, list(range(1, 366)) + list(range(-365, 0)), 1, 4)))
            return 1
        if kind == "weekno":
            parts.append("BYWEEKNO=" + ints(pick(r, list(range(2, 51)) + list(range(-50, -1)), 1, 3)))
            if r.random() < 0.7:
                parts.append("BYDAY=" + ",".join(WD[i] for i in pick(r, range(7), 1, 3)))
                return 1
            return 7
        if kind == "nth":
            parts.append("BYDAY=" + ",".join("%d%s" % (r.choice([1, 2, 10, 20, 52, -1, -3, -52]), WD[i])
                                             for i in pick(r, range(7), 1, 2)))
            return 1
        if kind == "mday":
            parts.append("BYMONTHDAY=" + ints(pick(r, list(range(1, 29)) + list(range(-28, 0)), 1, 2)))
            return 12
        return 1
    if freq == "MONTHLY":
        kind = r.choice(["default", "mday", "day", "nth", "day-mday", "month-day"])
        if kind == "mday":
            parts.append("BYMONTHDAY=" + ints(pick(r, list(range(1, 29)) + list(range(-28, 0)), 1, 4)))
            return 1
        if kind == "day":
            parts.append("BYDAY=" + ",".join(WD[i] for i in pick(r, range(7), 1, 3)))
            return 4
        if kind == "nth":
            parts.append("BYDAY=" + ",".join("%d%s" % (r.choice([1, 2, 3, 4, -1, -2]), WD[i])
                                             for i in pick(r, range(7), 1, 3)))
            return 1
        if kind == "day-mday":
            parts.append("BYDAY=" + ",".join(WD[i] for i in pick(r, range(7), 2, 4)))
            parts.append("BYMONTHDAY=" + ints(pick(r, range(1, 29), 5, 12)))
            return 1
        if kind == "month-day":
            parts.append("BYMONTH=" + ints(pick(r, range(1, 13), 2, 6)))
            parts.append("BYDAY=" + ",".join(WD[i] for i in pick(r, range(7), 1, 2)))
            return 4
        return 1
    if freq == "WEEKLY":
        n = 1
        if r.random() < 0.7:
            days = pick(r, range(7), 1, 4)
            parts.append("BYDAY=" + ",".join(WD[i] for i in days))
            n = len(days)
        if r.random() < 0.2:
            parts.append("BYMONTH=" + ints(pick(r, range(1, 13), 3, 8)))
        return n
    # DAILY and sub-daily
    if r.random() < 0.4:
        parts.append("BYDAY=" + ",".join(WD[i] for i in pick(r, range(7), 2, 5)))
    if r.random() < 0.2:
        parts.append("BYMONTH=" + ints(pick(r, range(1, 13), 3, 8)))
    if freq == "DAILY" and r.random() < 0.15:
        parts.append("BYMONTHDAY=" + ints(pick(r, list(range(1, 29)) + list(range(-28, 0)), 4, 10)))
    return 1


def time_parts(r, freq, parts, interval):
    """BYHOUR/BYMINUTE/BYSECOND; returns the candidates per day (coarse) or per period."""
    n = 1
    if freq in ("YEARLY", "MONTHLY", "WEEKLY", "DAILY"):
        if r.random() < 0.5:
            hours = pick(r, range(24), 1, 4)
            parts.append("BYHOUR=" + ints(hours))
            n *= len(hours)
        if r.random() < 0.35:
            mins = pick(r, range(60), 1, 3)
            parts.append("BYMINUTE=" + ints(mins))
            n *= len(mins)
        if r.random() < 0.1:
            secs = pick(r, range(60), 1, 2)
            parts.append("BYSECOND=" + ints(secs))
            n *= len(secs)
        return n
    if freq == "HOURLY":
        if r.random() < 0.3 and interval in (1, 2, 3):
            parts.append("BYHOUR=" + ints(pick(r, range(0, 24, interval), 3, 8)))
        if r.random() < 0.4:
            mins = pick(r, range(60), 1, 3)
            parts.append("BYMINUTE=" + ints(mins))
            n *= len(mins)
        return n
    if freq == "MINUTELY":
        if r.random() < 0.3:
            parts.append("BYHOUR=" + ints(pick(r, range(24), 4, 12)))
        if r.random() < 0.2 and 60 % interval == 0:
            parts.append("BYMINUTE=" + ints(pick(r, range(0, 60, interval), 2, 6)))
        if r.random() < 0.3:
            secs = pick(r, range(60), 1, 3)
            parts.append("BYSECOND=" + ints(secs))
            n *= len(secs)
        return n
    if r.random() < 0.3:
        parts.append("BYMINUTE=" + ints(pick(r, range(60), 10, 30)))
    return n


def transitions(z, year):
    """The offset changes of zone z in a year: (instant, offset before, offset after)."""
    def off(t):
        return dt.datetime.fromtimestamp(t, UTC).astimezone(z).utcoffset()
    out = []
    t = int(dt.datetime(year, 1, 1, tzinfo=UTC).timestamp())
    end = int(dt.datetime(year + 1, 1, 1, tzinfo=UTC).timestamp())
    step = 6 * 3600
    while t < end:
        a, b = off(t), off(t + step)
        if a != b:
            lo, hi = t, t + step  # off(lo) == a, off(hi) != a: bisect to the second
            while hi - lo > 1:
                mid = (lo + hi) // 2
                if off(mid) == a:
                    lo = mid
                else:
                    hi = mid
            out.append((dt.datetime.fromtimestamp(hi, UTC), a, off(hi)))
        t += step
    return out


def near_transition(r, z):
    """A DTSTART a few days before a DST change, at a wall-clock time around it, and the date
    of the change; or None."""
    year = r.randint(2000, 2030)
    tr = transitions(z, year)
    if not tr:
        return None
    when, before, after = r.choice(tr)
    wall = (when + before).replace(tzinfo=None)  # a gap starts here; an overlap ends here
    span = abs(after - before)
    if r.random() < 0.7:  # inside the gap or the overlap
        k = r.randrange(max(1, span // dt.timedelta(minutes=15)))
        wall += dt.timedelta(minutes=15 * k) if after > before else -span + dt.timedelta(minutes=15 * k)
    else:
        wall += dt.timedelta(minutes=15 * r.randint(-5, 5))
    return wall, wall.date()


def make_rule(r, z, near=None):
    targeted = near is not None
    start, change = near if near else (None, None)
    if targeted:
        freq = r.choice(["DAILY", "DAILY", "WEEKLY", "HOURLY", "MINUTELY", "MONTHLY", "YEARLY"])
    else:
        freq = r.choice(FREQS[:4] * 3 + FREQS[4:])
    interval = {"YEARLY": [1, 1, 2, 3], "MONTHLY": [1, 1, 2, 3, 18], "WEEKLY": [1, 1, 2, 3],
                "DAILY": [1, 1, 2, 3, 10], "HOURLY": [1, 1, 2, 3, 5, 7],
                "MINUTELY": [1, 5, 15, 20, 45, 90], "SECONDLY": [1, 7, 30, 45]}[freq]
    interval = 1 if targeted and r.random() < 0.7 else r.choice(interval)
    year = r.randint(2000, 2030)
    if targeted:  # sub-daily: hours before the change; daily and longer: days before
        if freq in ("HOURLY", "MINUTELY"):
            start -= dt.timedelta(minutes=15 * r.randint(0, 16))
        else:
            start -= dt.timedelta(days=r.choice([0, 0, 1, 2, 7]))
    elif r.random() < 0.5:  # March, April, October or November, early hours
        start = dt.datetime(year, r.choice([3, 4, 10, 11]), r.randint(1, 28),
                            r.choice([0, 1, 2, 3, 9]), r.choice([0, 15, 30, 45]))
    else:
        start = dt.datetime(year, r.randint(1, 12), r.randint(1, 28), r.randint(0, 23),
                            r.choice([0, 0, 15, 30, 59]), r.choice([0, 0, 0, 30]))
    if freq in ("HOURLY", "MINUTELY", "SECONDLY") and not targeted:
        start = start.replace(day=r.choice([start.day, 29 if start.month != 2 else 28]))
    parts = ["FREQ=" + freq]
    if interval != 1:
        parts.append("INTERVAL=%d" % interval)
    if targeted and freq in ("DAILY", "WEEKLY", "MONTHLY", "YEARLY") and r.random() < 0.8:
        per_period = 1  # keep DTSTART's time of day: the one around the change
    else:
        per_period = time_parts(r, freq, parts, interval)
    n_before = len(parts)
    if not (targeted and freq in ("DAILY", "WEEKLY", "HOURLY", "MINUTELY") and r.random() < 0.7):
        per_period *= day_parts(r, freq, parts)
    if targeted and freq in ("MONTHLY", "YEARLY") and len(parts) == n_before and r.random() < 0.7:
        nth = -1 if change.day > 21 else (change.day + 6) // 7  # "last Sunday", "2nd Sunday"
        if freq == "YEARLY":
            parts.append("BYMONTH=%d" % change.month)
        parts.append("BYDAY=%d%s" % (nth, WD[change.weekday()]))
    wkst = None
    if r.random() < 0.2:
        wkst = r.randrange(7)
        parts.append("WKST=" + WD[wkst])
    if per_period >= 2 and r.random() < 0.25:
        k = min(per_period, 3)
        parts.append("BYSETPOS=" + ints(sorted(set(r.choice([1, 2, 3][:k] + [-1, -2, -3][:k])
                                                   for _ in range(r.randint(1, 2))))))
        if freq == "WEEKLY":  # dateutil's first week starts at DTSTART, the RFC's at WKST
            ws = wkst if wkst is not None else 0
            start -= dt.timedelta(days=(start.weekday() - ws) % 7)
    bound = r.random()
    if bound < 0.3:
        parts.append("COUNT=%d" % r.randint(1, 25))
    elif bound < 0.45:
        until = start + dt.timedelta(days=r.choice([2, 20, 90, 400, 1500]), hours=r.randint(0, 30))
        parts.append("UNTIL=" + until.strftime("%Y%m%dT%H%M%S"))
    elif bound < 0.6:
        until = to_utc(start, z) + dt.timedelta(days=r.choice([1, 3, 40, 500]), minutes=r.randint(0, 2000))
        parts.append("UNTIL=" + until.strftime("%Y%m%dT%H%M%SZ"))
    r.shuffle(parts)
    return ";".join(parts), start


def strip(rule, name):
    return ";".join(p for p in rule.split(";") if not p.startswith(name + "="))


def part(rule, name):
    for p in rule.split(";"):
        if p.startswith(name + "="):
            return p[len(name) + 1:]
    return None


def readings(rule, start, z, limit):
    """The rule's existing readings, RFC 5545 style, at most `limit` of them, and whether
    they are all of them."""
    count = part(rule, "COUNT")
    until = part(rule, "UNTIL")
    given = strip(rule, "COUNT")
    if until and until.endswith("Z"):
        given = strip(given, "UNTIL")
        until_utc = dt.datetime.strptime(until, "%Y%m%dT%H%M%SZ").replace(tzinfo=UTC)
    else:
        until_utc = None
    out = []
    for x in du.rrulestr(given, dtstart=start):
        if x.year > 2200:
            return out, False
        if not exists(x, z):
            continue
        if until_utc and to_utc(x, z) > until_utc:
            return out, True
        out.append(x)
        if count and len(out) == int(count):
            return out, True
        if len(out) >= limit:
            return out, False
    return out, True


def add_dates(r, rule, start, z, occ):
    exdate, rdate = [], []
    if occ and r.random() < 0.25:
        exdate = sorted(set(r.choice(occ) for _ in range(r.randint(1, 3))))
    if r.random() < 0.2:
        base = occ[0] if occ else start
        for _ in range(r.randint(1, 3)):
            x = base + dt.timedelta(hours=r.randint(-48, 24 * 60), minutes=r.choice([0, 30, 7]))
            if exists(x, z) and x.year >= 1971:
                rdate.append(x)
        rdate = sorted(set(rdate))
    return exdate, rdate


def one_case(r, idx):
    z_name = r.choice(ZONES)
    z = ZoneInfo(z_name)
    near = near_transition(r, z) if r.random() < 0.5 else None
    rule, start = make_rule(r, z, near)
    try:
        occ, whole = readings(rule, start, z, 3 * TAKE)
    except (ValueError, TypeError):
        return None  # dateutil rejects an interval that never meets BYHOUR/BYMINUTE
    exdate, rdate = add_dates(r, rule, start, z, occ)
    full = sorted(set(to_utc(x, z) for x in occ if x not in exdate) |
                  set(to_utc(x, z) for x in rdate if x not in exdate))
    seek = None
    if len(full) > 4 and r.random() < 0.35:
        a = full[r.randrange(len(full) // 2)]
        seek = a + dt.timedelta(seconds=r.choice([-1, 0, 1, 1800]))
        full = [x for x in full if x >= seek]
    complete = whole and len(full) <= TAKE
    if rdate and not complete:
        # RDATEs after the last reading looked at would be out of order: keep only a prefix
        last = to_utc(occ[-1], z) if occ else None
        full = [x for x in full if last is None or x <= last]
    full = full[:TAKE]
    lines = ["case dateutil-%03d" % idx, "zone " + z_name,
             "dtstart " + start.strftime("%Y%m%dT%H%M%S"), "rrule " + rule]
    if exdate:
        lines.append("exdate " + ",".join(x.strftime("%Y%m%dT%H%M%S") for x in exdate))
    if rdate:
        lines.append("rdate " + ",".join(x.strftime("%Y%m%dT%H%M%S") for x in rdate))
    if seek:
        lines.append("seek " + seek.strftime("%Y%m%dT%H%M%SZ"))
    for i in range(0, len(full), 4):
        lines.append("expect " + " ".join(fmt_expect(x, z) for x in full[i:i + 4]))
    lines.append("complete" if complete else "more")
    return "\n".join(lines) + "\n"


def main():
    r = random.Random(SEED)
    w = sys.stdout.write
    w("# Generated by tests/tools/gen-rrule-cases.py (seed %d, tz data %s); do not edit.\n"
      % (SEED, tz_version()))
    w("# Random RRULEs x zones x DTSTARTs expanded by python-dateutil, with RFC 5545's treatment\n"
      "# of nonexistent local times, COUNT and UTC UNTIL applied (see the script's docstring).\n"
      "# Format: see rfc5545.txt. Each 'expect' value is a local date-time with its UTC offset.\n\n")
    idx = 0
    while idx < CASES:
        text = one_case(r, idx)
        if text:
            w(text + "\n")
            idx += 1


if __name__ == "__main__":
    main()
