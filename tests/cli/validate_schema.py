#!/usr/bin/env python3
"""Validates gazette-extract output against schemas/issue.schema.yaml.

Usage: validate_schema.py EXTRACT SCHEMA INPUT...

Each input is extracted (--format json) and validated with the jsonschema
package (draft-07, format checking on). Prints 'N passed, N failed'.
"""
import json
import subprocess
import sys

import jsonschema
import yaml


def main():
    extract, schema_path, inputs = sys.argv[1], sys.argv[2], sys.argv[3:]
    schema = yaml.safe_load(open(schema_path, encoding="utf-8"))
    jsonschema.Draft7Validator.check_schema(schema)
    validator = jsonschema.Draft7Validator(schema, format_checker=jsonschema.Draft7Validator.FORMAT_CHECKER)
    passed = failed = 0
    for path in inputs:
        out = subprocess.run([extract, path], capture_output=True, check=True).stdout
        errors = sorted(validator.iter_errors(json.loads(out)), key=lambda e: list(e.path))
        for e in errors[:10]:
            print(f"{path}: {'/'.join(map(str, e.path))}: {e.message}")
        print(f"{'ok' if not errors else 'FAIL':4s} {path}")
        passed += not errors
        failed += bool(errors)
    print(f"{passed} passed, {failed} failed")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
