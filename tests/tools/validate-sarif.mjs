// Validates SARIF logs against the official SARIF 2.1.0 schema (JSON Schema draft-04, ajv) and
// with Microsoft's SARIF validator (sarif-multitool validate): no error, no warning.
// usage: node validate-sarif.mjs FILE.sarif...
import { readFileSync, mkdtempSync, chmodSync, existsSync } from "node:fs";
import { execFileSync } from "node:child_process";
import { tmpdir } from "node:os";
import { join, dirname } from "node:path";
import { fileURLToPath } from "node:url";
import Ajv from "ajv-draft-04";
import addFormats from "ajv-formats";

const here = dirname(fileURLToPath(import.meta.url));
const schema = JSON.parse(readFileSync(join(here, "../fixtures/sarif/sarif-schema-2.1.0.json"), "utf8"));
const ajv = new Ajv({ allErrors: true, strict: false });
addFormats(ajv);
const validate = ajv.compile(schema);
const tool = join(here, "node_modules/@microsoft/sarif-multitool-linux/Sarif.Multitool");
let failed = 0;

for (const file of process.argv.slice(2)) {
  const log = JSON.parse(readFileSync(file, "utf8"));
  if (!validate(log)) {
    failed++;
    console.error(`${file}: not valid against the SARIF 2.1.0 schema:`);
    for (const e of validate.errors.slice(0, 10)) console.error(`  ${e.instancePath} ${e.message}`);
  }
  if (!existsSync(tool)) {
    failed++;
    console.error(`sarif: ${tool} is missing (npm ci --prefix tests/tools)`);
    continue;
  }
  chmodSync(tool, 0o755); // npm may skip the package's own postinstall chmod
  const out = join(mkdtempSync(join(tmpdir(), "sarif-")), "validation.sarif");
  execFileSync(tool, ["validate", file, "-o", out], { stdio: "ignore", env: { ...process.env, DOTNET_CLI_TELEMETRY_OPTOUT: "1" } });
  const res = JSON.parse(readFileSync(out, "utf8")).runs[0].results ?? [];
  const bad = res.filter((r) => (r.level ?? "warning") !== "note");
  if (bad.length) {
    failed++;
    console.error(`${file}: the SARIF validator reports:`);
    for (const r of bad) console.error(`  ${r.ruleId} ${r.level ?? "warning"} ${JSON.stringify(r.message)}`);
  }
}
if (failed) process.exit(1);
console.log(`sarif: ${process.argv.length - 2} logs valid against the 2.1.0 schema and clean under sarif-multitool`);
