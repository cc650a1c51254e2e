#!/usr/bin/python3
"""validate_sarif.py FILE.sarif...: a SARIF log is valid against the official SARIF 2.1.0 schema
(tests/fixtures/sarif/sarif-schema-2.1.0.json, JSON Schema draft-04, formats asserted), clean
under the rules Microsoft's validator (`Sarif.Multitool validate`, 5.6.0) reports by default at
error and warning level, and meets what GitHub code scanning requires. Microsoft's validator has
no Debian or PyPI package, so its rules are written out here, each under its id (the conditions
were read from microsoft/sarif-sdk, src/Sarif.Multitool.Library/Rules/; GitHub's from its
"SARIF support for code scanning" page and the validator's GH rules).

    validate_sarif.py FILE...           one line per finding, "sarif: N logs valid" or exit 1
    validate_sarif.py --findings FILE   prints the rule ids found, one per line (for the self-test)

Debian's python3 with python3-jsonschema (apt-get install python3-jsonschema python3-ruamel.yaml).
"""
import gzip
import json
import os
import re
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import schemacheck as sc  # noqa: E402  (exits 1 with the apt line when a package is missing)
import jsonschema  # noqa: E402

HERE = os.path.dirname(os.path.abspath(__file__))
SCHEMA_PATH = os.path.join(HERE, "..", "fixtures", "sarif", "sarif-schema-2.1.0.json")

# GitHub code scanning's limits (docs.github.com, "SARIF support for code scanning": upload limits)
GH_MAX_RUNS, GH_MAX_RESULTS, GH_MAX_RULES = 20, 25000, 25000
GH_MAX_LOCATIONS, GH_MAX_TAGS, GH_MAX_DESCRIPTION, GH_MAX_NAME = 1000, 20, 1024, 255
GH_MAX_GZIP_BYTES = 10 * 1024 * 1024

_SCHEME = re.compile(r"^[A-Za-z][A-Za-z0-9+.\-]*:")


def is_absolute(uri):
    return bool(_SCHEME.match(uri))


def blank(s):
    return not isinstance(s, str) or not s.strip()


class Log:
    """Walks one log and collects findings as (rule id, JSON pointer, message)."""

    def __init__(self, doc, raw):
        self.doc, self.raw, self.found = doc, raw, []

    def report(self, rule, where, msg):
        self.found.append((rule, where, msg))

    # -- the official schema ----------------------------------------------------------------------
    def schema(self, validator):
        for e in sorted(validator.iter_errors(self.doc), key=lambda e: list(map(str, e.absolute_path))):
            self.report("schema", "/" + "/".join(map(str, e.absolute_path)), e.message)

    # -- the validator's default rules (error and warning levels) ---------------------------------------
    def entries(self):
        """(pointer, key, value) of every member of every object in the log, depth first."""
        def walk(node, ptr):
            if isinstance(node, dict):
                for k, v in node.items():
                    yield ptr, k, v
                    yield from walk(v, f"{ptr}/{k}")
            elif isinstance(node, list):
                for i, v in enumerate(node):
                    yield from walk(v, f"{ptr}/{i}")
        return walk(self.doc, "")

    def objects(self, key):
        """(pointer, object) of every object stored under `key` anywhere in the log."""
        return [(f"{p}/{k}", v) for p, k, v in self.entries() if k == key and isinstance(v, dict)]

    def uris(self):
        """(pointer, uri, is artifactLocation.uri) of every URI SARIF1002/1005 look at."""
        out = []
        if isinstance(self.doc.get("$schema"), str):
            out.append(("/$schema", self.doc["$schema"], False))
        for ptr, k, v in self.entries():
            p = f"{ptr}/{k}"
            if k == "artifactLocation" and isinstance(v, dict) and isinstance(v.get("uri"), str):
                out.append((p + "/uri", v["uri"], True))
            elif k in ("helpUri", "downloadUri", "repositoryUri") and isinstance(v, str):
                out.append((p, v, False))
            elif k == "workItemUris" and isinstance(v, list):
                out.extend((f"{p}/{i}", u, False) for i, u in enumerate(v) if isinstance(u, str))
        for ri, run in enumerate(self.doc.get("runs") or []):
            for name, base in ((run or {}).get("originalUriBaseIds") or {}).items():
                if isinstance(base, dict) and isinstance(base.get("uri"), str):
                    out.append((f"/runs/{ri}/originalUriBaseIds/{name}/uri", base["uri"], True))
        return out

    def sarif_rules(self):
        d = self.doc
        # SARIF1002 UrisMustBeValid; SARIF1005 UriMustBeAbsolute
        for ptr, uri, is_artifact in self.uris():
            if not sc.is_uri_reference(uri):
                self.report("SARIF1002", ptr, f"'{uri}' is not a valid URI")
            elif uri.lower().startswith("file:") and ".." in uri.split("#")[0].split("?")[0].split("/"):
                self.report("SARIF1002", ptr, f"the file URI '{uri}' has a '..' segment")
            elif not is_artifact and not is_absolute(uri):
                self.report("SARIF1005", ptr, f"'{uri}' must be an absolute URI")
        # SARIF1004 ExpressUriBaseIdsCorrectly
        for ptr, loc in self.objects("artifactLocation"):
            uri = loc.get("uri")
            if isinstance(uri, str):
                if "uriBaseId" in loc and is_absolute(uri):
                    self.report("SARIF1004", ptr, f"'{uri}' has a uriBaseId but is absolute")
                if not is_absolute(uri) and uri.startswith("/"):
                    self.report("SARIF1004", ptr, f"the relative URI '{uri}' starts with '/'")
        for ri, run in enumerate(d.get("runs") or []):
            for name, base in (run.get("originalUriBaseIds") or {}).items():
                ptr, uri = f"/runs/{ri}/originalUriBaseIds/{name}", (base or {}).get("uri")
                if not isinstance(uri, str) or not sc.is_uri_reference(uri) or "uriBaseId" in base:
                    continue
                if not is_absolute(uri):
                    self.report("SARIF1004", ptr, f"the base '{uri}' has no uriBaseId and is not absolute")
                if not uri.endswith("/"):
                    self.report("SARIF1004", ptr, f"the base '{uri}' does not end with '/'")
                if ".." in uri.split("/"):
                    self.report("SARIF1004", ptr, f"the base '{uri}' has a '..' segment")
                if is_absolute(uri) and ("?" in uri or "#" in uri):
                    self.report("SARIF1004", ptr, f"the base '{uri}' has a query or fragment")
        # SARIF1007 RegionPropertiesMustBeConsistent; SARIF1008 PhysicalLocationPropertiesMustBeConsistent
        for ptr, pl in self.objects("physicalLocation"):
            r = pl.get("region")
            if isinstance(r, dict):
                if not (r.get("startLine", 0) >= 1 or r.get("charOffset", -1) >= 0 or r.get("byteOffset", -1) >= 0):
                    self.report("SARIF1007", ptr + "/region", "the region has no startLine, charOffset or byteOffset")
                sl, el = r.get("startLine"), r.get("endLine")
                if el is not None and sl is not None and el < sl:
                    self.report("SARIF1007", ptr + "/region", f"endLine {el} is before startLine {sl}")
                if (el is None or el == sl) and r.get("endColumn") is not None and \
                        r["endColumn"] < r.get("startColumn", 1):
                    self.report("SARIF1007", ptr + "/region", "endColumn is before startColumn on one line")
            c = pl.get("contextRegion")
            if c is not None:
                if r is None:
                    self.report("SARIF1008", ptr, "contextRegion without region")
                elif isinstance(r, dict) and "startLine" in r and "startLine" in c:
                    def span(x):
                        s = x["startLine"]
                        return (s, x.get("startColumn", 1), x.get("endLine", s), x.get("endColumn", float("inf")))
                    rs, cs = span(r), span(c)
                    inside = (cs[0], cs[1]) <= (rs[0], rs[1]) and (rs[2], rs[3]) <= (cs[2], cs[3])
                    if not inside or rs == cs:
                        self.report("SARIF1008", ptr, "contextRegion is not a proper superset of region")
        # SARIF1006 InvocationPropertiesMustBeConsistent
        for ri, run in enumerate(d.get("runs") or []):
            for ii, inv in enumerate(run.get("invocations") or []):
                a, b = inv.get("startTimeUtc"), inv.get("endTimeUtc")
                if isinstance(a, str) and isinstance(b, str) and a > b:
                    self.report("SARIF1006", f"/runs/{ri}/invocations/{ii}", "endTimeUtc is before startTimeUtc")
        for ri, run in enumerate(d.get("runs") or []):
            rp = f"/runs/{ri}"
            driver = (run.get("tool") or {}).get("driver") or {}
            rules = driver.get("rules") or []
            artifacts = run.get("artifacts") or []
            # SARIF1001 RuleIdentifiersMustBeValid
            for k, rule in enumerate(rules + (driver.get("notifications") or [])):
                if isinstance(rule.get("id"), str) and isinstance(rule.get("name"), str) and \
                        rule["id"].lower() == rule["name"].lower():
                    self.report("SARIF1001", f"{rp}/tool/driver/rules/{k}", f"the rule's name is its id '{rule['id']}'")
            # SARIF2001 TerminateMessagesWithPeriod (rules' messageStrings)
            for k, rule in enumerate(rules):
                for mid, ms in (rule.get("messageStrings") or {}).items():
                    t = (ms or {}).get("text")
                    if isinstance(t, str) and t and not t.endswith("."):
                        self.report("SARIF2001", f"{rp}/tool/driver/rules/{k}/messageStrings/{mid}",
                                    "the message string does not end with a period")
            # SARIF2004 OptimizeFileSize
            if rules and set(rules[0]) == {"id"}:
                self.report("SARIF2004", f"{rp}/tool/driver/rules/0", "the rule has only an id")
            if artifacts and set(artifacts[0]) == {"location"}:
                res0 = (run.get("results") or [{}])[0]
                loc0 = ((res0.get("locations") or [{}])[0].get("physicalLocation") or {}).get("artifactLocation") or {}
                if "uri" in loc0 and "index" in loc0:
                    self.report("SARIF2004", f"{rp}/artifacts/0", "the artifact holds only what the location repeats")
            # SARIF2005 ProvideToolProperties
            if isinstance(driver.get("name"), str) and len(driver["name"].split(" ")) > 3:
                self.report("SARIF2005", f"{rp}/tool/driver/name", "the tool name is longer than three words")
            if "informationUri" not in driver:
                self.report("SARIF2005", f"{rp}/tool/driver", "the tool has no informationUri")
            if all(blank(driver.get(k)) for k in ("version", "semanticVersion", "dottedQuadFileVersion")):
                self.report("SARIF2005", f"{rp}/tool/driver", "the tool has no version")
            if isinstance(driver.get("version"), str) and not re.match(r"^\d", driver["version"]):
                self.report("SARIF2005", f"{rp}/tool/driver/version", "the version does not start with a digit")
            # SARIF2007 ExpressPathsRelativeToRepoRoot
            for k, vcp in enumerate(run.get("versionControlProvenance") or []):
                if blank((vcp.get("mappedTo") or {}).get("uriBaseId")):
                    self.report("SARIF2007", f"{rp}/versionControlProvenance/{k}", "no mappedTo.uriBaseId")
            for k, res in enumerate(run.get("results") or []):
                p = f"{rp}/results/{k}"
                rid, rrid = res.get("ruleId"), (res.get("rule") or {}).get("id")
                # SARIF1010 RuleIdMustBeConsistent
                if rid is None and rrid is None:
                    self.report("SARIF1010", p, "the result has neither ruleId nor rule.id")
                elif rid is not None and rrid is not None and rid != rrid:
                    self.report("SARIF1010", p, f"ruleId '{rid}' and rule.id '{rrid}' differ")
                # SARIF1009 IndexPropertiesMustBeConsistentWithArrays
                ix = res.get("ruleIndex", -1)
                if ix != -1 and not (isinstance(ix, int) and 0 <= ix < len(rules)):
                    self.report("SARIF1009", p + "/ruleIndex", f"ruleIndex {ix} is outside the {len(rules)} rules")
                # SARIF1012 MessageArgumentsMustBeConsistentWithRule
                msg = res.get("message") or {}
                if not blank(msg.get("id")):
                    rule = rules[ix] if isinstance(ix, int) and 0 <= ix < len(rules) else \
                        next((r for r in rules if r.get("id") == rid), {})
                    text = ((rule.get("messageStrings") or {}).get(msg["id"]) or {}).get("text")
                    if text is None:
                        self.report("SARIF1012", p + "/message", f"no messageStrings '{msg['id']}' in the rule")
                    else:
                        need = max((int(n) + 1 for n in re.findall(r"\{(\d+)\}", text)), default=0)
                        if len(msg.get("arguments") or []) < need:
                            self.report("SARIF1012", p + "/message", f"{need} arguments needed")
                # SARIF2004 OptimizeFileSize
                if "rule" in res and ("ruleId" in res or "ruleIndex" in res):
                    self.report("SARIF2004", p, "rule repeats ruleId/ruleIndex")
                if res.get("ruleIndex") == -1:
                    self.report("SARIF2004", p + "/ruleIndex", "an explicit -1")
                target = (res.get("analysisTarget") or {}).get("uri")
                for j, loc in enumerate(res.get("locations") or []):
                    pl = loc.get("physicalLocation") or {}
                    al = pl.get("artifactLocation") or {}
                    if target is not None and al.get("uri") == target:
                        self.report("SARIF2004", p + "/analysisTarget", "the analysis target repeats a location")
                    if al.get("index") == -1:
                        self.report("SARIF2004", f"{p}/locations/{j}", "an explicit -1")
                    ai = al.get("index", -1)
                    if ai != -1 and not (isinstance(ai, int) and 0 <= ai < len(artifacts)):
                        self.report("SARIF1009", f"{p}/locations/{j}", f"artifact index {ai} is outside the artifacts")
                    # SARIF2017 ProvideRequiredRegionProperties
                    r = pl.get("region")
                    if "physicalLocation" in loc and (not isinstance(r, dict) or not any(
                            k in r for k in ("startLine", "charOffset", "byteOffset"))):
                        self.report("SARIF2017", f"{p}/locations/{j}", "the location has no region with a start")
        # SARIF1011 ReferenceFinalSchema; SARIF2008 ProvideSchema
        s = d.get("$schema")
        if s is None:
            self.report("SARIF2008", "/", "the log has no $schema")
        elif isinstance(s, str) and not (s.endswith("2.1.0") or s.endswith("2.1.0.json")):
            self.report("SARIF1011", "/$schema", f"'{s}' is not the final 2.1.0 schema")
        # SARIF1013 SarifReferencesMustResolve
        for ptr, uri, is_artifact in self.uris():
            if is_artifact and uri.startswith("sarif:"):
                try:
                    node = self.doc
                    for part in uri[len("sarif:"):].lstrip("/").split("/"):
                        part = part.replace("~1", "/").replace("~0", "~")
                        node = node[int(part)] if isinstance(node, list) else node[part]
                except (KeyError, IndexError, ValueError, TypeError):
                    self.report("SARIF1013", ptr, f"'{uri}' does not resolve in this log")

    # -- GitHub code scanning ----------------------------------------------------------------------
    def github_rules(self):
        d = self.doc
        if not isinstance(d.get("runs"), list):
            self.report("GH1013", "/runs", "runs is missing")
            return
        if blank(d.get("$schema")):
            self.report("GH1013", "/", "$schema is missing")
        if d.get("version") != "2.1.0":
            self.report("GH1013", "/version", "version is not 2.1.0")
        if len(d["runs"]) > GH_MAX_RUNS:
            self.report("GH1013", "/runs", f"{len(d['runs'])} runs (GitHub takes at most {GH_MAX_RUNS})")
        if len(gzip.compress(self.raw)) > GH_MAX_GZIP_BYTES:
            self.report("GH-size", "/", "over 10 MB gzip-compressed (GitHub's upload limit)")
        for ri, run in enumerate(d["runs"]):
            rp = f"/runs/{ri}"
            if run.get("results") is None or run.get("tool") is None:
                self.report("GH1014", rp, "a run needs tool and results")
                continue
            driver = run["tool"].get("driver")
            if not isinstance(driver, dict):
                self.report("GH1018", rp + "/tool", "tool.driver is missing")
                continue
            if blank(driver.get("name")):
                self.report("GH1018", rp + "/tool/driver", "driver.name is blank")
            rules = driver.get("rules")
            if rules is None:
                self.report("GH1018", rp + "/tool/driver", "driver.rules is missing")
                rules = []
            if len(rules) > GH_MAX_RULES:
                self.report("GH-limit", rp + "/tool/driver/rules", f"{len(rules)} rules (at most {GH_MAX_RULES})")
            for k, rule in enumerate(rules):
                p = f"{rp}/tool/driver/rules/{k}"
                if blank(rule.get("id")):
                    self.report("GH2012", p, "the rule has no id")
                for key in ("shortDescription", "fullDescription"):
                    t = (rule.get(key) or {}).get("text")
                    if blank(t):
                        self.report("GH2012", p, f"{key}.text is blank")
                    elif len(t) > GH_MAX_DESCRIPTION:
                        self.report("GH-limit", f"{p}/{key}", f"{len(t)} characters (at most {GH_MAX_DESCRIPTION})")
                # GH2012: GitHub's validator wants every rule's help (shown with each alert);
                # markdown, when given, is what GitHub renders, so it cannot be blank either
                help_ = rule.get("help") if isinstance(rule.get("help"), dict) else {}
                if blank(help_.get("text")):
                    self.report("GH2012", p, "help.text is missing or blank")
                if "markdown" in help_ and blank(help_.get("markdown")):
                    self.report("GH2012", p + "/help", "help.markdown is blank")
                # helpUri: absolute (SARIF1005) and a web page GitHub can link (http or https)
                hu = rule.get("helpUri")
                if isinstance(hu, str) and not re.match(r"^https?://[^/?#\s]+/", hu):
                    self.report("GH-helpUri", p + "/helpUri", f"'{hu}' is not an http(s) URL of a page")
                if isinstance(rule.get("name"), str) and len(rule["name"]) > GH_MAX_NAME:
                    self.report("GH-limit", p + "/name", f"a name over {GH_MAX_NAME} characters")
                props = rule.get("properties") or {}
                if len(props.get("tags") or []) > GH_MAX_TAGS:
                    self.report("GH-limit", p + "/properties/tags", f"more than {GH_MAX_TAGS} tags")
                sev = props.get("security-severity")
                if sev is not None:
                    try:
                        ok = isinstance(sev, str) and 0.0 <= float(sev) <= 10.0
                    except ValueError:
                        ok = False
                    if not ok:
                        self.report("GH-severity", p, "security-severity is not a string from 0.0 to 10.0")
            results = run["results"]
            if len(results) > GH_MAX_RESULTS:
                self.report("GH-limit", rp + "/results", f"{len(results)} results (at most {GH_MAX_RESULTS})")
            for k, res in enumerate(results):
                p = f"{rp}/results/{k}"
                if blank((res.get("message") or {}).get("text")):
                    self.report("GH1015", p + "/message", "message.text is blank (GitHub does not format message ids)")
                locs = res.get("locations")
                if not locs:
                    self.report("GH1015", p, "the result has no location")
                    continue
                if len(locs) > GH_MAX_LOCATIONS:
                    self.report("GH-limit", p + "/locations", f"{len(locs)} locations (at most {GH_MAX_LOCATIONS})")
                if blank(res.get("ruleId")) and blank((res.get("rule") or {}).get("id")):
                    self.report("GH1015", p, "the result names no rule")
                text = (res.get("message") or {}).get("text")
                if isinstance(text, str) and re.search(r"[.?!]\.(\s|$)", text):
                    self.report("punctuation", p + "/message", "a sentence ends in a second period ('?.', '..')")
                # suppressions: GitHub closes the alert of a suppressed result; each says how
                # (kind) and why (justification: timelinec requires a reason)
                for j, sup in enumerate(res.get("suppressions") or []):
                    sp = f"{p}/suppressions/{j}"
                    if not isinstance(sup, dict) or sup.get("kind") not in ("inSource", "external"):
                        self.report("GH-suppression", sp, "kind is not inSource or external")
                        continue
                    if blank(sup.get("justification")):
                        self.report("GH-suppression", sp, "the suppression has no justification")
                    if sup.get("status", "accepted") != "accepted":
                        self.report("GH-suppression", sp, "a suppression not accepted leaves the alert open")
                    if sup["kind"] == "external" and "location" in sup:
                        self.report("GH-suppression", sp, "an external suppression has a location in the source")
                if not isinstance(res.get("partialFingerprints"), dict) or not res["partialFingerprints"]:
                    self.report("GH-fingerprint", p, "no partialFingerprints (an API upload would duplicate alerts)")
                for j, loc in enumerate(locs + (res.get("relatedLocations") or [])):
                    lp = f"{p}/locations/{j}"
                    pl = loc.get("physicalLocation")
                    if not isinstance(pl, dict):
                        self.report("GH1016", lp, "a location without physicalLocation")
                        continue
                    uri = (pl.get("artifactLocation") or {}).get("uri")
                    if blank(uri):
                        self.report("GH1001", lp, "physicalLocation.artifactLocation.uri is missing")
                        continue
                    if is_absolute(uri) and not uri.lower().startswith("file:"):
                        self.report("GH1005", lp, f"'{uri}' is absolute and not a file URI")
                    wds = [(inv.get("workingDirectory") or {}).get("uri") for inv in run.get("invocations") or []]
                    if uri.lower().startswith("file:") and not any(
                            isinstance(w, str) and uri.startswith(w.rstrip("/") + "/") for w in wds):
                        self.report("GH1006", lp, f"'{uri}' is absolute and outside the checkout")
                    if j >= len(locs):
                        continue  # related locations need no region
                    r = pl.get("region")
                    if not isinstance(r, dict) or not isinstance(r.get("startLine"), int) or r["startLine"] < 1:
                        self.report("GH1003", lp, "the region has no startLine")
                    else:
                        for key in ("startColumn", "endLine", "endColumn"):
                            if key not in r:
                                self.report("GH-region", lp + "/region", f"no {key} (GitHub lists it as required)")


def validator():
    schema = sc.load_json(SCHEMA_PATH)
    return jsonschema.Draft4Validator(schema, format_checker=sc.FORMATS)


def check_file(path, v):
    with open(path, "rb") as f:
        raw = f.read()
    try:
        doc = sc.load_json_text(raw.decode("utf-8"))
    except (UnicodeDecodeError, ValueError) as e:
        return [("json", "/", f"not JSON: {e}")]
    if not isinstance(doc, dict):
        return [("schema", "/", "not an object")]
    log = Log(doc, raw)
    log.schema(v)
    log.sarif_rules()
    log.github_rules()
    return log.found


def main(argv):
    args = argv[1:]
    ids_only = bool(args) and args[0] == "--findings"
    if ids_only:
        args = args[1:]
    if not args:
        sys.stderr.write("usage: validate_sarif.py [--findings] FILE.sarif...\n")
        return 2
    v = validator()
    bad = 0
    for path in args:
        found = check_file(path, v)
        if ids_only:
            for rule in sorted({r for r, _, _ in found}):
                print(rule)
            continue
        if found:
            bad += 1
            sys.stderr.write(f"{path}: {len(found)} finding(s):\n")
            for rule, where, msg in found[:20]:
                sys.stderr.write(f"  {rule} {where or '/'}: {msg}\n")
            if len(found) > 20:
                sys.stderr.write(f"  ... and {len(found) - 20} more\n")
    if ids_only:
        return 0
    if bad:
        return 1
    print(f"sarif: {len(args)} logs valid against the 2.1.0 schema, clean under the SARIF validator's error "
          "and warning rules, and complete for GitHub code scanning")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
