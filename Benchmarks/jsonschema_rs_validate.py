#!/usr/bin/env python3
"""Validate JSON files against one JSON Schema with jsonschema-rs (Rust), the way a batch job would:
compile the schema once, then parse and validate every file.

Usage: jsonschema_rs_validate.py SCHEMA FILE-OR-FOLDER...

Folders are searched recursively for *.json. Prints one line per invalid file (`FILE: first error`) and a
summary line `jsonschema-rs: N files, M invalid`; exits 1 when any file is invalid or unreadable.
Formats (date, date-time) are checked, as psea and check-jsonschema do.
"""

import json
import os
import sys

import jsonschema_rs


def files_of(arguments):
    for argument in arguments:
        if os.path.isdir(argument):
            found = []
            for root, _dirs, names in os.walk(argument):
                found.extend(os.path.join(root, name) for name in names if name.endswith(".json"))
            yield from sorted(found)
        else:
            yield argument


def main(argv):
    if len(argv) < 3:
        print(__doc__.strip().splitlines()[3], file=sys.stderr)
        return 2
    with open(argv[1], "rb") as handle:
        schema = json.loads(handle.read())
    validator = jsonschema_rs.validator_for(schema, validate_formats=True)
    total = invalid = 0
    for path in files_of(argv[2:]):
        total += 1
        try:
            with open(path, "rb") as handle:
                instance = json.loads(handle.read())
        except (OSError, ValueError) as error:
            invalid += 1
            print("%s: %s" % (path, error))
            continue
        if not validator.is_valid(instance):
            invalid += 1
            first = next(iter(validator.iter_errors(instance)), None)
            print("%s: %s" % (path, first.message if first is not None else "invalid"))
    print("jsonschema-rs: %d files, %d invalid" % (total, invalid))
    return 1 if invalid else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
