#!/usr/bin/env bash
# Installs the CSDL validators into DIR (default: target/csdl-validate): a Python venv with
# xmlschema (CSDL XML against edmx.xsd/edm.xsd) and Ajv from npm (CSDL JSON against
# csdl.schema.json). Prints DIR; tests/test_csdl_schemas.rs finds the validators there through
# ODATA_CSDL_VALIDATORS=DIR. Re-running it is cheap: what is installed is kept.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
dir="${1:-$here/../../target/csdl-validate}"
mkdir -p "$dir"
dir="$(cd "$dir" && pwd)"
if [ ! -x "$dir/venv/bin/python" ]; then
  python3 -m venv "$dir/venv" >&2
fi
"$dir/venv/bin/python" -m pip install --quiet --disable-pip-version-check -r "$here/requirements.txt" >&2
cp "$here/package.json" "$here/package-lock.json" "$dir/"
(cd "$dir" && npm ci --no-audit --no-fund --silent >&2)
cp "$here/validate_xml.py" "$here/validate_json.js" "$dir/"
echo "$dir"
