"""Validates the objects of a CRD's kind in manifest files against the CRD's schema, strictly.

Usage: validate-crd-objects.py CRD.yaml MANIFEST.yaml...
Prints one line per problem and exits 1 when there is any; prints the count of objects checked on success.
Strict: an object property the schema does not declare is an error (unless the schema preserves unknown fields),
as the API server's strict field validation reports it. metadata is checked by the API server, not by the CRD.
"""
import sys

import jsonschema
import yaml


def strict(schema):
    if not isinstance(schema, dict):
        return schema
    schema = dict(schema)
    if schema.get("type") == "object" and "properties" in schema \
            and not schema.get("x-kubernetes-preserve-unknown-fields"):
        schema.setdefault("additionalProperties", False)
    for key in ("properties", "patternProperties"):
        if key in schema:
            schema[key] = {name: strict(value) for name, value in schema[key].items()}
    for key in ("items", "additionalProperties", "not"):
        if isinstance(schema.get(key), dict):
            schema[key] = strict(schema[key])
    for key in ("allOf", "anyOf", "oneOf"):
        if key in schema:
            schema[key] = [strict(value) for value in schema[key]]
    return schema


def main():
    crd = yaml.safe_load(open(sys.argv[1]))
    group, kind = crd["spec"]["group"], crd["spec"]["names"]["kind"]
    schemas = {
        f"{group}/{version['name']}": strict(version["schema"]["openAPIV3Schema"])
        for version in crd["spec"]["versions"] if version.get("served")
    }
    problems, checked = [], 0
    for path in sys.argv[2:]:
        for document in yaml.safe_load_all(open(path)):
            if not document or document.get("kind") != kind:
                continue
            name = f"{path}: {kind} {document.get('metadata', {}).get('name')}"
            schema = schemas.get(document.get("apiVersion"))
            if schema is None:
                problems.append(f"{name}: apiVersion {document.get('apiVersion')} is not served")
                continue
            checked += 1
            for error in jsonschema.Draft7Validator(schema).iter_errors(document):
                where = ".".join(str(part) for part in error.absolute_path)
                problems.append(f"{name}: {where}: {error.message}")
    for problem in problems:
        print(problem)
    if problems:
        sys.exit(1)
    print(f"{checked} checked")


main()
