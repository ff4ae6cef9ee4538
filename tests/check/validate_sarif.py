#!/usr/bin/env python3
"""gazette-check --format sarif output validates against the OASIS SARIF
2.1.0 schema (tests/check/data/sarif-schema-2.1.0.json, the OASIS schema).

Usage: validate_sarif.py CHECK SARIF_SCHEMA INPUT...
"""
import json
import subprocess
import sys

import jsonschema


def main():
    check, schema_path, inputs = sys.argv[1], sys.argv[2], sys.argv[3:]
    schema = json.load(open(schema_path, encoding="utf-8"))
    p = subprocess.run([check, "--profile", "chuxiong", "--format", "sarif", *inputs], capture_output=True, timeout=120)
    if p.returncode not in (0, 1):
        print(f"gazette-check exited {p.returncode}: {p.stderr.decode()}")
        print("0 passed, 1 failed")
        return 1
    log = json.loads(p.stdout)
    errors = list(jsonschema.Draft7Validator(schema).iter_errors(log))
    for e in errors[:10]:
        print(f"{'/'.join(map(str, e.path))}: {e.message}")
    results = log["runs"][0]["results"]
    ok = not errors and len(results) > 0
    print(f"{'ok' if ok else 'FAIL':4s} SARIF log with {len(results)} results from {len(inputs)} inputs")
    print(f"{int(ok)} passed, {int(not ok)} failed")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
