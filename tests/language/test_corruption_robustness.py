"""Damaged files never crash the checker: every corpus file, corrupted at random (seeded), gives located diagnostics.

Set PIPELEX_CORRUPTIONS_PER_FILE to run more cases than the default (e.g. 200 before a release).
"""

from __future__ import annotations

import json
import os
import random
import subprocess
import sys
from pathlib import Path

import pytest

from pipelex.language.diagnostic_render import render_concise, render_full, render_json
from pipelex.language.library_loader import load_library
from tests.language.corruption import corrupt
from tests.test_corpus import CORPUS, FILES

CASES_PER_FILE = int(os.environ.get("PIPELEX_CORRUPTIONS_PER_FILE", "8"))

pytestmark = pytest.mark.skipif(not FILES, reason=f"the .plx corpus is not at {CORPUS} (set PIPELEX_PLX_CORPUS_DIR)")


def _check_damaged(path: Path) -> None:
    library = load_library([str(path)])  # must not raise
    source = library.sources.get(str(path))
    for diagnostic in library.diagnostics:
        assert diagnostic.file == str(path)
        assert diagnostic.span is not None, diagnostic
        last_line = source.line_count if source is not None else path.read_bytes().count(b"\n") + 1
        assert 1 <= diagnostic.span.line <= diagnostic.span.end_line <= last_line, diagnostic
        assert diagnostic.span.column >= 1, diagnostic
        assert diagnostic.message
        assert render_concise(diagnostic)
        assert render_full(diagnostic, library.sources).plain
    payload = json.loads(render_json(library.sorted_diagnostics(), len(library.files)))
    assert payload["errors"] + payload["warnings"] == len(library.diagnostics)


@pytest.mark.parametrize("original", FILES, ids=[str(path.relative_to(CORPUS)) for path in FILES] if FILES else [])
def test_corrupted_corpus_file_gives_located_diagnostics(original: Path, tmp_path: Path) -> None:
    data = original.read_bytes()
    damaged = tmp_path / original.name
    for case in range(CASES_PER_FILE):
        rng = random.Random(f"{original.relative_to(CORPUS)}#{case}")
        damaged.write_bytes(corrupt(data, rng))
        _check_damaged(damaged)


@pytest.mark.parametrize(
    "damage",
    [
        pytest.param(lambda data: b"[[" + data, id="unclosed-array-of-tables"),
        pytest.param(
            lambda data: data[: len(data) // 2] + b"\xff\x00" + data[len(data) // 2 :], id="invalid-utf8-and-nul"
        ),
        pytest.param(lambda data: data.replace(b'"""', b'"', 1), id="broken-multiline-string"),
    ],
)
def test_cli_reports_a_damaged_file_without_traceback(damage: object, tmp_path: Path) -> None:
    original = next(path for path in FILES if b'"""' in path.read_bytes())
    damaged = tmp_path / "damaged.plx"
    damaged.write_bytes(damage(original.read_bytes()))  # type: ignore[operator]
    result = subprocess.run(
        [sys.executable, "-m", "pipelex", "validate", str(damaged), "-f", "concise"],
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert result.returncode == 1, result.stdout + result.stderr
    assert "Traceback" not in result.stdout + result.stderr
    assert "error[PLX0101]" in result.stdout
