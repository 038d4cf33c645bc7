"""Validates disrupt's JSON outputs against the JSON Schemas in docs/schemas/:
run.json, every assessment, and check.json, for each audience folder given.

    python schemas.py CHECK_FOLDER RUN_FOLDER...
"""

import json
import sys
from pathlib import Path

from jsonschema import Draft202012Validator
from referencing import Registry, Resource

SCHEMAS = Path(__file__).resolve().parents[2] / "docs" / "schemas"


def registry():
    resources = []
    for path in SCHEMAS.glob("*.schema.json"):
        schema = json.loads(path.read_text())
        resources.append((schema["$id"], Resource.from_contents(schema)))
        resources.append((path.name, Resource.from_contents(schema)))
    return Registry().with_resources(resources)


def validate(schema_name, document_path, reg):
    schema = json.loads((SCHEMAS / schema_name).read_text())
    Draft202012Validator.check_schema(schema)
    v = Draft202012Validator(schema, registry=reg)
    errors = sorted(v.iter_errors(json.loads(document_path.read_text())), key=str)
    for e in errors[:5]:
        print(f"FAIL {document_path}: {'/'.join(map(str, e.absolute_path))}: {e.message}")
    return not errors


def main():
    reg = registry()
    check_folder, runs = Path(sys.argv[1]), [Path(p) for p in sys.argv[2:]]
    checked = [("check.schema.json", check_folder / "check.json")]
    for run in runs:
        checked.append(("run.schema.json", run / "run.json"))
        for doc in sorted((run / "assessments").glob("*.json")):
            name = ("plan-review" if doc.stem == "plan-review"
                    else "place-assessment" if doc.stem.startswith("place-")
                    else "group-assessment")
            checked.append((f"{name}.schema.json", doc))
    ok = all([validate(s, d, reg) for s, d in checked])
    print(f"{'ok' if ok else 'FAIL'}: {len(checked)} JSON documents against docs/schemas/")
    sys.exit(0 if ok else 1)


if __name__ == "__main__":
    main()
