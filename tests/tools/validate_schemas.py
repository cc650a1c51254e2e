#!/usr/bin/python3
"""validate_schemas.py TOOL: checks the JSON Schemas in docs/ against what timelinec writes and
reads (Debian's python3 with python3-jsonschema and python3-ruamel.yaml; run through
tests/tools/schemas.sh):

  - every tests/golden/examples/*.program.json  against docs/program.schema.json  (2020-12)
  - every tests/golden/examples/*.timeline.json against docs/timeline.schema.json (2020-12,
    which $refs "program.schema.json" for its "program" member)
  - every tests/golden/examples/*.schedule.json (a Live Activity's schedule: content states
    and APNs requests) against docs/schedule.schema.json (2020-12)
  - tests/fixtures/activity/typed.yaml (a content-state field of every type, an attribute of
    every scalar kind) compiled with each date-encoding: each schedule validates, its values
    keep their JSON types, and the two that TimelineKit's tests read
    (tests/swift/TimelineKitTests/Fixtures/typed-*.schedule.json) equal the compiler's output
  - every examples/*.yaml, examples/real-world/*.yaml, tests/spec-examples/*.{yaml,json} and
    docs/editors.md's spec examples against docs/spec.schema.json (draft-07; YAML read with the
    YAML 1.2 core schema, so '17:40' and 2026-12-01 stay strings)
  - docs/spec.schema.json for editors: each key's hover shows its own description
    (schemacheck.hover_lint), every default and example validates against its key's schema and
    each key of the table with a value default or an example has one in the schema
  - the patterns for durations, signed durations, instants, windows and dismissals agree with
    the compiler's reader on accept/reject vectors (seeds and their mutations, classified by
    running TOOL on them), and, when node is on PATH, decide them alike as ECMA-262 regexes;
    the host's zone names match the zone pattern
  - every tests/golden/scenarios/*.check.json against docs/diagnostics.schema.json (2020-12)
  - docs/spec.schema.json is byte-identical to `TOOL reference --json-schema`
  - negative checks: mutated copies of goldens and specs must be REJECTED
  - our schemas are valid against their metaschema and pass the strict lint ajv's strict mode
    applied (unknown keywords, keywords without their type, unbounded tuples, unknown formats)
  - lint of our own schemas: every property has a description

Formats are asserted (date-time, uri, uri-reference: tests/tools/schemacheck.py).
Prints one summary line and exits 0 when all pass; otherwise prints every failure to stderr and
exits 1 (2 for usage errors). VERBOSE=1 shows why each broken document was rejected.
"""
import copy
import json
import os
import re
import subprocess
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import schemacheck as sc  # noqa: E402  (exits 1 with the apt line when a package is missing)
import jsonschema  # noqa: E402

if len(sys.argv) != 2:
    sys.stderr.write("usage: tests/tools/validate_schemas.py TOOL   (TOOL: build/timelinec)\n")
    sys.exit(2)
TOOL = os.path.abspath(sys.argv[1])
ROOT = os.path.normpath(os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", ".."))
VERBOSE = bool(os.environ.get("VERBOSE"))
failures = []
counts = dict(program=0, timeline=0, schedule=0, spec=0, diagnostics=0, negative=0, **{'activity-program': 0})


def fail(msg):
    failures.append(msg)


def rel(p):
    return os.path.relpath(p, ROOT)


def list_dir(d, suffixes):
    a = os.path.join(ROOT, d)
    if not os.path.isdir(a):
        return []
    return [os.path.join(a, f) for f in sorted(os.listdir(a)) if any(f.endswith(s) for s in suffixes)]


# ---- schemas -------------------------------------------------------------------------------------

def load_schema(path):
    try:
        return sc.load_json(path)
    except (OSError, ValueError) as e:
        fail(f"{rel(path)}: cannot read the schema: {e}")
        return None


DRAFTS = {
    "https://json-schema.org/draft/2020-12/schema": ("2020-12", jsonschema.Draft202012Validator),
    "http://json-schema.org/draft-07/schema#": ("draft-07", jsonschema.Draft7Validator),
}
STORE = {}


def compile_schema(schema, name, want):
    """A validator for the schema, after its metaschema and the strict lint accept it."""
    if schema is None:
        return None
    draft, cls = DRAFTS.get(schema.get("$schema"), (None, None))
    if draft != want:
        fail(f"{name}: $schema is {schema.get('$schema')!r}, expected the {want} metaschema")
        return None
    ok = True
    for e in cls(cls.META_SCHEMA).iter_errors(schema):
        fail(f"{name}: the schema does not compile: {e.message} at #/{'/'.join(map(str, e.absolute_path))}")
        ok = False

    def lint_fail(msg):
        nonlocal ok
        ok = False
        fail(f"{name}: the schema does not compile: {msg}")

    sc.strict_lint(schema, draft, name, lint_fail)
    if not ok:
        return None
    resolver = jsonschema.RefResolver.from_schema(schema, store=STORE)
    return cls(schema, resolver=resolver, format_checker=sc.FORMATS)


SCHEMAS = {}
for kind in ("program", "timeline", "schedule", "diagnostics", "activity-program"):
    SCHEMAS[kind] = load_schema(os.path.join(ROOT, f"docs/{kind}.schema.json"))
    if SCHEMAS[kind] and "$id" in SCHEMAS[kind]:
        STORE[SCHEMAS[kind]["$id"]] = SCHEMAS[kind]
SPEC_SCHEMA_PATH = os.path.join(ROOT, "docs/spec.schema.json")
SCHEMAS["spec"] = load_schema(SPEC_SCHEMA_PATH)

VALIDATORS = {k: compile_schema(SCHEMAS[k], f"docs/{k}.schema.json", "2020-12")
              for k in ("program", "timeline", "schedule", "diagnostics", "activity-program")}
VALIDATORS["spec"] = compile_schema(SCHEMAS["spec"], "docs/spec.schema.json", "draft-07")


def lint_descriptions(schema, name):
    """Every property of our schemas documents itself (conditional refinements under
    if/then/else, contains and not only narrow properties declared elsewhere and are skipped)."""
    if schema is None:
        return

    def walk(node, path):
        if isinstance(node, list):
            for i, v in enumerate(node):
                walk(v, f"{path}/{i}")
            return
        if not isinstance(node, dict):
            return
        for k, v in node.items():
            if k in ("if", "then", "else", "contains", "not", "const", "enum"):
                continue
            if k == "properties" and isinstance(v, dict):
                for p, sub in v.items():
                    if sub is not False and not (isinstance(sub, dict) and isinstance(sub.get("description"), str)
                                                 and sub["description"]):
                        fail(f"{name}: property {path}/properties/{p} has no description")
                    walk(sub, f"{path}/properties/{p}")
                continue
            walk(v, f"{path}/{k}")

    walk(schema, "#")


for kind in ("program", "timeline", "schedule", "diagnostics", "activity-program"):
    lint_descriptions(SCHEMAS[kind], f"docs/{kind}.schema.json")
if SCHEMAS["spec"] is not None:
    sc.hover_lint(SCHEMAS["spec"], "docs/spec.schema.json", fail)


# ---- positive checks -------------------------------------------------------------------------------

def check(kind, doc, label):
    v = VALIDATORS[kind]
    if v is None:
        return
    errors = list(v.iter_errors(doc))
    if errors:
        fail(f"{label}: does not validate against the {kind} schema:\n{sc.error_lines(errors)}")
    else:
        counts[kind] += 1


# + the Swift readers' fixtures: thresholds that are parameters (above: $lead), lists of events
programs = list_dir("tests/golden/examples", [".program.json"]) + list_dir("tests/swift/TimelineKitTests/Fixtures", [".program.json"])
timelines = list_dir("tests/golden/examples", [".timeline.json"]) + list_dir("tests/swift/TimelineKitTests/Fixtures", [".timeline.json"])
schedules = list_dir("tests/golden/examples", [".schedule.json"]) + list_dir("tests/golden/schedules", [".schedule.json"])
activity_programs = list_dir("tests/golden/examples", [".activity-program.json"]) + list_dir("tests/golden/activity-programs", [".activity-program.json"])
specs = (list_dir("examples", [".yaml"]) + list_dir("examples/real-world", [".yaml"])
         + list_dir("tests/spec-examples", [".yaml", ".json"]))
if not programs:
    fail("no tests/golden/examples/*.program.json found")
if not timelines:
    fail("no tests/golden/examples/*.timeline.json found")
if not schedules:
    fail("no tests/golden/examples/*.schedule.json found")
if not specs:
    fail("no examples/*.yaml or tests/spec-examples/* found")


def kind_of(name):
    if name.endswith(".activity-program.json"):
        return "activity-program"
    for k in ("program", "timeline", "schedule"):
        if name.endswith(f".{k}.json"):
            return k
    return "spec"


goldens = {}  # file name -> parsed document, for the negative checks
if not activity_programs:
    fail("no tests/golden/examples/*.activity-program.json found")
for f in programs + timelines + schedules + activity_programs:
    try:
        doc = sc.load_json(f)
    except (OSError, ValueError) as e:
        fail(f"{rel(f)}: not JSON: {e}")
        continue
    goldens[os.path.basename(f)] = doc
    check(kind_of(f), doc, rel(f))


def parse_spec(path):
    with open(path, encoding="utf-8") as fh:
        text = fh.read()
    if path.endswith(".json"):
        return sc.load_json_text(text)
    return sc.load_yaml_core(text)


spec_docs = {}
for f in specs:
    try:
        doc = parse_spec(f)
    except Exception as e:  # any reader error is a failure of this spec, reported with its name
        fail(f"{rel(f)}: cannot parse: {e}")
        continue
    spec_docs[rel(f)] = doc
    check("spec", doc, rel(f))

# ---- typed schedules: every field type, every date-encoding ---------------------------------------

TYPED_SPEC = os.path.join(ROOT, "tests/fixtures/activity/typed.yaml")
TYPED_NOW = "2026-12-03T15:00:00Z"
ENCODED_ETA = {"deferred-to-date": 818007000, "seconds-since-1970": 1796314200,
               "milliseconds-since-1970": 1796314200000, "iso8601": "2026-12-03T16:10:00Z"}


def compile_typed(encoding):
    with open(TYPED_SPEC, encoding="utf-8") as fh:
        text = fh.read()
    text = "".join(f"date-encoding: {encoding}\n" if line.startswith("date-encoding:") else line
                   for line in text.splitlines(keepends=True))
    try:
        return subprocess.run([TOOL, "compile", "-", "--now", TYPED_NOW], input=text.encode(),
                              capture_output=True, check=True).stdout
    except (OSError, subprocess.CalledProcessError) as e:
        fail(f"cannot compile {rel(TYPED_SPEC)} with date-encoding {encoding}: {e}")
        return None


def check_typed(doc, encoding, label):
    # the JSON types the schema can only allow, pinned here (bool is not an int in these checks)
    want = {"since": str, "status": str, "stops": int, "ratio": (int, float), "done": bool}
    for i, st in enumerate(doc.get("states", [])):
        cs = st.get("content-state", {})
        for k, t in dict(want, eta=str).items():
            if k in cs and not (isinstance(cs[k], t) and not (t is int and isinstance(cs[k], bool))):
                fail(f"{label}: states[{i}].content-state.{k} is {cs[k]!r}, not {t}")
        aps = st.get("request", {}).get("body", {}).get("aps", {})
        if "content-state" in aps and aps["content-state"].get("eta") != ENCODED_ETA[encoding]:
            fail(f"{label}: states[{i}] pushes eta {aps['content-state'].get('eta')!r}, "
                 f"want {ENCODED_ETA[encoding]!r}")
    attrs = doc["states"][0].get("request", {}).get("body", {}).get("aps", {}).get("attributes")
    if attrs != {"order": "A-1", "count": 9007199254740993, "weight": 2.5, "gift": True, "note": None}:
        fail(f"{label}: the start's attributes are {attrs!r}")


TYPED_FIXTURES = ("milliseconds-since-1970", "iso8601")
typed = {}
for encoding in ENCODED_ETA:
    out = compile_typed(encoding)
    if out is None:
        continue
    label = f"{rel(TYPED_SPEC)} (date-encoding {encoding})"
    doc = sc.load_json_text(out.decode("utf-8"))
    typed[encoding] = doc
    check("schedule", doc, label)
    check_typed(doc, encoding, label)
    if encoding in TYPED_FIXTURES:
        fixture = os.path.join(ROOT, f"tests/swift/TimelineKitTests/Fixtures/typed-{encoding}.schedule.json")
        try:
            with open(fixture, "rb") as fh:
                same = fh.read() == out
        except OSError:
            same = False
        if not same:
            fail(f"{rel(fixture)} differs from the compiler's output for {label}; regenerate it with "
                 f"'timelinec compile - --now {TYPED_NOW}' on the spec with that date-encoding")
if typed:
    goldens["typed.schedule.json"] = typed.get("milliseconds-since-1970")

# ---- check --format json reports against docs/diagnostics.schema.json ------------------------------

reports = list_dir("tests/golden/scenarios", [".check.json"])
if not reports:
    fail("no tests/golden/scenarios/*.check.json found")
for f in reports:
    check("diagnostics", sc.load_json(f), rel(f))
if VALIDATORS["diagnostics"] and reports:
    broken = [f for f in reports if "broken" in f]
    bad = sc.load_json(broken[0])
    bad["diagnostics"][0]["severity"] = "fatal"
    if VALIDATORS["diagnostics"].is_valid(bad):
        fail("a report with severity 'fatal' was accepted")
    else:
        counts["negative"] += 1

# ---- docs/spec.schema.json is the tool's output -------------------------------------------------------

try:
    out = subprocess.run([TOOL, "reference", "--json-schema"], capture_output=True, check=True).stdout
except (OSError, subprocess.CalledProcessError) as e:
    fail(f"cannot run '{TOOL} reference --json-schema': {str(e).splitlines()[0]}")
    out = None
if out is not None and os.path.exists(SPEC_SCHEMA_PATH):
    with open(SPEC_SCHEMA_PATH, "rb") as fh:
        file = fh.read()
    if file != out:
        i = 0
        while i < len(file) and i < len(out) and file[i] == out[i]:
            i += 1
        fail(f"docs/spec.schema.json differs from '{rel(TOOL)} reference --json-schema' "
             f"at byte {i} (file {len(file)} bytes, tool {len(out)} bytes): "
             f"file {file[i:i + 40]!r} vs tool {out[i:i + 40]!r}; regenerate with "
             f"'{rel(TOOL)} reference --json-schema > docs/spec.schema.json'")

# ---- docs/spec.schema.json for editors: defaults, examples, patterns against the compiler ---------------

SPEC = SCHEMAS["spec"] or {}
SPEC_DEFS = SPEC.get("definitions", {})


def prop_validator(defname, key):
    """A validator for one key's schema (its $refs resolved in the spec schema)."""
    sub = SPEC_DEFS.get(defname, {}).get("properties", {}).get(key)
    if sub is None:
        fail(f"docs/spec.schema.json: no property {defname}.{key}")
        return None
    return jsonschema.Draft7Validator(sub, resolver=jsonschema.RefResolver.from_schema(SPEC))


def check_defaults_examples():
    n_def = n_ex = 0
    for d, body in sorted(SPEC_DEFS.items()):
        for k, sub in sorted(body.get("properties", {}).items()):
            v = prop_validator(d, k)
            if v is None:
                continue
            if "default" in sub:
                n_def += 1
                for e in v.iter_errors(sub["default"]):
                    fail(f"docs/spec.schema.json: {d}.{k}: the default {sub['default']!r} is invalid: {e.message}")
            for x in sub.get("examples", []):
                for e in v.iter_errors(x):
                    fail(f"docs/spec.schema.json: {d}.{k}: the example {x!r} is invalid: {e.message}")
            n_ex += "examples" in sub
    # the key table (`TOOL reference --markdown`): a default in code and an example on a row
    try:
        md = subprocess.run([TOOL, "reference", "--markdown"], capture_output=True, check=True,
                            text=True).stdout
    except (OSError, subprocess.CalledProcessError) as e:
        fail(f"cannot run '{TOOL} reference --markdown': {e}")
        return
    rows = [line.split(" | ") for line in md.splitlines() if line.startswith("| `")]
    want_def = sum(1 for r in rows if re.fullmatch(r"`[^`]*`", r[3]))  # not a default in words
    want_ex = sum(1 for r in rows if r[4].strip(" |")) + sum(1 for r in rows if r[1] == "zone" and not r[4].strip(" |"))
    if (n_def, n_ex) != (want_def, want_ex):
        fail(f"docs/spec.schema.json has {n_def} defaults and {n_ex} keys with examples; the key table "
             f"has {want_def} value defaults and {want_ex} examples (one did not read as YAML?)")
    counts["spec-keys"] = (n_def, n_ex)


check_defaults_examples()


def mutations(seed, alphabet):
    """The seed, and each single-character deletion, doubling, case swap, digit change and
    insertion of a character of `alphabet`: the near misses a pattern gets wrong."""
    out = {seed}
    for i in range(len(seed) + 1):
        for c in alphabet:
            out.add(seed[:i] + c + seed[i:])
        if i < len(seed):
            ch = seed[i]
            out.add(seed[:i] + seed[i + 1:])
            out.add(seed[:i] + ch + seed[i:])
            out.add(seed[:i] + ch.swapcase() + seed[i + 1:])
            if ch.isdigit():
                for dgt in "0129":
                    out.add(seed[:i] + dgt + seed[i + 1:])
    return out


DUR_SEEDS = ["90s", "1h30m", "1d", "2w3d4h5m6s", "7d12h", "0s", "007m", "PT2H30M", "P1W", "P1W2D",
             "P1DT2H", "PT0S", "P2D", "PT90M", "PT1M30S", "1w", "45m", "2h", "1y", "3mo", "1.5h"]
INSTANT_SEEDS = ["2026-12-01 18:00", "2026-12-01T17:00:00Z", "2026-12-01t17:00:00z", "2026-12-01",
                 "2028-02-29", "2000-02-29 00:00", "2100-02-28", "1972-02-29", "2026-12-01T17:00:00.000+05:30",
                 "2026-04-30 23:59:59", "2026-12-01T09:30-08:00", "1970-01-01", "9999-12-31 23:59:59",
                 "@1764612000", "@0", "@253402300799", "@-0", "now", "now + 5m", "now - 1h",
                 "$eta", "$eta - 10m", "$eta + PT5M", "$eta-x", "$eta_2 -  1h", "2026-12-01 18:00 - 1h",
                 "2026-12-01 + 1d", "@1764612000 + 30s"]
DUR_ALPHABET = " +-0PTWDHMSwdhms.,"
INSTANT_ALPHABET = " +-0:T Zz@$.nowe"
# what a pattern cannot see, refused by the compiler only: a duration's total, an instant's UTC
# range at the edges (docs/editors.md says so)
RANGE_ONLY = ("is too long", "' is before 1970-01-01T00:00:00Z", "' is after 9999-12-31T23:59:59Z")
ACTIVITY_HEAD = ('{"timelinec": 1, "live-activity": "Delivery", "bundle-id": "com.example.shop",\n'
                 ' "timezone": "UTC", "params": {"eta": "instant", "eta_2": "instant", "lead": "duration"},\n'
                 ' "content-state": {"eta": "date"}, "view": {"lock-screen": "{countdown eta}"},\n'
                 ' "start": {"at": "now", "state": {"eta": "$eta"}},\n "updates": [\n')
WIDGET_HEAD = ('{"timelinec": 1, "widget": "W", "timezone": "UTC", "horizon": "1d",\n'
               ' "params": {"lead": "duration"},\n "countdown": {"to": "2026-12-01 18:00", "show": [\n')
LINE = re.compile(r"^[^:\n]+:(\d+):\d+: error: (.*) \[(TL\d+)\]$", re.M)


def compiler_verdicts(values, head, item, tail, first_line):
    """{value: None (read) | message (refused by the reader, TL020)}, one spec per chunk with one
    value per line, run through `TOOL check`."""
    out = {}
    values = sorted(values)
    for at in range(0, len(values), 400):
        chunk = values[at:at + 400]
        text = head + ",\n".join(item(json.dumps(v)) for v in chunk) + tail
        r = subprocess.run([TOOL, "check", "-", "--now", "2026-11-25T08:00:00Z"], input=text.encode(),
                           capture_output=True)
        if r.returncode not in (0, 1, 2):
            fail(f"timelinec check crashed ({r.returncode}) on the pattern vectors")
            return {}
        refused = {}
        for m in LINE.finditer(r.stdout.decode() + r.stderr.decode()):
            if m.group(3) == "TL020":
                refused.setdefault(int(m.group(1)), m.group(2))
        for i, v in enumerate(chunk):
            out[v] = refused.get(first_line + i)
    return out


ALL_VECTORS = set()


def agree(kind, defname, key, values, head, item, tail, first_line):
    v = prop_validator(defname, key)
    if v is None:
        return
    verdicts = compiler_verdicts(values, head, item, tail, first_line)
    ALL_VECTORS.update(values)
    n = {"accepted": 0, "rejected": 0, "range": 0}
    for value, msg in sorted(verdicts.items()):
        ok = v.is_valid(value)
        if msg and any(r in msg for r in RANGE_ONLY):
            n["range"] += 1
            if not ok:
                fail(f"{kind} {value!r}: refused by the compiler only for its range ({msg}), but the "
                     "pattern refuses its form")
            continue
        if ok != (msg is None):
            fail(f"{kind} {value!r}: the compiler {'refuses it (' + msg + ')' if msg else 'reads it'}, "
                 f"the schema {'accepts' if ok else 'refuses'} it")
        n["accepted" if ok else "rejected"] += 1
    if n["accepted"] < 10 or n["rejected"] < 10:
        fail(f"{kind}: too few vectors ({n}); the chunked run lost them?")
    counts.setdefault("vectors", []).append(f"{kind} {n['accepted']}+{n['rejected']}")


def agree_each(kind, defname, key, values, spec, codes, beyond):
    """As agree(), one spec per value (for a key a spec holds once); `codes`: the rules by which
    the reader refuses the value, `beyond`: messages of refusals a pattern cannot see."""
    from concurrent.futures import ThreadPoolExecutor
    v = prop_validator(defname, key)
    if v is None:
        return

    def run(value):
        r = subprocess.run([TOOL, "check", "-", "--now", "2026-11-25T08:00:00Z"],
                           input=spec(json.dumps(value)).encode(), capture_output=True)
        if r.returncode not in (0, 1, 2):
            return value, f"crash {r.returncode}"
        msgs = [m.group(2) for m in LINE.finditer(r.stdout.decode() + r.stderr.decode()) if m.group(3) in codes]
        return value, (msgs[0] if msgs else None)

    with ThreadPoolExecutor(max_workers=2) as pool:
        verdicts = dict(pool.map(run, sorted(values)))
    ALL_VECTORS.update(values)
    n = {"accepted": 0, "rejected": 0}
    for value, msg in sorted(verdicts.items()):
        ok = v.is_valid(value)
        if msg and any(b in msg for b in beyond):
            if not ok:
                fail(f"{kind} {value!r}: refused by the compiler only for what a pattern cannot see ({msg}), "
                     "but the pattern refuses its form")
            continue
        if ok != (msg is None):
            fail(f"{kind} {value!r}: the compiler {'refuses it (' + msg + ')' if msg else 'reads it'}, "
                 f"the schema {'accepts' if ok else 'refuses'} it")
        n["accepted" if ok else "rejected"] += 1
    if n["accepted"] < 3 or n["rejected"] < 3:
        fail(f"{kind}: too few vectors ({n})")
    counts.setdefault("vectors", []).append(f"{kind} {n['accepted']}+{n['rejected']}")


if SPEC_DEFS:
    durations = set()
    for sd in DUR_SEEDS:
        durations |= mutations(sd, DUR_ALPHABET)
    durations |= {"99999999999999999999s", "253402300799s", "253402300800s", "8030w", "", " 5m", "5m "}
    agree("duration", "update", "stale-after", durations, ACTIVITY_HEAD,
          lambda j: '{"at": "now", "stale-after": %s}' % j, "\n]}\n", 6)
    signed = {p + d for d in sorted(durations)[::3] for p in ("-", "+")} | durations
    agree("signed duration", "phase", "above", {x for x in signed if "$" not in x and x != "end"},
          WIDGET_HEAD, lambda j: '{"above": %s, "text": "x"}' % j, ',\n{"text": "x"}]}}\n', 4)
    instants = set()
    for sd in INSTANT_SEEDS:
        instants |= mutations(sd, INSTANT_ALPHABET)
    instants |= {"1970-01-01T00:30:00+01:00", "9999-12-31T23:30:00-01:00", "@253402300800", "@-1", "",
                 "$eta-10m", "$eta-1h30m", "$eta-10", "$eta-x10m", "now+5m", "now  +  5m", "$Eta"}
    agree("instant", "update", "at", instants, ACTIVITY_HEAD, lambda j: '{"at": %s}' % j, "\n]}\n", 6)

    # one value per spec: a window (widget) and a dismissal (activity), where the key is single
    windows = {"2026-11-25 09:00 .. 2026-12-08 00:00", "2026-11-25T08:00:00Z..2026-12-08T00:00:00Z",
               "2026-12-01 .. 2026-12-31", "@1796000000 .. @1796086400", "2026-12-01T00:00:00+01:00 .. 2026-12-02",
               "2026-12-01 ..", ".. 2026-12-01", "2026-12-01 . . 2026-12-02", "2026-12-01 ... 2026-12-02",
               "2026-12-01 - 2026-12-02", "2026-12-01 .. now", "2026-12-01 .. 2026-12-01", "2026-12-02 .. 2026-12-01",
               "2026-12-01 .. $eta", "2026-12-01 18:00 + 1h .. 2026-12-02", "2026-12-01..2026-12-02 ", "2026-12-01\t.. 2026-12-02"}
    for sd in ("2026-11-25 09:00 .. 2026-12-08 00:00", "2026-12-01 .. 2026-12-31"):
        for i in range(len(sd)):
            windows |= {sd[:i] + sd[i + 1:], sd[:i] + sd[i] + sd[i:]}
    agree_each("window", "widget-spec", "window", windows,
               lambda j: '{"timelinec": 1, "widget": "W", "window": %s, "countdown": {"to": "2026-12-01 18:00", '
                         '"show": [{"text": "x"}]}}' % j, ("TL020",), ("is not after its start",))
    dismissals = {"default", "immediate", "after 15m", "after PT15M", "after 4h", "after 1h30m", "after 0s",
                  "after  15m", "after", "after ", "Default", "after -5m", "after +5m", "after15m", "after 15m ",
                  "later", "after 15", "after 1h 30m", "immediately", "after 5h"}
    agree_each("dismissal", "end", "dismissal", dismissals,
               lambda j: ACTIVITY_HEAD + '{"at": "now + 5m"}],\n "end": {"at": "now + 1h", "dismissal": %s}}\n' % j,
               ("TL020", "TL014"), ())

    # editors run the patterns as ECMA-262 regular expressions ('u' flag): with node on PATH, each
    # must compile and decide every vector as Python's re does (else this part is skipped, said so)
    patterns = set()

    def collect_patterns(node):
        if isinstance(node, dict):
            if isinstance(node.get("pattern"), str):
                patterns.add(node["pattern"])
            for x in node.values():
                collect_patterns(x)
        elif isinstance(node, list):
            for x in node:
                collect_patterns(x)

    collect_patterns(SPEC)
    vectors = sorted(ALL_VECTORS)
    js = ("const [pats, vec] = JSON.parse(require('fs').readFileSync(0, 'utf8')); const out = {};"
          "for (const p of pats) { const r = new RegExp(p, 'u'); out[p] = vec.map(v => r.test(v)); }"
          "process.stdout.write(JSON.stringify(out));")
    try:
        r = subprocess.run(["node", "-e", js], input=json.dumps([sorted(patterns), vectors]).encode(),
                           capture_output=True)
    except OSError:
        r = None
    if r is None:
        counts["ecma"] = "skipped (no node on PATH)"
    elif r.returncode != 0:
        fail(f"the spec schema's patterns do not run as ECMA-262 regular expressions: {r.stderr.decode()[:400]}")
    else:
        got = json.loads(r.stdout)
        for p in sorted(patterns):
            rx = re.compile(p)
            for value, ok in zip(vectors, got.get(p, [])):
                if ok != bool(rx.search(value)):
                    fail(f"pattern {p[:60]}...: JavaScript and Python differ on {value!r}")
                    break
        counts["ecma"] = f"{len(patterns)} patterns decide {len(vectors)} vectors alike in JavaScript"

    # zones: the host's names all match (the committed schema lists none: they are the host's)
    zv = prop_validator("widget-spec", "timezone")
    try:
        import zoneinfo
        zones = sorted(zoneinfo.available_timezones())
    except ImportError:
        zones = []
    for z in zones + ["floating"]:
        if zv is not None and not zv.is_valid(z):
            fail(f"zone {z!r} does not match the timezone pattern")
    for z in ("", "Europe/", "/Berlin", "Europe//Berlin", "Europe/Ber lin", "1Europe/Berlin"):
        if zv is not None and zv.is_valid(z):
            fail(f"zone {z!r} matches the timezone pattern")
    counts["zones"] = len(zones)

# ---- docs/editors.md: its spec examples and settings, in the layout it describes -------------------------

EDITORS = os.path.join(ROOT, "docs/editors.md")


def fenced_blocks(text, lang):
    return re.findall(r"^```" + lang + r"\n(.*?)^```$", text, re.M | re.S)


def check_editors():
    import fnmatch
    import tempfile
    try:
        with open(EDITORS, encoding="utf-8") as fh:
            text = fh.read()
    except OSError as e:
        fail(f"docs/editors.md: {e}")
        return
    yamls = [b for b in fenced_blocks(text, "yaml") if b.startswith("# yaml-language-server: $schema=")]
    jsons = [sc.load_json_text(b) for b in fenced_blocks(text, "json")]
    specs_json = [d for d in jsons if isinstance(d, dict) and "timelinec" in d]
    settings = [d for d in jsons if isinstance(d, dict) and "yaml.schemas" in d]
    if len(yamls) != 1 or len(specs_json) != 1 or len(settings) != 1:
        fail(f"docs/editors.md: expected one YAML spec with the modeline, one JSON spec and one settings "
             f"block; found {len(yamls)}, {len(specs_json)}, {len(settings)}")
        return
    with tempfile.TemporaryDirectory() as tmp:
        # the layout of the page: the schema at the top, the specs in specs/
        os.mkdir(os.path.join(tmp, "specs"))
        with open(os.path.join(tmp, "spec.schema.json"), "wb") as fh:
            fh.write(subprocess.run([TOOL, "reference", "--json-schema"], capture_output=True).stdout)
        files = {"specs/launch.yaml": yamls[0], "specs/launch.json": json.dumps(specs_json[0], indent=2)}
        for name, body in files.items():
            path = os.path.join(tmp, name)
            with open(path, "w", encoding="utf-8") as fh:
                fh.write(body)
            doc = parse_spec(path)
            check("spec", doc, f"docs/editors.md ({name})")
            ref = (yamls[0].split("\n", 1)[0].split("$schema=", 1)[1] if name.endswith(".yaml")
                   else doc.get("$schema", ""))
            if not os.path.isfile(os.path.join(os.path.dirname(path), ref)):
                fail(f"docs/editors.md ({name}): the schema path {ref!r} does not reach spec.schema.json")
            r = subprocess.run([TOOL, "check", path, "--now", "2026-11-25T08:00:00Z"], capture_output=True)
            if r.returncode != 0:
                fail(f"docs/editors.md ({name}): 'timelinec check' exits {r.returncode}: "
                     f"{r.stdout.decode()[:300]}{r.stderr.decode()[:300]}")
        # the settings: each pattern maps the page's specs (and only specs) to a path that exists
        st = settings[0]
        covered = set()
        for url, globs in st.get("yaml.schemas", {}).items():
            if not os.path.isfile(os.path.join(tmp, url)):
                fail(f"docs/editors.md: yaml.schemas names {url!r}, which is not the schema")
            covered |= {f for f in files if any(fnmatch.fnmatch(f, g) for g in globs)}
        for entry in st.get("json.schemas", []):
            if not os.path.isfile(os.path.join(tmp, entry.get("url", ""))):
                fail(f"docs/editors.md: json.schemas names {entry.get('url')!r}, which is not the schema")
            covered |= {f for f in files if any(fnmatch.fnmatch(f, g) for g in entry.get("fileMatch", []))}
            if any(fnmatch.fnmatch("build/launch.program.json", g) for g in entry.get("fileMatch", [])):
                fail("docs/editors.md: json.schemas would give compiled programs in build/ the spec schema")
        if covered != set(files):
            fail(f"docs/editors.md: the settings map {sorted(covered)} to the schema, not both specs")
    counts["editors"] = True


check_editors()

# ---- negative checks ------------------------------------------------------------------------------------
# Each takes a golden (or spec), changes one thing, and must be rejected. A mutation whose target
# is missing is itself a failure (the golden changed shape: update the check).

_MISSING = object()


def container(doc, path):
    node = doc
    for k in path[:-1]:
        if isinstance(node, dict) and k in node:
            node = node[k]
        elif isinstance(node, list) and isinstance(k, int) and 0 <= k < len(node):
            node = node[k]
        else:
            return None
    return node if isinstance(node, (dict, list)) else None


def has(parent, k):
    if isinstance(parent, dict):
        return k in parent
    return isinstance(k, int) and 0 <= k < len(parent)


def set_(path, value):  # replace an existing value
    def m(doc):
        p, k = container(doc, path), path[-1]
        if p is None or not has(p, k):
            return False
        p[k] = value
        return True
    return m


def del_(path):  # remove an existing key or array item
    def m(doc):
        p, k = container(doc, path), path[-1]
        if p is None or not has(p, k):
            return False
        del p[k]
        return True
    return m


def add(path, value):  # a new key
    def m(doc):
        p, k = container(doc, path), path[-1]
        if not isinstance(p, dict) or k in p:
            return False
        p[k] = value
        return True
    return m


TL_LIVE = ["entries", 6, "views", "main", "families", "default", 1]  # launch: the timer run
SCH_APS = ["states", 1, "request", "body", "aps"]  # delivery: the first pushed update
SCH_HEADERS = ["states", 1, "request", "headers"]
TL_VIEW = ["entries", 0, "views", "main"]
TL_MSG = TL_VIEW + ["families", "default", 0]
TY_APS = ["states", 0, "request", "body", "aps"]  # typed: the push-to-start
NEGATIVE = [
    # programs
    ("launch.program.json", "unknown live run kind", set_(["countdowns", 0, "phases", 1, "views", "default", 1, "live"], "stopwatch")),
    ("launch.program.json", "missing required key 'zone'", del_(["zone"])),
    ("launch.program.json", "missing required key 'phases'", del_(["countdowns", 0, "phases"])),
    ("launch.program.json", "bad instant (offset instead of 'Z')", set_(["countdowns", 0, "target", "at"], "2026-12-01T18:00:00+01:00")),
    ("launch.program.json", "bad instant (no 'Z')", set_(["window", "start", "at"], "2026-11-25T08:00:00")),
    ("launch.program.json", "both window and horizon", add(["horizon"], 86400)),
    ("launch.program.json", "unknown widget family", add(["countdowns", 0, "phases", 0, "views", "systemSmall"], [{"text": "x"}])),
    ("launch.program.json", "unknown top-level key", add(["extra"], True)),
    ("launch.program.json", "message run with a text too", add(["countdowns", 0, "phases", 0, "views", "default", 0, "text"], "x")),
    ("launch.program.json", "phase threshold not an integer", set_(["countdowns", 0, "phases", 0, "above"], "24h")),
    ("launch.program.json", "two phases without threshold", set_(["countdowns", 0, "phases", 2, "above"], None)),
    ("launch.program.json", "unknown unit", set_(["messages", 0, "units", 0], "weeks")),
    ("launch.program.json", "unknown reload policy", set_(["reload", "policy"], "sometimes")),
    ("launch.program.json", "unknown time kind", set_(["countdowns", 0, "target", "kind"], "none")),
    ("standup.program.json", "local reading with a 'Z'", set_(["countdowns", 0, "dtstart"], "1970-01-01T00:00:00Z")),
    ("standup.program.json", "recur countdown with a target", add(["countdowns", 0, "target"], {"kind": "now", "offset": 0})),
    ("flight.program.json", "param time without its name", del_(["countdowns", 0, "target", "param"])),
    # programs: a key no reader knows, at each level (the readers refuse them too: test_reader_keys.c)
    ("launch.program.json", "unknown key in the window", add(["window", "x-unknown"], 1)),
    ("launch.program.json", "unknown key in a time", add(["window", "start", "x-unknown"], 1)),
    ("launch.program.json", "unknown key in the reload", add(["reload", "x-unknown"], 1)),
    ("launch.program.json", "unknown key in a countdown", add(["countdowns", 0, "x-unknown"], 1)),
    ("launch.program.json", "unknown key in a phase", add(["countdowns", 0, "phases", 0, "x-unknown"], 1)),
    ("launch.program.json", "unknown key in a run", add(["countdowns", 0, "phases", 0, "views", "default", 0, "x-unknown"], 1)),
    ("launch.program.json", "unknown key in a message", add(["messages", 0, "x-unknown"], 1)),
    ("launch.program.json", "unknown key in a baked table", add(["baked", 0, "x-unknown"], 1)),
    ("launch.program.json", "unknown key in relevance", add(["countdowns", 0, "relevance", "x-unknown"], 1)),
    ("flight.program.json", "unknown key in a parameter", add(["params", 0, "x-unknown"], 1)),
    ("launch.program.json", "time of kind now with an 'at'", set_(["window", "start"], {"kind": "now", "at": "2026-11-25T08:00:00Z", "offset": 0})),
    # timelines
    ("launch.timeline.json", "unknown live run kind", set_(TL_LIVE + ["live"], "stopwatch")),
    ("launch.timeline.json", "live run without target", del_(TL_LIVE + ["target"])),
    ("launch.timeline.json", "timer run with a from", add(TL_LIVE + ["from"], "2026-11-30T17:00:00Z")),
    ("launch.timeline.json", "missing required key 'now'", del_(["now"])),
    ("launch.timeline.json", "bad entry date (no 'Z')", set_(["entries", 0, "date"], "2026-11-25T08:00:00")),
    ("launch.timeline.json", "bad entry date (month 13)", set_(["entries", 0, "date"], "2026-13-25T08:00:00Z")),
    ("launch.timeline.json", "bad entry date (Feb 30)", set_(["entries", 0, "date"], "2026-02-30T08:00:00Z")),
    ("launch.timeline.json", "program-only policy 'auto'", set_(["policy", "kind"], "auto")),
    ("launch.timeline.json", "unknown now-source", set_(["now-source"], "sundial")),
    ("launch.timeline.json", "no entries", set_(["entries"], [])),
    ("launch.timeline.json", "message arg of an unknown unit", add(["entries", 0, "views", "main", "families", "default", 0, "args", "weeks"], 1)),
    ("launch.timeline.json", "embedded program: unknown run kind", set_(["program", "countdowns", 0, "phases", 1, "views", "default", 1, "live"], "stopwatch")),
    ("launch.timeline.json", "embedded program: missing 'countdowns'", del_(["program", "countdowns"])),
    ("standup.timeline.json", "policy after without its date", del_(["policy", "date"])),
    # timelines: a key no reader knows, at each level, and the maps' foreign names
    ("launch.timeline.json", "unknown top-level key", add(["x-unknown"], 1)),
    ("launch.timeline.json", "unknown key in the policy", add(["policy", "x-unknown"], 1)),
    ("launch.timeline.json", "unknown key in an entry", add(["entries", 0, "x-unknown"], 1)),
    ("launch.timeline.json", "unknown key in a view", add(TL_VIEW + ["x-unknown"], 1)),
    ("launch.timeline.json", "unknown key in a message run", add(TL_MSG + ["x-unknown"], 1)),
    ("launch.timeline.json", "unknown key in a live run", add(TL_LIVE + ["x-unknown"], 1)),
    ("flight.timeline.json", "unknown key in an entry's relevance", add(["entries", 1, "relevance", "x-unknown"], 1)),
    ("launch.timeline.json", "unknown widget family", add(TL_VIEW + ["families", "systemSmall"], [{"text": "x"}])),
    ("launch.timeline.json", "pause on a relative run", set_(TL_LIVE, {"live": "relative", "target": "2026-12-01T17:00:00Z", "pause": "2026-12-01T10:00:00Z"})),
    ("launch.timeline.json", "pause on a progress run", set_(TL_LIVE, {"live": "progress", "from": "2026-11-25T08:00:00Z", "target": "2026-12-01T17:00:00Z", "pause": "2026-12-01T10:00:00Z"})),
    ("launch.timeline.json", "unknown key in the embedded program", add(["program", "x-unknown"], 1)),
    # schedules (a Live Activity): the aps body and the request headers
    ("delivery-activity.schedule.json", "aps event 'pause'", set_(SCH_APS + ["event"], "pause")),
    ("delivery-activity.schedule.json", "apns-push-type 'alert'", set_(SCH_HEADERS + ["apns-push-type"], "alert")),
    ("delivery-activity.schedule.json", "unknown top-level key", add(["x-unknown"], 1)),
    ("delivery-activity.schedule.json", "unknown key in the lifecycle", add(["lifecycle", "x-unknown"], 1)),
    ("delivery-activity.schedule.json", "unknown presentation", add(["views", "banner"], "x")),
    ("delivery-activity.schedule.json", "unknown key in a state", add(["states", 1, "x-unknown"], 1)),
    ("delivery-activity.schedule.json", "unknown key in a request", add(["states", 1, "request", "x-unknown"], 1)),
    ("delivery-activity.schedule.json", "unknown header", add(SCH_HEADERS + ["apns-collapse-id"], "x")),
    ("delivery-activity.schedule.json", "unknown key in a body", add(["states", 1, "request", "body", "x-unknown"], 1)),
    ("delivery-activity.schedule.json", "unknown key in aps", add(SCH_APS + ["x-unknown"], 1)),
    ("delivery-activity.schedule.json", "aps sound next to the alert (written inside it)", add(SCH_APS + ["sound"], "default")),
    ("delivery-activity.schedule.json", "unknown key in an alert", add(["states", 2, "request", "body", "aps", "alert", "x-unknown"], 1)),
    ("delivery-activity.schedule.json", "content-state value null", set_(["states", 1, "content-state", "stops"], None)),
    ("delivery-activity.schedule.json", "content-state value an array", set_(["states", 1, "content-state", "stops"], [2])),
    ("delivery-activity.schedule.json", "pushed content-state value null", set_(SCH_APS + ["content-state", "stops"], None)),
    ("typed.schedule.json", "attribute value an object", set_(TY_APS + ["attributes", "note"], {"a": 1})),
    # Live Activity programs
    ("delivery-activity.activity-program.json", "activity program version 3", set_(["timelinec-activity-program"], 3)),
    ("delivery-activity.activity-program.json", "activity program version 1", set_(["timelinec-activity-program"], 1)),
    ("delivery-activity.activity-program.json", "unknown key in an activity program", add(["x-unknown"], 1)),
    ("delivery-activity.activity-program.json", "unknown key in an event", add(["events", 0, "x-unknown"], 1)),
    ("delivery-activity.activity-program.json", "unknown key in a field", add(["fields", 0, "x-unknown"], 1)),
    ("delivery-activity.activity-program.json", "an event of no kind", set_(["events", 1, "event"], "pause")),
    ("delivery-activity.activity-program.json", "priority 7", set_(["events", 1, "priority"], 7)),
    ("delivery-activity.activity-program.json", "a state value an array", set_(["events", 1, "state", "stops"], [2])),
    ("delivery-activity.activity-program.json", "a parameter reference with another key", set_(["events", 1, "state", "stops"], {"param": "eta", "x": 1})),
    ("delivery-activity.activity-program.json", "an unknown presentation", add(["views", "lock-screens"], "x")),
    ("delivery-activity.activity-program.json", "an attribute an object", add(["attributes", "x"], {"a": 1})),
    ("delivery-activity.activity-program.json", "a field of no type", set_(["fields", 0, "type"], "time")),
    # who makes each event (issue 19): an intent makes only updates, and they do not repeat
    ("delivery-activity.activity-program.json", "a start via push", set_(["events", 0, "via"], "push")),
    ("delivery-activity.activity-program.json", "an update via push-to-start", set_(["events", 1, "via"], "push-to-start")),
    ("delivery-activity.activity-program.json", "an end via push-to-start", set_(["events", 3, "via"], "push-to-start")),
    # while: foreground (issue 19): only on an update or the end via app, only that value
    ("delivery-activity.activity-program.json", "while on a push", add(["events", 1, "while"], "foreground")),
    ("delivery-activity.activity-program.json", "while on the start", add(["events", 0, "while"], "foreground")),
    ("sleep-timer-activity.activity-program.json", "while background", add(["events", 1, "while"], "background")),
    ("delivery-activity.schedule.json", "a state while on a push", add(["states", 1, "while"], "foreground")),
    ("sleep-timer-activity.activity-program.json", "a repeating intent update", set_(["events", 1, "every"], 300)),
    ("sleep-timer-activity.schedule.json", "an intent update with a request", add(["states", 1, "request"], {"method": "POST"})),
    ("sleep-timer-activity.schedule.json", "an end via push-to-start", set_(["states", 2, "via"], "push-to-start")),
    ("sleep-timer-activity.schedule.json", "a start via intent", set_(["states", 0, "via"], "intent")),
    ("delivery-activity.activity-program.json", "varies on the start", add(["events", 0, "varies"], ["eta"])),
    ("delivery-activity.activity-program.json", "varies empty", add(["events", 1, "varies"], [])),
    ("delivery-activity.activity-program.json", "varies twice the same", add(["events", 1, "varies"], ["stops", "stops"])),
    ("delivery-activity.schedule.json", "varies on the end", add(["states", 3, "varies"], ["status"])),
    ("delivery-activity.schedule.json", "varies not a list of names", add(["states", 1, "varies"], [1])),
    # the iOS 18 offset style: its run carries fields, max and sign; no other run does
    ("sale-ios18.program.json", "date-offset run without sign", del_(["countdowns", 0, "phases", 0, "views", "default", 1, "sign"])),
    ("sale-ios18.program.json", "date-offset run with an unknown field", set_(["countdowns", 0, "phases", 0, "views", "default", 1, "fields", 0], "days")),
    ("sale-ios18.program.json", "date-offset run with max 8", set_(["countdowns", 0, "phases", 0, "views", "default", 1, "max"], 8)),
    ("sale-ios18.program.json", "date-offset run with no fields", set_(["countdowns", 0, "phases", 0, "views", "default", 1, "fields"], [])),
    ("launch.program.json", "a timer run with style options", add(["countdowns", 0, "phases", 1, "views", "default", 1, "max"], 2)),
    ("sale-ios18.timeline.json", "timeline date-offset run without fields", del_(["entries", 0, "views", "main", "families", "default", 1, "fields"])),
    ("sale-ios18.timeline.json", "timeline date-offset run with an unknown sign", set_(["entries", 0, "views", "main", "families", "default", 1, "sign"], "negative")),
    # the iOS 18 clock styles: their runs carry hours, max and precision (countdown-timer: max 1..3,
    # no hundredths; stopwatch: max 1..4), and a countdown-timer's timeline run its from
    ("oven-ios18.program.json", "countdown-timer run without hours", del_(["countdowns", 0, "phases", 0, "views", "default", 1, "hours"])),
    ("oven-ios18.program.json", "countdown-timer run with max 4", set_(["countdowns", 0, "phases", 0, "views", "default", 1, "max"], 4)),
    ("oven-ios18.program.json", "countdown-timer run with hundredths", set_(["countdowns", 0, "phases", 0, "views", "default", 1, "precision"], "hundredths")),
    ("oven-ios18.program.json", "countdown-timer run with fields", add(["countdowns", 0, "phases", 0, "views", "default", 1, "fields"], ["day"])),
    ("oven-ios18.program.json", "stopwatch run with max 5", set_(["countdowns", 0, "phases", 1, "views", "default", 1, "max"], 5)),
    ("oven-ios18.program.json", "stopwatch run with hours a string", set_(["countdowns", 0, "phases", 1, "views", "default", 1, "hours"], "true")),
    ("oven-ios18.program.json", "stopwatch run with sign", add(["countdowns", 0, "phases", 1, "views", "default", 1, "sign"], "never")),
    ("sale-ios18.program.json", "date-offset run with precision", add(["countdowns", 0, "phases", 0, "views", "default", 1, "precision"], "seconds")),
    ("launch.program.json", "a timer run with hours", add(["countdowns", 0, "phases", 1, "views", "default", 1, "hours"], True)),
    ("oven-ios18.timeline.json", "timeline countdown-timer run without from", del_(["entries", 0, "views", "main", "families", "default", 1, "from"])),
    ("oven-ios18.timeline.json", "timeline stopwatch run with from", add(["entries", 1, "views", "main", "families", "default", 1, "from"], "2026-12-01T08:00:00Z")),
    ("oven-ios18.timeline.json", "timeline stopwatch run without precision", del_(["entries", 1, "views", "main", "families", "default", 1, "precision"])),
    # the iOS 18 reference style: its runs carry fields, max and threshold (a field), never sign
    ("concert-ios18.program.json", "date-reference run without threshold", del_(["countdowns", 0, "phases", 0, "views", "default", 1, "threshold"])),
    ("concert-ios18.program.json", "date-reference run with threshold days", set_(["countdowns", 0, "phases", 0, "views", "default", 1, "threshold"], "days")),
    ("concert-ios18.program.json", "date-reference run with sign", add(["countdowns", 0, "phases", 0, "views", "default", 1, "sign"], "never")),
    ("concert-ios18.program.json", "date-reference run with max 8", set_(["countdowns", 0, "phases", 0, "views", "default", 1, "max"], 8)),
    ("sale-ios18.program.json", "date-offset run with threshold", add(["countdowns", 0, "phases", 0, "views", "default", 1, "threshold"], "day")),
    ("concert-ios18.timeline.json", "timeline date-reference run without fields", del_(["entries", 0, "views", "main", "families", "default", 1, "fields"])),
    ("concert-ios18.timeline.json", "timeline date-reference run with hours", add(["entries", 0, "views", "main", "families", "default", 1, "hours"], True)),
    # minimum-ios: an integer from 17 to 26 (TLC_IOS_LOWEST..TLC_IOS_HIGHEST), in both programs
    ("launch.program.json", "minimum-ios below 17", add(["minimum-ios"], 16)),
    ("launch.program.json", "minimum-ios above 26", add(["minimum-ios"], 27)),
    ("launch.program.json", "minimum-ios as a string", add(["minimum-ios"], "18")),
    ("delivery-activity.activity-program.json", "activity program minimum-ios below 17", add(["minimum-ios"], 16)),
    ("delivery-activity.activity-program.json", "activity program minimum-ios as a number with a fraction",
     add(["minimum-ios"], 18.5)),
    ("examples/launch.yaml", "spec with minimum-ios 27", add(["minimum-ios"], 27)),
    # specs
    ("examples/launch.yaml", "spec without 'timelinec'", del_(["timelinec"])),
    ("examples/launch.yaml", "spec with an unknown key", add(["colour"], "red")),
    ("examples/launch.yaml", "spec with an unknown reload word", add(["reload"], "sometimes")),
    ("examples/launch.yaml", "spec with a duration 0 (an integer: TL020)", set_(["countdown", "show", 1, "above"], 0)),
    ("examples/launch.yaml", "spec with a duration with a space", set_(["countdown", "show", 0, "above"], "1h 30m")),
    ("examples/launch.yaml", "spec with Feb 29 of 2026", set_(["countdown", "to"], "2026-02-29 18:00")),
    ("examples/launch.yaml", "spec with a $schema that is not a string", add(["$schema"], 1)),
    ("examples/flight.yaml", "spec with 65 parameters (TLC_MAX_PARAMS is 64)",
     set_(["params"], {f"p{i}": "instant" for i in range(65)})),
]

for source, what, mutate in NEGATIVE:
    kind = kind_of(source)
    base = spec_docs.get(source) if kind == "spec" else goldens.get(source)
    label = f"negative check '{what}' ({source})"
    if base is None:
        fail(f"{label}: {source} is missing or did not parse")
        continue
    v = VALIDATORS[kind]
    if v is None:
        continue
    doc = copy.deepcopy(base)
    if not mutate(doc):
        fail(f"{label}: the mutation found nothing to change; the document changed shape, update the check")
        continue
    errors = list(v.iter_errors(doc))
    if not errors:
        fail(f"{label}: the broken document was ACCEPTED; the schema is too loose")
    else:
        counts["negative"] += 1
        if VERBOSE:
            sys.stderr.write(f"rejected as expected: {label}\n{sc.error_lines(errors, 3)}\n")

# what the writers write when a spec says `minimum-ios: 18` is valid (the goldens hold only the default)
for source in ("launch.program.json", "delivery-activity.activity-program.json"):
    kind = kind_of(source)
    doc = copy.deepcopy(goldens.get(source))
    if doc is None or VALIDATORS[kind] is None:
        continue
    doc["minimum-ios"] = 18
    errors = list(VALIDATORS[kind].iter_errors(doc))
    if errors:
        fail(f"{source} with \"minimum-ios\": 18 is refused:\n{sc.error_lines(errors, 3)}")

# ---- result ---------------------------------------------------------------------------------------------

if failures:
    sys.stderr.write(f"schemas: {len(failures)} failure(s):\n")
    for f in failures:
        sys.stderr.write(f"  - {f}\n")
    sys.exit(1)
print(f"schemas: spec keys: {counts.get('spec-keys', (0, 0))[0]} defaults and {counts.get('spec-keys', (0, 0))[1]} examples valid; "
      f"pattern vectors agreeing with the compiler (accepted+rejected): {', '.join(counts.get('vectors', []))}; "
      f"{counts.get('zones', 0)} host zones match; {counts.get('ecma', 'ECMA-262 NOT checked')}; docs/editors.md's examples {'valid and compiling' if counts.get('editors') else 'NOT checked'}")
print(f"schemas: ok: {counts['program']} programs, {counts['activity-program']} activity programs, {counts['timeline']} timelines, {counts['schedule']} schedules, "
      f"{counts['spec']} specs, {counts['diagnostics']} check reports valid; "
      f"docs/spec.schema.json up to date; {counts['negative']} broken documents rejected")
