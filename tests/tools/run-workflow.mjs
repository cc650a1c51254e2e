// Runs the `run:` steps of a GitHub Actions workflow locally, in order, as written (bash -e),
// with the environment GitHub gives them ($GITHUB_PATH, $GITHUB_WORKSPACE). `uses:` steps are
// checked, not run: upload-sarif's file must exist afterwards.
// usage: node run-workflow.mjs WORKFLOW.yml WORKDIR [NAME=VALUE...]
import { readFileSync, writeFileSync, existsSync } from "node:fs";
import { execFileSync } from "node:child_process";
import { join } from "node:path";
import YAML from "yaml";

const [wf, dir, ...vars] = process.argv.slice(2);
const doc = YAML.parse(readFileSync(wf, "utf8"));
const env = { ...process.env, GITHUB_WORKSPACE: dir, CI: "true" };
for (const v of vars) env[v.slice(0, v.indexOf("="))] = v.slice(v.indexOf("=") + 1);
const ghPath = join(dir, ".github-path");
writeFileSync(ghPath, "");
env.GITHUB_PATH = ghPath;
let ran = 0;
for (const [name, job] of Object.entries(doc.jobs)) {
  for (const step of job.steps) {
    if (step.uses) {
      if (step.uses.startsWith("github/codeql-action/upload-sarif")) {
        const f = join(dir, step.with.sarif_file);
        if (!existsSync(f)) { console.error(`workflow: ${f} is missing for upload-sarif`); process.exit(1); }
      }
      continue;
    }
    if (/apt-get install/.test(step.run) && process.env.TIMELINEC_WORKFLOW_APT !== "1") {
      // installing packages changes the host (tzdata included): only where that is the job (CI)
      console.log(`workflow: step '${step.name}' skipped (set TIMELINEC_WORKFLOW_APT=1 to run it)`);
      continue;
    }
    const extra = readFileSync(ghPath, "utf8").split("\n").filter(Boolean);
    const stepEnv = { ...env, PATH: [...extra, env.PATH].join(":") };
    // sudo is how the runner gets root; here we already may be root
    const script = (process.getuid && process.getuid() === 0 ? "sudo() { \"$@\"; }\n" : "") + step.run;
    try {
      execFileSync("bash", ["-e", "-c", script], { cwd: dir, env: stepEnv, stdio: "inherit" });
    } catch (e) {
      if (step.if === "always()") continue;
      console.error(`workflow: job ${name}, step '${step.name}' failed`);
      process.exit(1);
    }
    ran++;
  }
}
console.log(`workflow: ${ran} run steps of ${wf} passed locally`);
