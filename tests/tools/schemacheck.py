"""Shared pieces of the Python test tools (Debian's python3 with python3-jsonschema and
python3-ruamel.yaml; see tests/tools/README.md):

- need(): imports the Debian packages or exits 1 naming the interpreter and the apt line;
- load_json(): JSON as JavaScript's JSON.parse reads it (no NaN or Infinity);
- load_yaml_core(): YAML with the YAML 1.2 core schema, as the specs are read ('17:40' and
  2026-12-01 stay strings, 0o17 is 15, 1_000 is a string), duplicate keys refused, at most 100
  aliases;
- FORMATS: a format checker for the formats our schemas and SARIF's use (date-time as RFC 3339
  section 5.6 with real calendar dates, uri and uri-reference as RFC 3986): python3-jsonschema
  4.10 asserts no format without a checker, and Debian 12 ships none for RFC 3339;
- strict_lint(): what ajv's strict mode refused in a schema: unknown keywords, type-specific
  keywords without their type, types a parent forbids, unbounded tuples;
- hover_lint(): what makes an editor's hover show a key's own text: every property has a
  description, and no schema applied in place below it (allOf, anyOf, oneOf, a $ref's target)
  has a description or a title (yaml-language-server and VS Code take the first one, and they
  apply those before the property's own), and no $ref has siblings (draft-07 ignores them).
"""
import json
import re
import sys

APT = "apt-get install python3-jsonschema python3-ruamel.yaml"


def need(*modules, apt=APT):
    """Import the modules or exit 1 with the interpreter and the apt line to run."""
    missing = []
    for m in modules:
        try:
            __import__(m)
        except ImportError:
            missing.append(m)
    if missing:
        sys.stderr.write(
            f"{sys.argv[0]}: {', '.join(missing)} cannot be imported by {sys.executable}; "
            f"install Debian's packages ({apt}) and run the script with Debian's /usr/bin/python3 "
            "(the first python3 on PATH may be another build that does not see them)\n")
        sys.exit(1)


need("jsonschema", "ruamel.yaml")

import jsonschema  # noqa: E402
from ruamel.yaml import YAML  # noqa: E402
from ruamel.yaml.constructor import SafeConstructor  # noqa: E402
from ruamel.yaml.events import AliasEvent  # noqa: E402
from ruamel.yaml.resolver import BaseResolver  # noqa: E402


# ---- JSON ----------------------------------------------------------------------------------------

def _no_constant(name):
    raise ValueError(f"{name} is not JSON")


def load_json_text(text):
    return json.loads(text, parse_constant=_no_constant)


def load_json(path):
    with open(path, encoding="utf-8") as f:
        return load_json_text(f.read())


# ---- YAML 1.2 core schema ---------------------------------------------------------------------------

class CoreResolver(BaseResolver):
    """The YAML 1.2.2 core schema (section 10.3.2): null, bool, int (decimal, 0o, 0x), float."""

    def __init__(self, version=None, loader=None, loadumper=None):
        BaseResolver.__init__(self, loadumper=loadumper if loadumper is not None else loader)

    @property
    def processing_version(self):  # the scanner asks; YAML 1.2 rules throughout
        return (1, 2)


_CORE = [
    ("tag:yaml.org,2002:null", r"^(?:~|null|Null|NULL|)$", list("~nN") + [""]),
    ("tag:yaml.org,2002:bool", r"^(?:true|True|TRUE|false|False|FALSE)$", list("tTfF")),
    ("tag:yaml.org,2002:int", r"^(?:[-+]?[0-9]+|0o[0-7]+|0x[0-9a-fA-F]+)$", list("-+0123456789")),
    ("tag:yaml.org,2002:float",
     r"^(?:[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)(?:[eE][-+]?[0-9]+)?"
     r"|[-+]?\.(?:inf|Inf|INF)|\.(?:nan|NaN|NAN))$", list("-+.0123456789")),
]
for _tag, _rx, _first in _CORE:
    CoreResolver.add_implicit_resolver(_tag, re.compile(_rx), _first)


class CoreConstructor(SafeConstructor):
    pass


def _int(self, node):
    v = self.construct_scalar(node)
    if v.startswith("0o"):
        return int(v[2:], 8)
    if v.startswith("0x"):
        return int(v[2:], 16)
    return int(v, 10)


def _float(self, node):
    v = self.construct_scalar(node)
    low = v.lower().lstrip("+")
    if low in (".inf", "-.inf"):
        return float("-inf") if low.startswith("-") else float("inf")
    if low == ".nan":
        return float("nan")
    return float(v)


def _timestamp_as_text(self, node):  # never resolved implicitly here; an explicit tag stays text
    return self.construct_scalar(node)


CoreConstructor.add_constructor("tag:yaml.org,2002:int", _int)
CoreConstructor.add_constructor("tag:yaml.org,2002:float", _float)
CoreConstructor.add_constructor("tag:yaml.org,2002:bool", lambda self, n: self.construct_scalar(n).lower() == "true")
CoreConstructor.add_constructor("tag:yaml.org,2002:null", lambda self, n: None)
CoreConstructor.add_constructor("tag:yaml.org,2002:timestamp", _timestamp_as_text)

MAX_ALIASES = 100


def _core_yaml():
    y = YAML(typ="safe", pure=True)
    y.Resolver = CoreResolver
    y.Constructor = CoreConstructor
    y.allow_duplicate_keys = False
    return y


def load_yaml_core(text):
    """One YAML document as the YAML 1.2 core schema reads it; raises on errors."""
    aliases = sum(1 for e in _core_yaml().parse(text) if isinstance(e, AliasEvent))
    if aliases > MAX_ALIASES:
        raise ValueError(f"{aliases} aliases (at most {MAX_ALIASES})")
    return _core_yaml().load(text)


# ---- formats -------------------------------------------------------------------------------------

_DATE_TIME = re.compile(
    r"^(\d{4})-(\d{2})-(\d{2})[Tt ](\d{2}):(\d{2}):(\d{2})(?:\.\d+)?(?:([Zz])|([+-])(\d{2}):(\d{2}))$")


def _days_in_month(y, m):
    if m == 2:
        return 29 if (y % 4 == 0 and (y % 100 != 0 or y % 400 == 0)) else 28
    return 30 if m in (4, 6, 9, 11) else 31


def is_date_time(s):
    """RFC 3339 date-time (section 5.6): a real calendar date, a time zone required, a leap
    second only at 23:59:60 UTC."""
    if not isinstance(s, str):
        return True
    m = _DATE_TIME.match(s)
    if not m:
        return False
    y, mo, d, h, mi, sec = (int(m.group(i)) for i in range(1, 7))
    if not (1 <= mo <= 12 and 1 <= d <= _days_in_month(y, mo) and h <= 23 and mi <= 59 and sec <= 60):
        return False
    if m.group(8):
        oh, om = int(m.group(9)), int(m.group(10))
        if oh > 23 or om > 59:
            return False
        if sec == 60:
            sign = 1 if m.group(8) == "+" else -1
            utc = (h * 60 + mi - sign * (oh * 60 + om)) % 1440
            return utc == 23 * 60 + 59
    elif sec == 60:
        return h == 23 and mi == 59
    return True


# RFC 3986: the characters a URI may hold, percent signs followed by two hex digits.
_URI_CHARS = re.compile(r"^(?:[A-Za-z0-9\-._~!$&'()*+,;=:/?#\[\]@]|%[0-9A-Fa-f]{2})*$")
_SCHEME = re.compile(r"^[A-Za-z][A-Za-z0-9+.\-]*:")


def _uri_parts_ok(s):
    if not _URI_CHARS.match(s):
        return False
    # '#' at most once; brackets only in the authority (an IPv6 literal)
    if s.count("#") > 1:
        return False
    rest = s.split("#", 1)[0].split("?", 1)[0]
    if "[" in rest or "]" in rest:
        m = re.match(r"^(?:[A-Za-z][A-Za-z0-9+.\-]*:)?//(?:[^@/]*@)?\[[0-9A-Fa-f:.]+\](?::\d*)?(?:/|$)", rest)
        if not m:
            return False
    return True


def is_uri(s):
    return not isinstance(s, str) or (bool(_SCHEME.match(s)) and _uri_parts_ok(s))


def is_uri_reference(s):
    if not isinstance(s, str):
        return True
    if not _SCHEME.match(s):
        # a relative reference: its first segment has no ':' (RFC 3986, 4.2)
        first = re.split(r"[/?#]", s, 1)[0]
        if ":" in first:
            return False
    return _uri_parts_ok(s)


FORMATS = jsonschema.FormatChecker(formats=())
FORMATS.checks("date-time")(is_date_time)
FORMATS.checks("uri")(is_uri)
FORMATS.checks("uri-reference")(is_uri_reference)
KNOWN_FORMATS = {"date-time", "uri", "uri-reference"}


# ---- strict lint (what ajv's strict mode refused) --------------------------------------------------

_ANNOTATIONS = {"$schema", "$id", "$ref", "$comment", "title", "description", "default", "examples",
                "readOnly", "writeOnly", "format", "type", "enum", "const", "contentEncoding",
                "contentMediaType"}
_COMMON = {"allOf", "anyOf", "oneOf", "not", "if", "then", "else", "items", "contains", "properties",
           "patternProperties", "additionalProperties", "propertyNames", "multipleOf", "maximum",
           "exclusiveMaximum", "minimum", "exclusiveMinimum", "maxLength", "minLength", "pattern",
           "maxItems", "minItems", "uniqueItems", "maxProperties", "minProperties", "required"}
KEYWORDS = {
    "draft-07": _ANNOTATIONS | _COMMON | {"definitions", "additionalItems", "dependencies"},
    "2020-12": _ANNOTATIONS | _COMMON | {"$defs", "$anchor", "$dynamicRef", "$dynamicAnchor", "$vocabulary",
                                         "prefixItems", "dependentSchemas", "dependentRequired",
                                         "unevaluatedItems", "unevaluatedProperties", "maxContains",
                                         "minContains", "deprecated", "contentSchema"},
}
# keywords that apply to one type of instance (ajv's strictTypes)
_APPLIES = {}
for _k in ("properties", "patternProperties", "additionalProperties", "propertyNames", "required",
           "maxProperties", "minProperties", "dependencies", "dependentRequired", "dependentSchemas",
           "unevaluatedProperties"):
    _APPLIES[_k] = {"object"}
for _k in ("items", "prefixItems", "additionalItems", "contains", "maxItems", "minItems", "uniqueItems",
           "maxContains", "minContains", "unevaluatedItems"):
    _APPLIES[_k] = {"array"}
for _k in ("multipleOf", "maximum", "exclusiveMaximum", "minimum", "exclusiveMinimum"):
    _APPLIES[_k] = {"number"}
for _k in ("maxLength", "minLength", "pattern", "contentEncoding", "contentMediaType"):
    _APPLIES[_k] = {"string"}
_APPLIES["format"] = {"number", "string"}

_IN_PLACE = ("allOf", "anyOf", "oneOf")  # subschemas of the same instance (types inherited)
_IN_PLACE_ONE = ("not", "if", "then", "else")


def _types(schema):
    t = schema.get("type")
    if t is None:
        return None
    return set(t if isinstance(t, list) else [t])


def _covers(types, wanted):
    return any(w in types or (w == "number" and "integer" in types) for w in wanted)


def strict_lint(schema, draft, name, fail):
    """Reports through fail(msg) what ajv's strict mode (strict: true, strictRequired: false,
    allowUnionTypes: true) would refuse when compiling the schema."""
    known = KEYWORDS[draft]

    def walk(node, path, inherited):
        if isinstance(node, bool):
            return
        if not isinstance(node, dict):
            fail(f"{name}: {path} is not a schema")
            return
        for k in node:
            if k not in known:
                fail(f"{name}: {path}: unknown keyword '{k}' (strict mode)")
        own = _types(node)
        if own is not None and inherited is not None:
            allowed = {t for t in own if _covers(inherited, {t}) or (t == "integer" and "number" in inherited)}
            if not allowed:
                fail(f"{name}: {path}: type {sorted(own)} is not allowed by the parent's {sorted(inherited)}")
        types = own if own is not None else inherited
        if "format" in node and node["format"] not in KNOWN_FORMATS:
            fail(f"{name}: {path}: unknown format '{node['format']}'")
        for k, wanted in _APPLIES.items():
            if k not in node:
                continue
            if types is None:
                fail(f"{name}: {path}: missing type {'/'.join(sorted(wanted))} for keyword '{k}' (strictTypes)")
            elif not _covers(types, wanted):
                fail(f"{name}: {path}: keyword '{k}' needs type {'/'.join(sorted(wanted))}, "
                     f"the schema allows {sorted(types)} (strictTypes)")
        # strictTuples: a tuple is bounded (minItems and a closed tail)
        tuple_kw = "prefixItems" if draft == "2020-12" else ("items" if isinstance(node.get("items"), list) else None)
        if tuple_kw and tuple_kw in node:
            n = len(node[tuple_kw])
            tail = "items" if draft == "2020-12" else "additionalItems"
            closed = node.get(tail) is False or node.get("maxItems") == n
            if node.get("minItems", 0) < n or not closed:
                fail(f"{name}: {path}: the tuple '{tuple_kw}' of {n} is not bounded by minItems and "
                     f"'{tail}: false' or maxItems (strictTuples)")
        # subschemas
        for k in _IN_PLACE:
            for i, sub in enumerate(node.get(k, [])):
                walk(sub, f"{path}/{k}/{i}", types)
        for k in _IN_PLACE_ONE:
            if k in node:
                walk(node[k], f"{path}/{k}", types)
        for k in ("properties", "patternProperties", "$defs", "definitions", "dependentSchemas"):
            for p, sub in node.get(k, {}).items():
                walk(sub, f"{path}/{k}/{p}", None)
        for k in ("additionalProperties", "propertyNames", "contains", "additionalItems",
                  "unevaluatedItems", "unevaluatedProperties", "contentSchema"):
            if k in node:
                walk(node[k], f"{path}/{k}", None)
        if "items" in node:
            if isinstance(node["items"], list):
                for i, sub in enumerate(node["items"]):
                    walk(sub, f"{path}/items/{i}", None)
            else:
                walk(node["items"], f"{path}/items", None)
        for i, sub in enumerate(node.get("prefixItems", [])):
            walk(sub, f"{path}/prefixItems/{i}", None)
        for p, sub in node.get("dependencies", {}).items():
            if isinstance(sub, (dict, bool)):
                walk(sub, f"{path}/dependencies/{p}", None)

    walk(schema, "#", None)


def _resolve_local(root, ref):
    if not ref.startswith("#/"):
        return None
    node = root
    for part in ref[2:].split("/"):
        part = part.replace("~1", "/").replace("~0", "~")
        if not isinstance(node, dict) or part not in node:
            return None
        node = node[part]
    return node


def hover_lint(schema, name, fail):
    """Reports through fail(msg) each property whose hover would not show its own description."""
    def in_place(node, path, seen, prop):
        if not isinstance(node, dict):
            return
        if "$ref" in node:
            if len(node) > 1:
                fail(f"{name}: {path}: $ref with siblings {sorted(k for k in node if k != '$ref')} "
                     "(draft-07 ignores them)")
            ref = node["$ref"]
            target = _resolve_local(schema, ref)
            if target is None:
                fail(f"{name}: {path}: $ref {ref!r} does not resolve")
            elif ref not in seen:
                check_shadow(target, ref, seen | {ref}, prop)
        for k in ("allOf", "anyOf", "oneOf"):
            for i, sub in enumerate(node.get(k, [])):
                check_shadow(sub, f"{path}/{k}/{i}", seen, prop)

    def check_shadow(node, path, seen, prop):
        if isinstance(node, dict):
            for k in ("description", "title"):
                if k in node:
                    fail(f"{name}: {path}: a {k} applied in place below property {prop} "
                         "would hover instead of the property's own")
        in_place(node, path, seen, prop)

    def walk(node, path):
        if isinstance(node, list):
            for i, v in enumerate(node):
                walk(v, f"{path}/{i}")
            return
        if not isinstance(node, dict):
            return
        for k, v in node.items():
            if k == "properties" and isinstance(v, dict):
                for p, sub in v.items():
                    where = f"{path}/properties/{p}"
                    if not (isinstance(sub, dict) and isinstance(sub.get("description"), str)
                            and sub["description"]):
                        fail(f"{name}: property {where} has no description")
                    in_place(sub, where, frozenset(), where)
                    walk(sub, where)
            elif k not in ("enum", "const", "examples", "default"):
                walk(v, f"{path}/{k}")

    walk(schema, "#")


def error_lines(errors, max_n=6):
    """The first validation errors, one line each: where, what, which schema keyword."""
    errors = sorted(errors, key=lambda e: list(e.absolute_path).__repr__())
    lines = []
    for e in errors[:max_n]:
        where = "/" + "/".join(str(p) for p in e.absolute_path) if e.absolute_path else "(root)"
        lines.append(f"      {where}: {e.message}  [#/{'/'.join(str(p) for p in e.absolute_schema_path)}]")
    if len(errors) > max_n:
        lines.append(f"      ... and {len(errors) - max_n} more")
    return "\n".join(lines)
