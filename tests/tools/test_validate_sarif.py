#!/usr/bin/python3
"""test_validate_sarif.py LOG.sarif: every rule of tests/tools/validate_sarif.py can fail. LOG is a
real `timelinec check --format sarif` log with at least one result; it must be clean, and each
mutation below must be reported under the rule ids it names (and the clean log under none).
Run by tests/tools/gating.sh."""
import copy
import json
import os
import sys
import tempfile

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import validate_sarif as vs  # noqa: E402


def r0(d):
    return d["runs"][0]["results"][0]


def loc0(d):
    return r0(d)["locations"][0]["physicalLocation"]


def rule0(d):
    return d["runs"][0]["tool"]["driver"]["rules"][0]


def drv(d):
    return d["runs"][0]["tool"]["driver"]


def setk(get, key, value):
    def m(d):
        get(d)[key] = value
    return m


def delk(get, key):
    def m(d):
        del get(d)[key]
    return m


MUTATIONS = [
    ("version 2.0.0", setk(lambda d: d, "version", "2.0.0"), {"schema", "GH1013"}),
    ("no $schema", delk(lambda d: d, "$schema"), {"SARIF2008", "GH1013"}),
    ("a pre-release $schema", setk(lambda d: d, "$schema", "https://schemastore.azurewebsites.net/schemas/json/sarif-2.1.0-rtm.5.json"), {"SARIF1011"}),
    ("an empty message", setk(r0, "message", {}), {"schema", "GH1015"}),
    ("no ruleId", delk(r0, "ruleId"), {"SARIF1010", "GH1015"}),
    ("ruleId and rule.id differ", setk(r0, "rule", {"id": "TL000"}), {"SARIF1010", "SARIF2004"}),
    ("ruleIndex out of range", setk(r0, "ruleIndex", 9999), {"SARIF1009"}),
    ("an explicit ruleIndex -1", setk(r0, "ruleIndex", -1), {"SARIF2004"}),
    ("message id unknown to the rule", setk(r0, "message", {"text": "x.", "id": "nope"}), {"SARIF1012"}),
    ("endLine before startLine", lambda d: loc0(d)["region"].update(startLine=5, endLine=4), {"SARIF1007"}),
    ("endColumn before startColumn", lambda d: loc0(d)["region"].update(startColumn=9, endColumn=3), {"SARIF1007"}),
    ("a region without a start", lambda d: loc0(d).update(region={"endLine": 3}), {"SARIF1007", "SARIF2017", "GH1003"}),
    ("no region", delk(loc0, "region"), {"SARIF2017", "GH1003"}),
    ("contextRegion without region", lambda d: loc0(d).update(region=None, contextRegion={"startLine": 1}) or loc0(d).pop("region"),
     {"SARIF1008", "SARIF2017", "GH1003"}),
    ("contextRegion equal to region", lambda d: loc0(d).update(contextRegion=dict(loc0(d)["region"])), {"SARIF1008"}),
    ("no startColumn", lambda d: loc0(d)["region"].pop("startColumn"), {"GH-region"}),
    ("an absolute uri with a uriBaseId", lambda d: loc0(d)["artifactLocation"].update(uri="file:///tmp/x.yaml", uriBaseId="ROOT"), {"SARIF1004", "GH1006"}),
    ("a relative uri starting with '/'", lambda d: loc0(d)["artifactLocation"].update(uri="/tmp/x.yaml"), {"SARIF1004"}),
    ("an http location", lambda d: loc0(d)["artifactLocation"].update(uri="https://example.com/x.yaml", uriBaseId="ROOT"), {"SARIF1004", "GH1005"}),
    ("an invalid uri", lambda d: loc0(d)["artifactLocation"].update(uri="a b%zz"), {"schema", "SARIF1002"}),
    ("a base without a slash", lambda d: d["runs"][0]["originalUriBaseIds"].update(ROOT={"uri": "file:///work"}), {"SARIF1004"}),
    ("a relative helpUri", setk(rule0, "helpUri", "docs/TL001.md"), {"SARIF1005"}),
    ("a rule named as its id", lambda d: rule0(d).update(name=rule0(d)["id"].lower()), {"SARIF1001"}),
    ("a rule with only an id", lambda d: drv(d)["rules"].__setitem__(0, {"id": rule0(d)["id"]}), {"SARIF2004", "GH2012"}),
    ("a message string without a period", setk(rule0, "messageStrings", {"default": {"text": "no period"}}), {"SARIF2001"}),
    ("no tool version", delk(drv, "version"), {"SARIF2005"}),
    ("a version not starting with a digit", setk(drv, "version", "v1"), {"SARIF2005"}),
    ("no informationUri", delk(drv, "informationUri"), {"SARIF2005"}),
    ("a blank tool name", setk(drv, "name", " "), {"GH1018"}),
    ("no rules", delk(drv, "rules"), {"GH1018", "SARIF1009"}),
    ("a blank fullDescription", setk(rule0, "fullDescription", {"text": ""}), {"GH2012"}),
    ("a rule without help", delk(rule0, "help"), {"GH2012"}),
    ("no help on any rule", lambda d: [r.pop("help") for r in drv(d)["rules"]], {"GH2012"}),
    ("a blank help markdown", lambda d: rule0(d)["help"].update(markdown=" "), {"GH2012"}),
    ("an ftp helpUri", setk(rule0, "helpUri", "ftp://example.com/TL001.md"), {"GH-helpUri"}),
    ("a message ending in '?.'", setk(r0, "message", {"text": "did you mean 'x'?."}), {"punctuation"}),
    ("a suppression without justification", setk(r0, "suppressions", [{"kind": "inSource"}]), {"GH-suppression"}),
    ("a suppression of an unknown kind", setk(r0, "suppressions", [{"kind": "config", "justification": "x"}]),
     {"schema", "GH-suppression"}),
    ("a rejected suppression", setk(r0, "suppressions", [{"kind": "inSource", "justification": "x", "status": "rejected"}]),
     {"GH-suppression"}),
    ("a description over 1024 characters", setk(rule0, "shortDescription", {"text": "x" * 1025}), {"GH-limit"}),
    ("a bad security-severity", setk(rule0, "properties", {"security-severity": "11"}), {"GH-severity"}),
    ("no locations", setk(r0, "locations", []), {"GH1015"}),
    ("a location without physicalLocation", lambda d: r0(d)["locations"][0].pop("physicalLocation"), {"GH1016"}),
    ("no partialFingerprints", delk(r0, "partialFingerprints"), {"GH-fingerprint"}),
    ("end before start of an invocation", lambda d: d["runs"][0].update(invocations=[{
        "executionSuccessful": True, "startTimeUtc": "2026-12-02T00:00:00Z", "endTimeUtc": "2026-12-01T00:00:00Z"}]),
     {"SARIF1006"}),
    ("an invocation on February 30", lambda d: d["runs"][0].update(invocations=[{
        "executionSuccessful": True, "startTimeUtc": "2026-02-30T00:00:00Z"}]), {"schema"}),
    ("a sarif: reference that does not resolve", lambda d: loc0(d)["artifactLocation"].update(uri="sarif:/runs/7"), {"SARIF1013"}),
    ("21 runs", lambda d: d.update(runs=[copy.deepcopy(d["runs"][0]) for _ in range(21)]), {"GH1013"}),
]


def findings(doc, v, tmp):
    path = os.path.join(tmp, "m.sarif")
    with open(path, "w", encoding="utf-8") as f:
        json.dump(doc, f)
    return {r for r, _, _ in vs.check_file(path, v)}


def main(argv):
    if len(argv) != 2:
        sys.stderr.write("usage: test_validate_sarif.py LOG.sarif\n")
        return 2
    with open(argv[1], encoding="utf-8") as f:
        base = json.load(f)
    if not base["runs"][0].get("results"):
        sys.stderr.write("test_validate_sarif: the log has no result to mutate\n")
        return 2
    v = vs.validator()
    fails = []
    with tempfile.TemporaryDirectory() as tmp:
        clean = findings(base, v, tmp)
        if clean:
            fails.append(f"the clean log has findings: {sorted(clean)}")
        for what, mutate, want in MUTATIONS:
            doc = copy.deepcopy(base)
            mutate(doc)
            got = findings(doc, v, tmp)
            if not want <= got:
                fails.append(f"{what}: expected {sorted(want)}, found {sorted(got)}")
    if fails:
        sys.stderr.write("validate_sarif self-test: %d failure(s):\n  - %s\n" % (len(fails), "\n  - ".join(fails)))
        return 1
    print(f"validate_sarif self-test: {len(MUTATIONS)} broken logs each reported under their rules")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
