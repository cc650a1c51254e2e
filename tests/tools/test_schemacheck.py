#!/usr/bin/python3
"""The checks of tests/tools/schemacheck.py can fail: each case below must be refused (or read)
exactly as stated, or the schema tests would pass on anything. Run by tests/tools/schemas.sh."""
import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import schemacheck as sc  # noqa: E402

fails = []


def expect(what, got, want):
    if got != want:
        fails.append(f"{what}: got {got!r}, want {want!r}")


def lint(schema, draft="2020-12"):
    out = []
    sc.strict_lint(schema, draft, "t", out.append)
    return len(out)


# strict lint: what ajv's strict mode refused
expect("unknown keyword", lint({"type": "object", "propertys": {}}), 1)
expect("unknown keyword in a nested property", lint({"type": "object", "properties": {"a": {"type": "string", "maxlength": 3}}}), 1)
expect("draft-07 keyword in 2020-12", lint({"type": "object", "definitions": {}}), 1)
expect("2020-12 keyword in draft-07", lint({"$defs": {}}, "draft-07"), 1)
expect("properties without type", lint({"properties": {"a": {"type": "string"}}}), 1)
expect("type from the parent counts", lint({"type": "object", "allOf": [{"required": ["a"]}]}), 0)
expect("minimum on a string", lint({"type": "string", "minimum": 1}), 1)
expect("minimum on an integer", lint({"type": "integer", "minimum": 1}), 0)
expect("contradicting the parent's type", lint({"type": "string", "anyOf": [{"type": "object"}]}), 1)
expect("unbounded tuple", lint({"type": "array", "prefixItems": [{"type": "string"}]}), 1)
expect("bounded tuple", lint({"type": "array", "prefixItems": [{"type": "string"}], "minItems": 1, "items": False}), 0)
expect("unknown format", lint({"type": "string", "format": "datetime"}), 1)
expect("format without type", lint({"format": "date-time"}), 1)

# hover lint: the property's own description is the one an editor shows
def hover(schema):
    out = []
    sc.hover_lint(schema, "t", out.append)
    return len(out)


DEF = {"definitions": {"o": {"type": "object"}, "d": {"type": "object", "description": "inner"}}}
expect("hover: own description", hover({"type": "object", "properties": {"a": {"description": "A", "type": "string"}}}), 0)
expect("hover: no description", hover({"type": "object", "properties": {"a": {"type": "string"}}}), 1)
expect("hover: description inside allOf", hover({"type": "object", "properties": {"a": {"description": "A", "allOf": [{"type": "string", "description": "inner"}]}}}), 1)
expect("hover: description inside anyOf", hover({"type": "object", "properties": {"a": {"description": "A", "anyOf": [{"type": "string"}, {"type": "integer", "title": "T"}]}}}), 1)
expect("hover: allOf $ref to a plain definition", hover(dict(DEF, type="object", properties={"a": {"description": "A", "allOf": [{"$ref": "#/definitions/o"}]}})), 0)
expect("hover: allOf $ref to a described definition", hover(dict(DEF, type="object", properties={"a": {"description": "A", "allOf": [{"$ref": "#/definitions/d"}]}})), 1)
expect("hover: $ref with a sibling description", hover(dict(DEF, type="object", properties={"a": {"description": "A", "$ref": "#/definitions/o"}})), 1)
expect("hover: $ref that does not resolve", hover({"type": "object", "properties": {"a": {"description": "A", "allOf": [{"$ref": "#/definitions/x"}]}}}), 1)
expect("hover: items are another node", hover({"type": "object", "properties": {"a": {"description": "A", "type": "array", "items": {"type": "string", "description": "item"}}}}), 0)

# formats
for s, want in [("2026-12-01T17:00:00Z", True), ("2026-02-29T00:00:00Z", False), ("2028-02-29T00:00:00Z", True),
                ("2026-04-31T00:00:00Z", False), ("2026-12-01T24:00:00Z", False), ("2026-12-01T17:00:00", False),
                ("2026-12-01T17:00:00+01:00", True), ("2026-12-01T17:00:00+1:00", False),
                ("2026-12-31T23:59:60Z", True), ("2026-12-31T12:59:60Z", False), ("2026-12-01 17:00:00.5z", True)]:
    expect(f"date-time {s}", sc.is_date_time(s), want)
for s, want in [("https://example.com/a?b#c", True), ("docs/x.md", False), ("a b", False), ("http://x/%4", False),
                ("mailto:a@b", True)]:
    expect(f"uri {s}", sc.is_uri(s), want)
for s, want in [("docs/x.md", True), ("#frag", True), ("a:b", True), ("./a:b", True), ("x y", False),
                ("a#b#c", False)]:
    expect(f"uri-reference {s}", sc.is_uri_reference(s), want)
expect("the checker asserts date-time", sc.FORMATS.conforms("2026-02-30T00:00:00Z", "date-time"), False)

# YAML 1.2 core schema
doc = sc.load_yaml_core("a: 17:40\nb: 2026-12-01\nc: 0o17\nd: 0x1F\ne: yes\nf: 1_000\ng: 017\nh: ~\ni: .inf\nj: TRUE\n")
expect("YAML 1.2 core", doc, {"a": "17:40", "b": "2026-12-01", "c": 15, "d": 31, "e": "yes", "f": "1_000",
                             "g": 17, "h": None, "i": float("inf"), "j": True})
for text, what in [("a: 1\na: 2\n", "a duplicate key"),
                   ("a: &x 1\nb: [" + ",".join(["*x"] * 101) + "]\n", "101 aliases"),
                   ("a: [1\n", "a syntax error")]:
    try:
        sc.load_yaml_core(text)
        fails.append(f"YAML with {what} was read")
    except Exception:  # noqa: BLE001 (any refusal will do)
        pass
for text in ("NaN", "[Infinity]", "-Infinity"):
    try:
        sc.load_json_text(text)
        fails.append(f"JSON {text} was read")
    except ValueError:
        pass

if fails:
    sys.stderr.write("schemacheck self-test: %d failure(s):\n  - %s\n" % (len(fails), "\n  - ".join(fails)))
    sys.exit(1)
print("schemacheck self-test: strict lint, hover lint, formats, YAML 1.2 core and JSON cases as expected")
