#!/usr/bin/env python3
"""Validates gazette-extract output against schemas/issue.schema.yaml.

Usage: validate_schema.py EXTRACT SCHEMA INPUT...

Each input is extracted (--format json) and validated with the jsonschema
package (draft-07, format checking on). Prints 'N passed, N failed'.
"""
import json
import os
import subprocess
import sys

import jsonschema
import yaml

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), ".."))
from tally import Tally  # noqa: E402


def main():
    extract, schema_path, inputs = sys.argv[1], sys.argv[2], sys.argv[3:]
    schema = yaml.safe_load(open(schema_path, encoding="utf-8"))
    jsonschema.Draft7Validator.check_schema(schema)
    validator = jsonschema.Draft7Validator(schema, format_checker=jsonschema.Draft7Validator.FORMAT_CHECKER)
    t = Tally()
    for path in inputs:
        out = subprocess.run([extract, path], capture_output=True, check=True).stdout
        errors = sorted(validator.iter_errors(json.loads(out)), key=lambda e: list(e.path))
        t.check(path, [f"{'/'.join(map(str, e.path))}: {e.message}" for e in errors[:10]])
    return t.finish()


if __name__ == "__main__":
    sys.exit(main())
