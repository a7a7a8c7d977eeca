"""A toml-test compatible decoder: TOML on stdin, tagged JSON on stdout.

Run as ``python -m pipelex.language.toml_decoder``. Every scalar becomes
``{"type": ..., "value": "<text>"}`` as the toml-test suite expects; tables become objects and
arrays lists. Invalid input (invalid UTF-8 included) exits with status 1 and one line on stderr.
"""

from __future__ import annotations

import json
import math
import sys
from datetime import date, datetime, time
from typing import Any

from pipelex.exceptions import TomlSyntaxError
from pipelex.language.source import SourceFile
from pipelex.language.toml_parser import parse_toml, read_source
from pipelex.language.toml_tree import ScalarValue, TomlArray, TomlScalar, TomlTable, TomlValue


def scalar_text(value: ScalarValue) -> str:
    """The toml-test text of a scalar: decimal integers, `inf`/`nan`, RFC 3339 date-times."""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, float):
        if math.isnan(value):
            return "nan"
        if math.isinf(value):
            return "inf" if value > 0 else "-inf"
        return repr(value)
    if isinstance(value, datetime | date | time):
        return value.isoformat()
    return str(value)


def tagged(node: TomlValue) -> Any:
    """The tagged-JSON form of a located node."""
    if isinstance(node, TomlScalar):
        return {"type": node.kind, "value": scalar_text(node.value)}
    if isinstance(node, TomlArray):
        return [tagged(item) for item in node.items]
    return {key: tagged(value) for key, value in node.entries.items()}


def decode(text: str) -> dict[str, Any]:
    """Decode a TOML document into toml-test's tagged JSON.

    Args:
        text: the document; a leading byte order mark is ignored.

    Returns:
        The root table as a JSON-ready dict.

    Raises:
        TomlSyntaxError: the document is not valid TOML 1.0.
    """
    root: TomlTable = parse_toml(SourceFile("<string>", text.removeprefix("\ufeff")))
    return {key: tagged(value) for key, value in root.entries.items()}


def main() -> int:
    """Read TOML bytes on stdin, write tagged JSON on stdout; 1 and a message on invalid input."""
    try:
        source = read_source("<stdin>", sys.stdin.buffer.read())
        root = parse_toml(source)
    except TomlSyntaxError as error:
        where = f"{error.span.line}:{error.span.column}: " if error.span else ""
        sys.stderr.write(f"<stdin>:{where}{error.message}\n")
        return 1
    json.dump(tagged(root), sys.stdout, indent=1)
    sys.stdout.write("\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
