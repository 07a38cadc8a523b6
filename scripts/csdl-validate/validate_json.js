// Validates CSDL JSON documents against the OASIS csdl.schema.json (JSON Schema draft-07).
//
// usage: node validate_json.js SCHEMA_DIR DOCUMENT.json...
//
// Prints "ok: FILE" or "invalid: FILE" with every error, one per line; exits 1 if any document
// is invalid. Uses Ajv in strict mode with all errors, as the schema's own repository tests do.
"use strict";

const fs = require("fs");
const path = require("path");
const Ajv = require("ajv");

const [schemaDir, ...documents] = process.argv.slice(2);
if (!schemaDir || documents.length === 0) {
  console.error("usage: node validate_json.js SCHEMA_DIR DOCUMENT.json...");
  process.exit(2);
}
const schema = JSON.parse(fs.readFileSync(path.join(schemaDir, "csdl.schema.json"), "utf8"));
const validate = new Ajv({ allErrors: true, strict: true }).compile(schema);
let failed = 0;
for (const document of documents) {
  const ok = validate(JSON.parse(fs.readFileSync(document, "utf8")));
  if (ok) {
    console.log(`ok: ${document}`);
  } else {
    failed += 1;
    console.log(`invalid: ${document}`);
    for (const error of validate.errors) {
      console.log(`  ${error.instancePath || "/"}: ${error.message} ${JSON.stringify(error.params)}`);
    }
  }
}
process.exit(failed ? 1 : 0);
