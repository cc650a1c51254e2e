#!/usr/bin/env node
// validate-schemas.mjs TOOL — checks the JSON Schemas in docs/ against what timelinec writes and
// reads (Node 20, ESM; run through tests/tools/schemas.sh, which installs the packages):
//
//   - every tests/golden/examples/*.program.json  against docs/program.schema.json  (2020-12)
//   - every tests/golden/examples/*.timeline.json against docs/timeline.schema.json (2020-12,
//     which $refs "program.schema.json" for its "program" member)
//   - every tests/golden/examples/*.schedule.json (a Live Activity's schedule: content states
//     and APNs requests) against docs/schedule.schema.json (2020-12)
//   - every examples/*.yaml and tests/spec-examples/*.{yaml,json} against docs/spec.schema.json
//     (draft-07; YAML parsed with the YAML 1.2 core schema, so '17:40' and 2026-12-01 stay strings)
//   - docs/spec.schema.json is byte-identical to `TOOL reference --json-schema`
//   - negative checks: mutated copies of goldens and specs must be REJECTED
//   - lint of our own schemas: every property has a description
//
// Prints one summary line and exits 0 when all pass; otherwise prints every failure to stderr
// and exits 1 (2 for usage errors).
import { execFileSync } from "node:child_process";
import { readFileSync, readdirSync, existsSync } from "node:fs";
import { dirname, join, relative, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { createRequire } from "node:module";

const require = createRequire(import.meta.url);
const interop = (m) => (m && m.default ? m.default : m);
const Ajv07 = interop(require("ajv"));
const Ajv2020 = interop(require("ajv/dist/2020"));
const AjvDraft04 = interop(require("ajv-draft-04")); // for SARIF (draft-04) later
const addFormats = interop(require("ajv-formats"));
const YAML = require("yaml");

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), "..", "..");
const rel = (p) => relative(ROOT, p) || ".";

if (process.argv.length !== 3) {
	console.error("usage: node tests/tools/validate-schemas.mjs TOOL   (TOOL: build/timelinec)");
	process.exit(2);
}
const TOOL = resolve(process.cwd(), process.argv[2]);
const VERBOSE = !!process.env.VERBOSE; // VERBOSE=1: show why each broken document was rejected

const failures = [];
const fail = (msg) => failures.push(msg);
const counts = { program: 0, timeline: 0, schedule: 0, spec: 0, diagnostics: 0, negative: 0 };

function readJson(path) {
	return JSON.parse(readFileSync(path, "utf8"));
}

function listDir(dir, suffixes) {
	const abs = join(ROOT, dir);
	if (!existsSync(abs)) return [];
	return readdirSync(abs)
		.filter((f) => suffixes.some((s) => f.endsWith(s)))
		.sort()
		.map((f) => join(abs, f));
}

function fmtErrors(errors, max = 6) {
	const lines = (errors || []).slice(0, max).map((e) => {
		const where = e.instancePath || "(root)";
		let extra = "";
		if (e.keyword === "additionalProperties") extra = ` '${e.params.additionalProperty}'`;
		else if (e.keyword === "enum") extra = ` ${JSON.stringify(e.params.allowedValues)}`;
		return `      ${where}: ${e.message}${extra}  [${e.schemaPath}]`;
	});
	if (errors && errors.length > max) lines.push(`      ... and ${errors.length - max} more`);
	return lines.join("\n");
}

// ---- schemas ----------------------------------------------------------------------------------

function loadSchema(path) {
	try {
		return readJson(path);
	} catch (e) {
		fail(`${rel(path)}: cannot read the schema: ${e.message}`);
		return null;
	}
}

const programSchema = loadSchema(join(ROOT, "docs/program.schema.json"));
const timelineSchema = loadSchema(join(ROOT, "docs/timeline.schema.json"));
const scheduleSchema = loadSchema(join(ROOT, "docs/schedule.schema.json"));
const specSchemaPath = join(ROOT, "docs/spec.schema.json");
const specSchema = loadSchema(specSchemaPath);

// Our hand-written schemas: strict (unknown keywords, missing types and the like are errors).
const ajv2020 = new Ajv2020({ strict: true, strictRequired: false, allowUnionTypes: true, allErrors: true });
addFormats(ajv2020);
// The generated spec schema (draft-07): strict too, so a generator slip shows up here.
const ajv07 = new Ajv07({ strict: true, strictRequired: false, allowUnionTypes: true, allErrors: true });
addFormats(ajv07);
// Draft-04 (SARIF) instance, ready for later use; constructing it checks the package loads.
const ajv04 = new AjvDraft04({ strict: false, allErrors: true });
addFormats(ajv04);
void ajv04;

function compile(ajv, schema, name, extra = []) {
	if (!schema) return null;
	try {
		for (const s of extra) if (s && !ajv.getSchema(s.$id)) ajv.addSchema(s);
		return ajv.compile(schema);
	} catch (e) {
		fail(`${name}: the schema does not compile: ${e.message}`);
		return null;
	}
}

const validateProgram = compile(ajv2020, programSchema, "docs/program.schema.json");
const validateTimeline = compile(ajv2020, timelineSchema, "docs/timeline.schema.json", [programSchema]);
const validateSchedule = compile(ajv2020, scheduleSchema, "docs/schedule.schema.json");
const validateSpec = compile(ajv07, specSchema, "docs/spec.schema.json");

// Every property of our schemas documents itself (conditional refinements under if/then/else,
// contains and not only narrow properties declared elsewhere and are skipped).
function lintDescriptions(schema, name) {
	if (!schema) return;
	const walk = (node, path) => {
		if (Array.isArray(node)) return node.forEach((v, i) => walk(v, `${path}/${i}`));
		if (!node || typeof node !== "object") return;
		for (const [k, v] of Object.entries(node)) {
			if (["if", "then", "else", "contains", "not", "const", "enum"].includes(k)) continue;
			if (k === "properties" && v && typeof v === "object") {
				for (const [p, sub] of Object.entries(v)) {
					if (sub !== false && !(sub && typeof sub.description === "string" && sub.description))
						fail(`${name}: property ${path}/properties/${p} has no description`);
					walk(sub, `${path}/properties/${p}`);
				}
				continue;
			}
			walk(v, `${path}/${k}`);
		}
	};
	walk(schema, "#");
}
lintDescriptions(programSchema, "docs/program.schema.json");
lintDescriptions(timelineSchema, "docs/timeline.schema.json");
lintDescriptions(scheduleSchema, "docs/schedule.schema.json");

// ---- positive checks ----------------------------------------------------------------------------

function check(validate, doc, label, kind) {
	if (!validate) return;
	if (validate(doc)) counts[kind]++;
	else fail(`${label}: does not validate against the ${kind} schema:\n${fmtErrors(validate.errors)}`);
}

const programs = listDir("tests/golden/examples", [".program.json"]);
const timelines = listDir("tests/golden/examples", [".timeline.json"]);
const schedules = listDir("tests/golden/examples", [".schedule.json"]);
const specs = [
	...listDir("examples", [".yaml"]),
	...listDir("tests/spec-examples", [".yaml", ".json"]),
];
if (!programs.length) fail("no tests/golden/examples/*.program.json found");
if (!timelines.length) fail("no tests/golden/examples/*.timeline.json found");
if (!schedules.length) fail("no tests/golden/examples/*.schedule.json found");
if (!specs.length) fail("no examples/*.yaml or tests/spec-examples/* found");

const goldens = new Map(); // file name -> parsed document, for the negative checks
for (const f of [...programs, ...timelines, ...schedules]) {
	let doc;
	try {
		doc = readJson(f);
	} catch (e) {
		fail(`${rel(f)}: not JSON: ${e.message}`);
		continue;
	}
	goldens.set(f.slice(f.lastIndexOf("/") + 1), doc);
	if (f.endsWith(".program.json")) check(validateProgram, doc, rel(f), "program");
	else if (f.endsWith(".schedule.json")) check(validateSchedule, doc, rel(f), "schedule");
	else check(validateTimeline, doc, rel(f), "timeline");
}

function parseSpec(path) {
	const text = readFileSync(path, "utf8");
	if (path.endsWith(".json")) return JSON.parse(text);
	// YAML 1.2 core schema: no sexagesimal numbers, no timestamps, no yes/no booleans.
	const doc = YAML.parseDocument(text, { version: "1.2", schema: "core", uniqueKeys: true });
	if (doc.errors.length) throw new Error(doc.errors.map((e) => e.message).join("; "));
	return doc.toJS({ maxAliasCount: 100 });
}

const specDocs = new Map();
for (const f of specs) {
	let doc;
	try {
		doc = parseSpec(f);
	} catch (e) {
		fail(`${rel(f)}: cannot parse: ${e.message}`);
		continue;
	}
	specDocs.set(rel(f), doc);
	check(validateSpec, doc, rel(f), "spec");
}

// ---- check --format json reports against docs/diagnostics.schema.json ---------------------------

{
	const diagSchema = loadSchema(join(ROOT, "docs/diagnostics.schema.json"));
	lintDescriptions(diagSchema, "docs/diagnostics.schema.json");
	const validateDiag = compile(ajv2020, diagSchema, "docs/diagnostics.schema.json");
	const reports = listDir("tests/golden/scenarios", [".check.json"]);
	if (!reports.length) fail("no tests/golden/scenarios/*.check.json found");
	for (const f of reports) check(validateDiag, readJson(f), rel(f), "diagnostics");
	if (validateDiag && reports.length) {
		const bad = readJson(reports.find((f) => f.includes("broken")));
		bad.diagnostics[0].severity = "fatal";
		if (validateDiag(bad)) fail("a report with severity 'fatal' was accepted");
		else counts.negative++;
	}
}

// ---- docs/spec.schema.json is the tool's output -------------------------------------------------

{
	let out = null;
	try {
		out = execFileSync(TOOL, ["reference", "--json-schema"], { maxBuffer: 64 << 20 });
	} catch (e) {
		fail(`cannot run '${TOOL} reference --json-schema': ${e.message.split("\n")[0]}`);
	}
	if (out && existsSync(specSchemaPath)) {
		const file = readFileSync(specSchemaPath);
		if (!file.equals(out)) {
			let i = 0;
			while (i < file.length && i < out.length && file[i] === out[i]) i++;
			fail(
				`docs/spec.schema.json differs from '${rel(TOOL)} reference --json-schema' at byte ${i} ` +
					`(file ${file.length} bytes, tool ${out.length} bytes): ` +
					`file ${JSON.stringify(file.subarray(i, i + 40).toString())} vs ` +
					`tool ${JSON.stringify(out.subarray(i, i + 40).toString())}; regenerate with ` +
					`'${rel(TOOL)} reference --json-schema > docs/spec.schema.json'`,
			);
		}
	}
}

// ---- negative checks ----------------------------------------------------------------------------
// Each takes a golden (or spec), changes one thing, and must be rejected. A mutation whose target
// is missing is itself a failure (the golden changed shape: update the check).

function nav(doc, path) {
	let node = doc;
	for (const k of path) {
		if (node === null || typeof node !== "object" || !(k in node)) return undefined;
		node = node[k];
	}
	return node;
}
const container = (doc, path) => {
	const parent = nav(doc, path.slice(0, -1));
	return parent !== null && typeof parent === "object" ? parent : undefined;
};
// set: replace an existing value; del: remove an existing key or array item; add: a new key.
const set = (path, value) => (doc) => {
	const parent = container(doc, path), k = path[path.length - 1];
	if (!parent || !(k in parent)) return false;
	parent[k] = value;
	return true;
};
const del = (path) => (doc) => {
	const parent = container(doc, path), k = path[path.length - 1];
	if (!parent || !(k in parent)) return false;
	if (Array.isArray(parent)) parent.splice(k, 1);
	else delete parent[k];
	return true;
};
const add = (path, value) => (doc) => {
	const parent = container(doc, path), k = path[path.length - 1];
	if (!parent || Array.isArray(parent) || k in parent) return false;
	parent[k] = value;
	return true;
};

const TL_LIVE = ["entries", 6, "views", "main", "families", "default", 1]; // launch: the timer run
const SCH_APS = ["states", 1, "request", "body", "aps"]; // delivery: the first pushed update
const SCH_HEADERS = ["states", 1, "request", "headers"];
const NEGATIVE = [
	// programs
	["launch.program.json", "unknown live run kind", set(["countdowns", 0, "phases", 1, "views", "default", 1, "live"], "stopwatch")],
	["launch.program.json", "missing required key 'zone'", del(["zone"])],
	["launch.program.json", "missing required key 'phases'", del(["countdowns", 0, "phases"])],
	["launch.program.json", "bad instant (offset instead of 'Z')", set(["countdowns", 0, "target", "at"], "2026-12-01T18:00:00+01:00")],
	["launch.program.json", "bad instant (no 'Z')", set(["window", "start", "at"], "2026-11-25T08:00:00")],
	["launch.program.json", "both window and horizon", add(["horizon"], 86400)],
	["launch.program.json", "unknown widget family", add(["countdowns", 0, "phases", 0, "views", "systemSmall"], [{ text: "x" }])],
	["launch.program.json", "unknown top-level key", add(["extra"], true)],
	["launch.program.json", "message run with a text too", add(["countdowns", 0, "phases", 0, "views", "default", 0, "text"], "x")],
	["launch.program.json", "phase threshold not an integer", set(["countdowns", 0, "phases", 0, "above"], "24h")],
	["launch.program.json", "two phases without threshold", set(["countdowns", 0, "phases", 2, "above"], null)],
	["launch.program.json", "unknown unit", set(["messages", 0, "units", 0], "weeks")],
	["launch.program.json", "unknown reload policy", set(["reload", "policy"], "sometimes")],
	["launch.program.json", "unknown time kind", set(["countdowns", 0, "target", "kind"], "none")],
	["standup.program.json", "local reading with a 'Z'", set(["countdowns", 0, "dtstart"], "1970-01-01T00:00:00Z")],
	["standup.program.json", "recur countdown with a target", add(["countdowns", 0, "target"], { kind: "now", offset: 0 })],
	["flight.program.json", "param time without its name", del(["countdowns", 0, "target", "param"])],
	// timelines
	["launch.timeline.json", "unknown live run kind", set([...TL_LIVE, "live"], "stopwatch")],
	["launch.timeline.json", "live run without target", del([...TL_LIVE, "target"])],
	["launch.timeline.json", "timer run with a from", add([...TL_LIVE, "from"], "2026-11-30T17:00:00Z")],
	["launch.timeline.json", "missing required key 'now'", del(["now"])],
	["launch.timeline.json", "bad entry date (no 'Z')", set(["entries", 0, "date"], "2026-11-25T08:00:00")],
	["launch.timeline.json", "bad entry date (month 13)", set(["entries", 0, "date"], "2026-13-25T08:00:00Z")],
	["launch.timeline.json", "bad entry date (Feb 30)", set(["entries", 0, "date"], "2026-02-30T08:00:00Z")],
	["launch.timeline.json", "program-only policy 'auto'", set(["policy", "kind"], "auto")],
	["launch.timeline.json", "unknown now-source", set(["now-source"], "sundial")],
	["launch.timeline.json", "no entries", set(["entries"], [])],
	["launch.timeline.json", "message arg of an unknown unit", add(["entries", 0, "views", "main", "families", "default", 0, "args", "weeks"], 1)],
	["launch.timeline.json", "embedded program: unknown run kind", set(["program", "countdowns", 0, "phases", 1, "views", "default", 1, "live"], "stopwatch")],
	["launch.timeline.json", "embedded program: missing 'countdowns'", del(["program", "countdowns"])],
	["standup.timeline.json", "policy after without its date", del(["policy", "date"])],
	// schedules (a Live Activity): the aps body and the request headers
	["delivery-activity.schedule.json", "aps event 'pause'", set(SCH_APS.concat("event"), "pause")],
	["delivery-activity.schedule.json", "apns-push-type 'alert'", set(SCH_HEADERS.concat("apns-push-type"), "alert")],
	// specs
	["examples/launch.yaml", "spec without 'timelinec'", del(["timelinec"])],
	["examples/launch.yaml", "spec with an unknown key", add(["colour"], "red")],
	["examples/launch.yaml", "spec with an unknown reload word", add(["reload"], "sometimes")],
	["examples/flight.yaml", "spec with 65 parameters (TLC_MAX_PARAMS is 64)",
		set(["params"], Object.fromEntries(Array.from({ length: 65 }, (_, i) => [`p${i}`, "instant"])))],
];

for (const [source, what, mutate] of NEGATIVE) {
	const isSpec = !/\.(program|timeline|schedule)\.json$/.test(source);
	const base = isSpec ? specDocs.get(source) : goldens.get(source);
	const validate = isSpec
		? validateSpec
		: source.endsWith(".program.json")
			? validateProgram
			: source.endsWith(".schedule.json")
				? validateSchedule
				: validateTimeline;
	const label = `negative check '${what}' (${source})`;
	if (base === undefined) {
		fail(`${label}: ${source} is missing or did not parse`);
		continue;
	}
	if (!validate) continue;
	const doc = structuredClone(base);
	if (!mutate(doc)) {
		fail(`${label}: the mutation found nothing to change; the document changed shape, update the check`);
		continue;
	}
	if (validate(doc)) fail(`${label}: the broken document was ACCEPTED; the schema is too loose`);
	else {
		counts.negative++;
		if (VERBOSE) console.error(`rejected as expected: ${label}\n${fmtErrors(validate.errors, 3)}`);
	}
}

// ---- result -------------------------------------------------------------------------------------

if (failures.length) {
	console.error(`schemas: ${failures.length} failure(s):`);
	for (const f of failures) console.error(`  - ${f}`);
	process.exit(1);
}
console.log(
	`schemas: ok: ${counts.program} programs, ${counts.timeline} timelines, ${counts.schedule} schedules, ${counts.spec} specs, ` +
		`${counts.diagnostics} check reports valid; ` +
		`docs/spec.schema.json up to date; ${counts.negative} broken documents rejected`,
);
