#!/usr/bin/env python3
"""The python-dateutil peer of `make bench-recur` (tests/bench/recur_occ.c): the same rules,
DTSTARTs and span (Europe/Berlin, occurrences before 2036-01-01T00:00Z), each occurrence turned
into a UTC instant with the stdlib zoneinfo; the rule is parsed once, outside the timing (as
recur_occ.c creates its iterator once). Prints ns per occurrence, the median of RUNS runs.

    python3 tests/bench/recur_peer_dateutil.py [RUNS]
"""
import sys
import time
from datetime import datetime, timezone
from zoneinfo import ZoneInfo

from dateutil.rrule import rrulestr

RULES = [  # keep in step with rules[] in recur_occ.c
    ("FREQ=DAILY;BYHOUR=9;BYMINUTE=30", "2026-01-01 09:30"),
    ("FREQ=WEEKLY;BYDAY=MO,WE,FR;BYHOUR=18;BYMINUTE=0", "2026-01-05 18:00"),
    ("FREQ=MONTHLY;BYMONTHDAY=15;BYHOUR=9", "2026-01-15 09:00"),
    ("FREQ=MONTHLY;BYDAY=2TU", "2026-01-13 09:00"),
    ("FREQ=MONTHLY;BYMONTHDAY=-1", "2026-01-31 09:00"),
    ("FREQ=YEARLY", "2026-03-10 09:00"),
    ("FREQ=YEARLY;BYMONTH=3;BYDAY=-1SU", "2026-03-29 09:00"),
    ("FREQ=YEARLY;BYYEARDAY=100", "2026-04-10 09:00"),
    ("FREQ=YEARLY;BYWEEKNO=20;BYDAY=MO", "2026-05-11 09:00"),
]
SPAN_END = 2082758400  # 2036-01-01T00:00:00Z
BERLIN = ZoneInfo("Europe/Berlin")


def one_pass(rr):
    n = 0
    for local in rr:
        utc = local.replace(tzinfo=BERLIN).astimezone(timezone.utc)
        if utc.timestamp() >= SPAN_END:
            break
        n += 1
    return n


def main():
    runs = int(sys.argv[1]) if len(sys.argv) > 1 else 5
    print("%-48s %10s" % ("python-dateutil rule (Europe/Berlin, 2026-2035)", "ns/occ"))
    for rule, dtstart in RULES:
        times = []
        rr = rrulestr(rule, dtstart=datetime.strptime(dtstart, "%Y-%m-%d %H:%M"))
        for _ in range(runs):
            total, t0 = 0, time.perf_counter()
            while total < 20000:
                total += one_pass(rr)
            times.append((time.perf_counter() - t0) / total * 1e9)
        times.sort()
        print("%-48s %10.0f" % (rule, times[len(times) // 2]))


if __name__ == "__main__":
    main()
