#!/usr/bin/env python3
"""List every `fn` under src/ longer than a line limit (default 80), longest first.

A function's length counts from its `fn` line to the closing brace at the same
indentation, inclusive. Handles `pub`, `pub(crate)`, `pub(super)`, `async`,
`const`, `unsafe` and `extern` qualifiers and methods inside `impl`/`trait`
blocks. Declarations without a body (trait items ending in `;`) are skipped.

Usage: scripts/long_functions.py [--limit N] [--root DIR] [--count]
"""
import argparse
import os
import re
import sys

FN_RE = re.compile(
    r"^(?P<indent>\s*)"
    r"(?:pub(?:\([^)]*\))?\s+)?"
    r"(?:(?:const|async|unsafe|default)\s+)*"
    r"(?:extern\s+(?:\"[^\"]*\"\s+)?)?"
    r"fn\s+(?P<name>[A-Za-z_][A-Za-z0-9_]*)"
)


def functions(path):
    """Yield (name, start_line, length) for each fn with a body in `path`."""
    with open(path, encoding="utf-8") as handle:
        lines = handle.read().split("\n")
    for index, line in enumerate(lines):
        match = FN_RE.match(line)
        if not match:
            continue
        indent = match.group("indent")
        end = body_end(lines, index, indent)
        if end is not None:
            yield match.group("name"), index + 1, end - index + 1


def body_end(lines, start, indent):
    """Index of the line closing the fn that opens at `start`, or None."""
    # Find where the signature ends: the first `{` or `;` at the top level.
    for index in range(start, len(lines)):
        stripped = lines[index].split("//")[0].rstrip()
        if stripped.endswith(";") and "{" not in stripped:
            if index == start or not lines[index].startswith(indent + " "):
                # A bodiless declaration such as a trait item.
                return None
        if "{" in stripped:
            if stripped.endswith("}") and stripped.count("{") == stripped.count("}"):
                return index  # one-line body
            break
    else:
        return None
    closing = indent + "}"
    for index in range(start + 1, len(lines)):
        if lines[index].rstrip() == closing:
            return index
    return None


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--limit", type=int, default=80)
    parser.add_argument("--root", default="src")
    parser.add_argument("--count", action="store_true", help="print only the count")
    args = parser.parse_args()

    found = []
    for directory, _, names in os.walk(args.root):
        for name in sorted(names):
            if name.endswith(".rs"):
                path = os.path.join(directory, name)
                for fn_name, line, length in functions(path):
                    if length > args.limit:
                        found.append((length, path, line, fn_name))
    found.sort(key=lambda item: (-item[0], item[1], item[2]))
    if args.count:
        print(len(found))
        return 0
    for length, path, line, fn_name in found:
        print(f"{length:5}  {path}:{line}  {fn_name}")
    print(f"{len(found)} functions over {args.limit} lines", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
