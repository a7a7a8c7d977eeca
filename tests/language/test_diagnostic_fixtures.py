"""Data-driven: each invalid .plx sits beside the exact concise diagnostics `pipelex validate` must print.

Regenerate an expectation after a deliberate change with:
``cd tests/data/plx/invalid && pipelex validate NAME.plx -f concise > NAME.expected``.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from pipelex.engine.inference_setup import load_inference_setup
from pipelex.language.diagnostic_render import render_concise, summary_line
from pipelex.language.library_loader import load_library

DATA = Path(__file__).resolve().parent.parent / "data" / "plx"
INVALID = sorted((DATA / "invalid").glob("*.plx"))
VALID = sorted((DATA / "valid").glob("*.plx"))


def _concise(directory: Path, name: str, monkeypatch: pytest.MonkeyPatch) -> str:
    monkeypatch.chdir(directory)
    setup = load_inference_setup()
    library = load_library([name], model_names=setup.deck.known_llm_names())
    diagnostics = library.sorted_diagnostics()
    lines = [render_concise(diagnostic) for diagnostic in diagnostics]
    lines.append(summary_line(diagnostics, len(library.files)))
    return "\n".join(lines) + "\n"


@pytest.mark.parametrize("path", INVALID, ids=[path.stem for path in INVALID])
def test_invalid_file_reports_expected_diagnostics(path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    expected = path.with_suffix(".expected").read_text(encoding="utf-8")
    assert _concise(path.parent, path.name, monkeypatch) == expected


@pytest.mark.parametrize("path", VALID, ids=[path.stem for path in VALID])
def test_valid_file_has_no_error(path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(path.parent)
    library = load_library([path.name])
    assert library.ok, [render_concise(diagnostic) for diagnostic in library.diagnostics]


def test_fixtures_cover_every_required_kind() -> None:
    expected = "".join(path.read_text(encoding="utf-8") for path in (DATA / "invalid").glob("*.expected"))
    for code in ("PLX0101", "PLX0106", "PLX0201", "PLX0202", "PLX0401"):
        assert f"[{code}]" in expected
