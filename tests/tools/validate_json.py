#!/usr/bin/env python3
"""Validates a JSON document against the subset of JSON Schema the project's schemas use
(type, const, enum, required, properties, items, minimum, maximum, $ref to #/$defs).
Usage: validate_json.py SCHEMA.json DOCUMENT.json   (exit 1 with one line per violation)."""
import json
import sys

TYPES = {
    "object": dict, "array": list, "string": str, "boolean": bool,
    "integer": int, "number": (int, float),
}


def check(schema, value, root, path, errors):
    if "$ref" in schema:
        ref = schema["$ref"]
        assert ref.startswith("#/$defs/"), ref
        schema = root["$defs"][ref[len("#/$defs/"):]]
    t = schema.get("type")
    if t:
        ok = isinstance(value, TYPES[t]) and not (t in ("integer", "number") and isinstance(value, bool))
        if t == "integer" and isinstance(value, float):
            ok = value.is_integer()
        if not ok:
            errors.append(f"{path}: expected {t}, got {type(value).__name__}")
            return
    if "const" in schema and value != schema["const"]:
        errors.append(f"{path}: expected {schema['const']!r}, got {value!r}")
    if "enum" in schema and value not in schema["enum"]:
        errors.append(f"{path}: {value!r} not in {schema['enum']}")
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        if "minimum" in schema and value < schema["minimum"]:
            errors.append(f"{path}: {value} < minimum {schema['minimum']}")
        if "maximum" in schema and value > schema["maximum"]:
            errors.append(f"{path}: {value} > maximum {schema['maximum']}")
    if isinstance(value, dict):
        for key in schema.get("required", []):
            if key not in value:
                errors.append(f"{path}: missing required '{key}'")
        for key, sub in schema.get("properties", {}).items():
            if key in value:
                check(sub, value[key], root, f"{path}.{key}", errors)
    if isinstance(value, list) and "items" in schema:
        for i, item in enumerate(value):
            check(schema["items"], item, root, f"{path}[{i}]", errors)


def main():
    schema = json.load(open(sys.argv[1]))
    try:
        doc = json.load(open(sys.argv[2]))
    except json.JSONDecodeError as e:
        print(f"{sys.argv[2]}: not JSON: {e}")
        return 1
    errors = []
    check(schema, doc, schema, "$", errors)
    for e in errors:
        print(e)
    return 1 if errors else 0


if __name__ == "__main__":
    sys.exit(main())
