"""The 49 real pipelines of ../shared/corpus/plx, written by others for the original runner.

Each file is loaded and checked without any internal error, every diagnostic is located, and every pipe
of every file that loads cleanly runs dry (with mocked inputs) — on inputs we did not write.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from pipelex import Pipelex
from pipelex.exceptions import PipelexError, PipeRunError, SourceError
from pipelex.language.library_loader import load_library
from tests.conftest import REPO_ROOT

CORPUS = Path(os.environ.get("PIPELEX_PLX_CORPUS_DIR", REPO_ROOT.parent / "shared" / "corpus" / "plx"))
FILES = sorted(CORPUS.rglob("*.plx")) if CORPUS.is_dir() else []

pytestmark = pytest.mark.skipif(not FILES, reason=f"the .plx corpus is not at {CORPUS} (set PIPELEX_PLX_CORPUS_DIR)")


@pytest.mark.parametrize("path", FILES, ids=[str(path.relative_to(CORPUS)) for path in FILES] if FILES else [])
def test_corpus_file_checks_and_clean_files_run_dry(path: Path) -> None:
    library = load_library([str(path)])
    for diagnostic in library.diagnostics:
        assert diagnostic.file == str(path)
        assert diagnostic.span is not None, diagnostic
        assert diagnostic.message
    try:
        px = Pipelex.load(path)
    except SourceError:
        return
    warned_fields = any(diagnostic.kind.name == "unknown_concept_field" for diagnostic in library.diagnostics)
    for code, pipe in px.pipes.items():
        try:
            output = px.run_sync(code, dry_run=True)
        except PipeRunError as error:
            assert warned_fields, error  # only what a PLX0303 warning announced may fail
            assert "a text has no attribute" in str(error)
            continue
        assert output.main_stuff.concept.is_a(pipe.output.concept) or pipe.output.concept.is_a(
            output.main_stuff.concept
        )


def test_corpus_whole_directory_in_one_run() -> None:
    library = load_library([str(CORPUS)])
    assert len(library.files) == len(FILES)
    assert len(library.sources) == len(FILES), "every corpus file parses as TOML"
    kinds = {diagnostic.kind.name for diagnostic in library.errors}
    assert "toml_syntax" not in kinds
    with pytest.raises(PipelexError):
        Pipelex.load(CORPUS)
