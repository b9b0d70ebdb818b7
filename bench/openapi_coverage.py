#!/usr/bin/env python3
"""How much of an OpenAPI document is typed: the share of response fields, request body
fields and query parameters that have a JSON Schema `type`.

    bench/openapi_coverage.py DOCUMENT.json...

Any OpenAPI 3.x document (JSON), whoever wrote it, is counted the same way:

- a *field* is a property of an object, at any depth (array items are walked into), in the
  schema of one media type of one response (or of the request body) of one operation. The
  fields are those the schema declares and those its examples (`example`, `examples`) show,
  so that a schema that declares nothing (`type: object` alone) is not counted as empty
  but as leaving its example's fields untyped;
- a field is *typed* when the schema that describes it, with every `$ref` resolved (and
  into `allOf`/`oneOf`/`anyOf` branches), has a `type`; a field only an example shows is
  untyped;
- examples are read where documents put them: `example`, the `value` of each `examples`
  entry, an entry written in place of its Example Object, and JSON held as text;
- a *query parameter* is a parameter `in: query` of an operation or its path item, typed
  when its schema (or its content's schema) has a `type`; the last column counts those
  typed as more than text (a number, a boolean, a list, an enum, a format).

Only the eight methods OpenAPI names are operations. Needs only Python 3. The repository's
tests do not use it; BENCHMARKS.md shows its figures for the Zoom export.
"""

import json
import sys

METHODS = ("get", "put", "post", "delete", "options", "head", "patch", "trace")


class Document:
    def __init__(self, root):
        self.root = root

    def resolve(self, node, seen=()):
        """The node a `$ref` chain ends at (local references only)."""
        while isinstance(node, dict) and isinstance(node.get("$ref"), str):
            ref = node["$ref"]
            if ref in seen or not ref.startswith("#/"):
                return {}
            seen = seen + (ref,)
            target = self.root
            for part in ref[2:].split("/"):
                part = part.replace("~1", "/").replace("~0", "~")
                target = target.get(part, {}) if isinstance(target, dict) else {}
            node = target
        return node if isinstance(node, dict) else {}

    def branches(self, schema):
        """The schema and, through compositions, every schema it is made of."""
        schema = self.resolve(schema)
        out = [schema]
        for key in ("allOf", "oneOf", "anyOf"):
            for branch in schema.get(key, []) or []:
                out.extend(self.branches(branch))
        return out

    def typed(self, schema):
        schema = self.resolve(schema)
        if "type" in schema:
            return True
        parts = [b for key in ("allOf", "oneOf", "anyOf") for b in schema.get(key, []) or []]
        return bool(parts) and all(self.typed(part) for part in parts)

    def property(self, schema, name):
        """The schema of property `name` of an object schema, or None."""
        for branch in self.branches(schema):
            props = branch.get("properties")
            if isinstance(props, dict) and name in props:
                return props[name]
        return None

    def items(self, schema):
        for branch in self.branches(schema):
            if isinstance(branch.get("items"), dict):
                return branch["items"]
        return None


def fields(doc, schema, examples, path, out, depth=0):
    """Every field below `schema` and `examples` (values at the same place), by path, with
    whether it is typed; `schema` may be None (only an example shows the place)."""
    if depth > 12:
        return
    names = []
    if schema is not None:
        for branch in doc.branches(schema):
            props = branch.get("properties")
            if isinstance(props, dict):
                names.extend(n for n in props if n not in names)
    for example in examples:
        if isinstance(example, dict):
            names.extend(n for n in example if n not in names)
    for name in names:
        sub = doc.property(schema, name) if schema is not None else None
        key = path + (name,)
        typed = sub is not None and doc.typed(sub)
        out[key] = out.get(key, False) or typed
        sub_examples = [e[name] for e in examples if isinstance(e, dict) and name in e]
        fields(doc, sub, sub_examples, key, out, depth + 1)
    # Into arrays: the items' fields.
    item_schema = doc.items(schema) if schema is not None else None
    item_examples = [i for e in examples if isinstance(e, list) for i in e]
    if item_schema is not None or item_examples:
        fields(doc, item_schema, item_examples, path + ("[]",), out, depth + 1)


def decoded(value):
    """An example given as JSON text is read as the JSON it holds."""
    if isinstance(value, str) and value.strip()[:1] in ("{", "["):
        try:
            return json.loads(value)
        except ValueError:
            return value
    return value


def media_examples(doc, media):
    examples = []
    if "example" in media:
        examples.append(decoded(media["example"]))
    for example in (media.get("examples") or {}).values():
        example = doc.resolve(example)
        if "value" in example:
            examples.append(decoded(example["value"]))
        elif "rawContent" in example:
            # @scalar/postman-to-openapi's own key for the example's text.
            examples.append(decoded(example["rawContent"]))
        elif not {"summary", "description", "externalValue"} & set(example):
            # An example written in place of its Example Object (as @scalar/postman-to-openapi
            # does): the object is the value.
            examples.append(example)
    if not examples:
        schema = doc.resolve(media.get("schema", {}))
        if "example" in schema:
            examples.append(decoded(schema["example"]))
    return examples


def count(path):
    with open(path, encoding="utf-8") as file:
        doc = Document(json.load(file))
    response, body, query = [0, 0], [0, 0], [0, 0]
    # Query parameters typed as more than text: a number, a boolean, a list, an enum or a
    # format (every parameter arrives as text in a URL, so `string` alone says little).
    query_beyond_text = [0, 0]

    def tally(target, found):
        target[0] += sum(1 for typed in found.values() if typed)
        target[1] += len(found)

    for url, item in (doc.root.get("paths") or {}).items():
        item = doc.resolve(item)
        shared_params = item.get("parameters", []) or []
        for method in METHODS:
            operation = item.get(method)
            if not isinstance(operation, dict):
                continue
            for param in list(shared_params) + list(operation.get("parameters", []) or []):
                param = doc.resolve(param)
                if param.get("in") != "query":
                    continue
                schema = param.get("schema")
                if schema is None:
                    for media in (param.get("content") or {}).values():
                        schema = media.get("schema")
                query[0] += 1 if schema is not None and doc.typed(schema) else 0
                query[1] += 1
                kinds = {b.get("type") for b in doc.branches(schema)} if schema is not None else set()
                query_beyond_text[0] += 1 if kinds - {None, "string"} or any(
                    "enum" in b or "format" in b for b in doc.branches(schema or {})
                ) else 0
            request = doc.resolve(operation.get("requestBody", {}))
            for media_type, media in (request.get("content") or {}).items():
                found = {}
                fields(doc, media.get("schema"), media_examples(doc, media), (media_type,), found)
                tally(body, found)
            for status, answer in (operation.get("responses") or {}).items():
                answer = doc.resolve(answer)
                for media_type, media in (answer.get("content") or {}).items():
                    found = {}
                    fields(doc, media.get("schema"), media_examples(doc, media), (media_type,), found)
                    tally(response, found)
    query_beyond_text[1] = query[1]
    return response, body, query, query_beyond_text


def share(pair):
    typed, total = pair
    return f"{100.0 * typed / total:5.1f}% ({typed}/{total})" if total else "  n/a (0/0)"


def main(paths):
    if not paths:
        print(__doc__.strip().splitlines()[2].strip(), file=sys.stderr)
        return 2
    print("| document | response fields typed | request body fields typed | query parameters typed | query parameters typed beyond `string` |")
    print("|---|---:|---:|---:|---:|")
    for path in paths:
        response, body, query, beyond = count(path)
        print(f"| {path} | {share(response)} | {share(body)} | {share(query)} | {share(beyond)} |")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
