"""The toml-test suite (TOML 1.0.0 files): every valid case decodes right, every invalid one is rejected.

The suite is found through ``PIPELEX_TOML_TEST_DIR`` or next to the repository, at
``../shared/conformance/toml-test``; see its SOURCE.md for the tagged-JSON format and for how
values are compared (floats numerically, NaNs by name, date-times as instants).
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from datetime import date, datetime, time
from pathlib import Path
from typing import Any

import pytest

from pipelex.exceptions import TomlSyntaxError
from pipelex.language.toml_decoder import decode, tagged
from pipelex.language.toml_parser import parse_toml, read_source

REPO_ROOT = Path(__file__).resolve().parents[2]
LIST_FILE = "files-toml-1.0.0"


def _suite_dir() -> Path:
    configured = os.environ.get("PIPELEX_TOML_TEST_DIR")
    return Path(configured) if configured else REPO_ROOT / ".." / "shared" / "conformance" / "toml-test"


SUITE = _suite_dir()
if not (SUITE / LIST_FILE).is_file():
    pytest.skip(
        f"toml-test suite not found at {SUITE} (set PIPELEX_TOML_TEST_DIR to the directory holding {LIST_FILE})",
        allow_module_level=True,
    )

_LISTED = [line.strip() for line in (SUITE / LIST_FILE).read_text(encoding="utf-8").splitlines()]
VALID = [name for name in _LISTED if name.startswith("valid/") and name.endswith(".toml")]
INVALID = [name for name in _LISTED if name.startswith("invalid/") and name.endswith(".toml")]


# ---------------------------------------------------------------------- comparison (SOURCE.md)


def _instant(kind: str, text: str) -> datetime | date | time:
    text = text.replace(" ", "T").replace("t", "T").replace("z", "Z")
    if kind == "date-local":
        return date.fromisoformat(text)
    if kind == "time-local":
        parsed_time = time.fromisoformat(text)
        return parsed_time.replace(microsecond=parsed_time.microsecond // 1000 * 1000)
    parsed = datetime.fromisoformat(text)
    if kind == "datetime" and parsed.tzinfo is None:
        raise ValueError(f"an offset date-time without offset: {text}")
    return parsed.replace(microsecond=parsed.microsecond // 1000 * 1000)


def _same_scalar(kind: str, expected: str, actual: str) -> bool:
    if kind == "float":
        if expected.endswith("nan") or actual.endswith("nan"):
            return expected.lstrip("+-").lower() == actual.lstrip("+-").lower()
        return float(expected) == float(actual)
    if kind in ("datetime", "datetime-local", "date-local", "time-local"):
        return _instant(kind, expected) == _instant(kind, actual)
    return expected == actual


def _is_scalar(node: Any) -> bool:
    return isinstance(node, dict) and set(node) == {"type", "value"} and isinstance(node["value"], str)


def _scalar_differences(expected: Any, actual: Any, path: str) -> list[str]:
    if not (_is_scalar(expected) and _is_scalar(actual)):
        return [f"{path}: expected {expected!r}, got {actual!r}"]
    if expected["type"] != actual["type"] or not _same_scalar(expected["type"], expected["value"], actual["value"]):
        return [f"{path}: expected {expected!r}, got {actual!r}"]
    return []


def differences(expected: Any, actual: Any, path: str = "") -> list[str]:
    """Where two tagged-JSON documents differ, compared the way toml-test compares them."""
    if _is_scalar(expected) or _is_scalar(actual):
        return _scalar_differences(expected, actual, path)
    if isinstance(expected, dict) and isinstance(actual, dict):
        if set(expected) != set(actual):
            return [f"{path}: keys {sorted(expected)} != {sorted(actual)}"]
        return [diff for key in expected for diff in differences(expected[key], actual[key], f"{path}.{key}")]
    if isinstance(expected, list) and isinstance(actual, list):
        if len(expected) != len(actual):
            return [f"{path}: {len(expected)} items expected, got {len(actual)}"]
        pairs = enumerate(zip(expected, actual, strict=True))
        return [diff for index, (left, right) in pairs for diff in differences(left, right, f"{path}[{index}]")]
    return [f"{path}: expected {expected!r}, got {actual!r}"]


def decode_case(name: str) -> Any:
    """Decode one suite file into tagged JSON (raises TomlSyntaxError when invalid)."""
    path = SUITE / name
    root = parse_toml(read_source(name, path.read_bytes()))
    return tagged(root)


def valid_case_problems(name: str) -> list[str]:
    expected = json.loads((SUITE / name).with_suffix(".json").read_text(encoding="utf-8"))
    try:
        actual = decode_case(name)
    except TomlSyntaxError as error:
        return [f"rejected: {error.message} ({error.span})"]
    return differences(expected, actual)


def invalid_case_accepted(name: str) -> bool:
    try:
        decode_case(name)
    except TomlSyntaxError:
        return False
    return True


# ---------------------------------------------------------------------- tests


@pytest.mark.parametrize("name", VALID, ids=VALID)
def test_valid_case(name: str) -> None:
    assert valid_case_problems(name) == []


@pytest.mark.parametrize("name", INVALID, ids=INVALID)
def test_invalid_case(name: str) -> None:
    assert not invalid_case_accepted(name), f"{name} was accepted"


def test_suite_counts() -> None:
    decoded_right = sum(1 for name in VALID if not valid_case_problems(name))
    rejected = sum(1 for name in INVALID if not invalid_case_accepted(name))
    assert (len(VALID), len(INVALID)) == (210, 499)
    assert (decoded_right, rejected) == (210, 499)


def test_decode_function() -> None:
    name = "valid/utf8-bom-01.toml"  # starts with a byte order mark
    expected = json.loads((SUITE / name).with_suffix(".json").read_text(encoding="utf-8"))
    assert differences(expected, decode((SUITE / name).read_text(encoding="utf-8"))) == []
    with pytest.raises(TomlSyntaxError):
        decode((SUITE / "invalid/inline-table/trailing-comma.toml").read_text(encoding="utf-8"))


def _run_decoder(data: bytes) -> subprocess.CompletedProcess[bytes]:
    return subprocess.run(
        [sys.executable, "-m", "pipelex.language.toml_decoder"],
        input=data,
        capture_output=True,
        cwd=REPO_ROOT,
        timeout=60,
        check=False,
    )


def test_decoder_command_line() -> None:
    valid, invalid = "valid/example.toml", "invalid/table/duplicate-key-01.toml"
    accepted = _run_decoder((SUITE / valid).read_bytes())
    assert accepted.returncode == 0, accepted.stderr
    expected = json.loads((SUITE / valid).with_suffix(".json").read_text(encoding="utf-8"))
    assert differences(expected, json.loads(accepted.stdout)) == []

    rejected = _run_decoder((SUITE / invalid).read_bytes())
    assert rejected.returncode == 1
    assert rejected.stdout == b""
    assert len(rejected.stderr.decode().strip().splitlines()) == 1
