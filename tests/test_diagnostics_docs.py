"""docs/diagnostics.md cannot rot: each failing example produces its code, each fixed one no error.

The page's JSON section is checked too: the keys and types it documents are the ones `--format json` prints.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from pathlib import Path

import pytest

from pipelex.engine.inference_setup import load_inference_setup
from pipelex.language.diagnostic_render import render_concise, render_json
from pipelex.language.diagnostics import CATALOG
from pipelex.language.library_loader import load_library
from tests.conftest import REPO_ROOT

PAGE = (REPO_ROOT / "docs" / "diagnostics.md").read_text(encoding="utf-8")

WITHOUT_PLX_EXAMPLE = {
    "PLX0102": "about a path, not a file's content",
    "PLX0107": "the pipe types not supported yet change as operators are added",
    "PLX0108": "about a directory, not a file's content",
    "PLX0113": "about the library's Python modules",
    "PLX0207": "needs the library's Python modules",
    "PLX0208": "needs the library's Python modules",
}

_SECTION = re.compile(r"^### (PLX\d{4}) (\w+)$", re.MULTILINE)
_BLOCK = re.compile(r"^```toml\n(.*?)^```$", re.MULTILINE | re.DOTALL)
_FILE_MARK = re.compile(r"^# file: (\S+)$", re.MULTILINE)


@dataclass(frozen=True)
class Example:
    code: str
    fails: str
    fixed: str


def _sections() -> dict[str, str]:
    matches = list(_SECTION.finditer(PAGE))
    return {
        match.group(1): PAGE[match.end() : matches[index + 1].start() if index + 1 < len(matches) else len(PAGE)]
        for index, match in enumerate(matches)
    }


def _examples() -> list[Example]:
    examples = []
    for code, body in _sections().items():
        blocks = _BLOCK.findall(body)
        fails = [block for block in blocks if block.startswith(f"# fails: {code}\n")]
        fixed = [block for block in blocks if block.startswith("# fixed\n")]
        if fails and fixed:
            examples.append(Example(code, fails[0], fixed[0]))
    return examples


EXAMPLES = _examples()


def _write(block: str, directory: Path) -> None:
    """One file, or several introduced by ``# file: NAME.plx`` lines."""
    body = block.split("\n", 1)[1]
    marks = list(_FILE_MARK.finditer(body))
    if not marks:
        (directory / "example.plx").write_text(body, encoding="utf-8")
        return
    for index, mark in enumerate(marks):
        end = marks[index + 1].start() if index + 1 < len(marks) else len(body)
        (directory / mark.group(1)).write_text(body[mark.end() + 1 : end], encoding="utf-8")


def _check(block: str, directory: Path) -> list[str]:
    directory.mkdir()
    _write(block, directory)
    setup = load_inference_setup()
    library = load_library([str(directory)], model_names=setup.deck.known_llm_names())
    return [render_concise(diagnostic) for diagnostic in library.sorted_diagnostics()]


def test_every_code_has_a_section() -> None:
    sections = _sections()
    for kind in CATALOG:
        assert kind.code in sections, f"no `### {kind.code} {kind.name}` section"
        assert f"### {kind.code} {kind.name}\n" in PAGE


def test_every_code_has_a_tested_example_or_a_reason() -> None:
    with_examples = {example.code for example in EXAMPLES}
    for kind in CATALOG:
        assert (kind.code in with_examples) != (kind.code in WITHOUT_PLX_EXAMPLE), kind.code


@pytest.mark.parametrize("example", EXAMPLES, ids=[example.code for example in EXAMPLES])
def test_failing_example_produces_its_code(example: Example, tmp_path: Path) -> None:
    lines = _check(example.fails, tmp_path / "fails")
    assert any(f"[{example.code}]" in line for line in lines), lines


@pytest.mark.parametrize("example", EXAMPLES, ids=[example.code for example in EXAMPLES])
def test_fixed_example_has_no_error(example: Example, tmp_path: Path) -> None:
    lines = _check(example.fixed, tmp_path / "fixed")
    assert not [line for line in lines if "error[" in line or f"[{example.code}]" in line], lines


# --- the JSON format -----------------------------------------------------------------------------

TOP_LEVEL = {"version": int, "ok": bool, "files": int, "errors": int, "warnings": int, "diagnostics": list}
DIAGNOSTIC = {
    "code": (str,),
    "kind": (str,),
    "severity": (str,),
    "message": (str,),
    "file": (str,),
    "line": (int, type(None)),
    "column": (int, type(None)),
    "end_line": (int, type(None)),
    "end_column": (int, type(None)),
    "label": (str, type(None)),
    "help": (str, type(None)),
}


def _documented_keys(heading: str) -> list[str]:
    start = PAGE.index(heading)
    table = PAGE[start : PAGE.index("\n\n", PAGE.index("|---|", start))]
    return re.findall(r"^\| `(\w+)` \|", table, re.MULTILINE)


def test_json_keys_are_frozen_and_documented(tmp_path: Path) -> None:
    plx = tmp_path / "broken.plx"
    plx.write_text('domain = "x"\n[pipe.a]\ntype = "PipeLLM"\noutput = "Nope"\nprompt = "$y"\n', encoding="utf-8")
    library = load_library([str(plx), str(tmp_path / "missing.plx")])
    payload = json.loads(render_json(library.sorted_diagnostics(), len(library.files)))
    assert list(payload) == list(TOP_LEVEL) == _documented_keys("Top level:")
    for key, expected in TOP_LEVEL.items():
        assert isinstance(payload[key], expected), key
    assert payload["version"] == 1
    assert payload["ok"] is False
    assert payload["files"] == 1
    assert payload["errors"] + payload["warnings"] == len(payload["diagnostics"]) >= 3
    for item in payload["diagnostics"]:
        assert list(item) == list(DIAGNOSTIC) == _documented_keys("Each diagnostic:")
        for key, types in DIAGNOSTIC.items():
            assert isinstance(item[key], types), (key, item)
        located = [item[key] for key in ("line", "column", "end_line", "end_column")]
        assert all(value is None for value in located) or all(isinstance(value, int) for value in located)
        assert item["severity"] in ("error", "warning")
        assert re.fullmatch(r"PLX\d{4}", item["code"])
    assert payload["diagnostics"][-1]["kind"] == "unreadable_file"
    assert payload["diagnostics"][-1]["line"] is None


def test_json_end_column_is_exclusive(tmp_path: Path) -> None:
    plx = tmp_path / "a.plx"
    plx.write_text('domain = "x"\n[pipe.a]\ntype = "PipeLLM"\noutput = "Nope"\nprompt = "hi"\n', encoding="utf-8")
    payload = json.loads(render_json(load_library([str(plx)]).diagnostics, 1))
    (item,) = payload["diagnostics"]
    assert (item["line"], item["column"], item["end_line"], item["end_column"]) == (4, 10, 4, 16)  # "Nope"
