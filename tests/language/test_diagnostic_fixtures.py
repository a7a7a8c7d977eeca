"""Data-driven: each invalid .plx (or library directory) sits beside the exact concise output of `pipelex validate`.

Regenerate an expectation after a deliberate change, then read it again:
``cd tests/data/plx/invalid && pipelex validate NAME.plx -f concise > NAME.expected`` (``NAME`` for a directory).
Valid files validate without errors and every pipe in them runs dry.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from pipelex import Pipelex
from pipelex.engine.inference_setup import load_inference_setup
from pipelex.language.diagnostic_render import render_concise, summary_line
from pipelex.language.diagnostics import CATALOG
from pipelex.language.library_loader import load_library

DATA = Path(__file__).resolve().parent.parent / "data" / "plx"
INVALID = sorted(path for path in (DATA / "invalid").iterdir() if path.suffix == ".plx" or path.is_dir())
VALID = sorted((DATA / "valid").glob("*.plx"))

NOT_FROM_A_PLX_FILE = {
    "unreadable_file": "a path that does not exist or is not a file (tests/cli/test_cli.py)",
    "unsupported_pipe_type": "pipe types this version lacks: the set shrinks as operators are added",
    "unresolved_function": "PipeFunc, tested with its Python modules",
    "unresolved_structure_class": "structure classes, tested with their Python modules",
    "python_module_error": "the library's Python modules, tested with them",
}


def _concise(directory: Path, name: str, monkeypatch: pytest.MonkeyPatch) -> str:
    monkeypatch.chdir(directory)
    setup = load_inference_setup()
    library = load_library([name], model_names=setup.deck.model_names())
    diagnostics = library.sorted_diagnostics()
    lines = [render_concise(diagnostic) for diagnostic in diagnostics]
    lines.append(summary_line(diagnostics, len(library.files)))
    return "\n".join(lines) + "\n"


@pytest.mark.parametrize("path", INVALID, ids=[path.stem for path in INVALID])
def test_invalid_file_reports_expected_diagnostics(path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    expected = path.with_suffix(".expected").read_text(encoding="utf-8")
    assert _concise(path.parent, path.name, monkeypatch) == expected


@pytest.mark.parametrize("path", VALID, ids=[path.stem for path in VALID])
def test_valid_file_has_no_error_and_runs_dry(path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(path.parent)
    setup = load_inference_setup()
    library = load_library([path.name], model_names=setup.deck.model_names())
    assert library.ok, [render_concise(diagnostic) for diagnostic in library.diagnostics]
    px = Pipelex.load(path.name)
    for code, pipe in px.pipes.items():
        if any(slot.concept.content_kind.value in {"image", "document", "page"} for slot in pipe.inputs.values()):
            continue  # a dry run cannot invent a file
        output = px.run_sync(code, dry_run=True)
        assert output.main_stuff.concept.is_a(pipe.output.concept), code


def test_there_are_enough_fixtures() -> None:
    assert len(INVALID) >= 40


def test_fixtures_cover_every_kind_a_plx_file_can_trigger() -> None:
    expected = "".join(path.with_suffix(".expected").read_text(encoding="utf-8") for path in INVALID)
    seen = set(re.findall(r"\[(PLX\d{4})\]", expected))
    missing = [kind.name for kind in CATALOG if kind.code not in seen and kind.name not in NOT_FROM_A_PLX_FILE]
    assert not missing, f"no fixture triggers: {', '.join(missing)}"


def test_every_expectation_has_its_fixture() -> None:
    names = {path.stem for path in INVALID}
    orphans = [path.name for path in (DATA / "invalid").glob("*.expected") if path.stem not in names]
    assert not orphans
