#!/usr/bin/env python3
"""Validates OpenAPI documents (JSON or YAML files) with openapi-spec-validator, all in one
process: one line per document, `OK` or the first error, then `N valid, M invalid`.
Exits 0 only when every document is valid, 2 when the validator is not installed.

    validate_openapi.py FILE...

The OpenAPI tests of postman-codegen run it when OPENAPI_VALIDATOR names it; .ci/run
installs the validator into a virtual environment under target/ and does so.
"""

import sys

try:
    from openapi_spec_validator import OpenAPIV31SpecValidator
    from openapi_spec_validator.readers import read_from_filename
except ImportError as error:
    print(f"openapi-spec-validator is not installed: {error}", file=sys.stderr)
    sys.exit(2)


def first_error(path):
    """The first thing wrong with the document at `path`, or None."""
    try:
        document, _ = read_from_filename(path)
    except Exception as error:  # unreadable, or not JSON/YAML: that is the verdict
        return f"cannot read: {error}"
    if document.get("openapi", "").split(".")[:2] != ["3", "1"]:
        return f"not an OpenAPI 3.1 document (openapi: {document.get('openapi')!r})"
    try:
        for error in OpenAPIV31SpecValidator(document).iter_errors():
            return str(error).splitlines()[0]
    except Exception as error:  # the validator itself failed on something it read
        return f"the validator failed: {type(error).__name__}: {error}"
    return None


def main(paths):
    if not paths:
        print("usage: validate_openapi.py FILE...", file=sys.stderr)
        return 2
    invalid = 0
    for path in paths:
        error = first_error(path)
        if error is None:
            print(f"{path}: OK")
        else:
            invalid += 1
            print(f"{path}: INVALID: {error}")
    print(f"{len(paths) - invalid} valid, {invalid} invalid")
    return 1 if invalid else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
