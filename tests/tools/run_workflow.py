#!/usr/bin/python3
"""run_workflow.py WORKFLOW.yml WORKDIR [NAME=VALUE...]: runs the `run:` steps of a GitHub
Actions workflow locally, in order, as written (bash -e), with the environment GitHub gives them
($GITHUB_PATH, $GITHUB_WORKSPACE, CI=true). `uses:` steps are checked, not run: upload-sarif's
file must exist afterwards. A step with `apt-get install` runs only with
TIMELINEC_WORKFLOW_APT=1 (installing packages changes the host: only where that is the job, CI).
A failing step fails the run unless it has `if: always()`.
Debian's python3 with python3-ruamel.yaml (the workflow is read as YAML 1.2)."""
import os
import subprocess
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import schemacheck as sc  # noqa: E402  (exits 1 with the apt line when a package is missing)


def main(argv):
    if len(argv) < 3:
        sys.stderr.write("usage: run_workflow.py WORKFLOW.yml WORKDIR [NAME=VALUE...]\n")
        return 2
    wf, wd = argv[1], os.path.abspath(argv[2])
    with open(wf, encoding="utf-8") as f:
        doc = sc.load_yaml_core(f.read())
    env = dict(os.environ, GITHUB_WORKSPACE=wd, CI="true")
    for v in argv[3:]:
        name, _, value = v.partition("=")
        env[name] = value
    gh_path = os.path.join(wd, ".github-path")
    open(gh_path, "w").close()
    env["GITHUB_PATH"] = gh_path
    ran = 0
    for name, job in doc["jobs"].items():
        for step in job["steps"]:
            if "uses" in step:
                if step["uses"].startswith("github/codeql-action/upload-sarif"):
                    f = os.path.join(wd, step["with"]["sarif_file"])
                    if not os.path.exists(f):
                        sys.stderr.write(f"workflow: {f} is missing for upload-sarif\n")
                        return 1
                continue
            if "apt-get install" in step["run"] and os.environ.get("TIMELINEC_WORKFLOW_APT") != "1":
                print(f"workflow: step '{step['name']}' skipped (set TIMELINEC_WORKFLOW_APT=1 to run it)", flush=True)
                continue
            with open(gh_path, encoding="utf-8") as f:
                extra = [p for p in f.read().split("\n") if p]
            step_env = dict(env, PATH=":".join(extra + [env.get("PATH", "")]))
            # sudo is how the runner gets root; here we already may be root
            script = ('sudo() { "$@"; }\n' if os.getuid() == 0 else "") + step["run"]
            r = subprocess.run(["bash", "-e", "-c", script], cwd=wd, env=step_env)
            if r.returncode != 0:
                if step.get("if") == "always()":
                    continue
                sys.stderr.write(f"workflow: job {name}, step '{step['name']}' failed\n")
                return 1
            ran += 1
    print(f"workflow: {ran} run steps of {wf} passed locally")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
