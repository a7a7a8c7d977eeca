"""The 49 real pipelines of ../shared/corpus/plx, written by others for the original runner.

Each library (a top directory) validates with exactly the errors listed in tests/data/corpus/verdicts.txt,
each explained there: any other error is a false one. The project's deck holds the presets those projects
defined in their own configuration (tests/data/corpus/overrides.toml). Each file is loaded and checked
without any internal error, every diagnostic is located, and every pipe of every file that loads cleanly
runs dry (with mocked inputs), on inputs we did not write.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from pipelex import Pipelex
from pipelex.engine.inference_setup import load_inference_setup
from pipelex.exceptions import PipelexError, PipeRunError, SourceError
from pipelex.kit.project_init import init_project
from pipelex.language.library_loader import load_library
from tests.conftest import REPO_ROOT

CORPUS_DATA = REPO_ROOT / "tests" / "data" / "corpus"

CORPUS = Path(os.environ.get("PIPELEX_PLX_CORPUS_DIR", REPO_ROOT.parent / "shared" / "corpus" / "plx"))
FILES = sorted(CORPUS.rglob("*.plx")) if CORPUS.is_dir() else []

LIBRARIES = sorted(path for path in CORPUS.iterdir() if path.is_dir()) if FILES else []

pytestmark = pytest.mark.skipif(not FILES, reason=f"the .plx corpus is not at {CORPUS} (set PIPELEX_PLX_CORPUS_DIR)")


@pytest.fixture(scope="module")
def project(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A project made by `pipelex init`, with the presets the corpus's projects defined for themselves."""
    directory = tmp_path_factory.mktemp("corpus_project")
    init_project(directory)
    overrides = directory / ".pipelex" / "inference" / "deck" / "overrides.toml"
    overrides.write_text((CORPUS_DATA / "overrides.toml").read_text(encoding="utf-8"), encoding="utf-8")
    return directory


def _verdicts() -> set[tuple[str, int, str]]:
    expected = set()
    for line in (CORPUS_DATA / "verdicts.txt").read_text(encoding="utf-8").splitlines():
        if line.strip() and not line.startswith("#"):
            place, code = line.split()
            path, number = place.rsplit(":", 1)
            expected.add((path, int(number), code))
    return expected


@pytest.mark.parametrize("library_dir", LIBRARIES, ids=[path.name for path in LIBRARIES])
def test_each_library_reports_exactly_its_real_mistakes(library_dir: Path, project: Path) -> None:
    names = load_inference_setup(project).deck.model_names()
    library = load_library([str(library_dir)], model_names=names)
    found = {
        (
            str(Path(diagnostic.file).relative_to(CORPUS)),
            diagnostic.span.line if diagnostic.span else 0,
            diagnostic.kind.code,
        )
        for diagnostic in library.errors
    }
    expected = {verdict for verdict in _verdicts() if verdict[0].startswith(library_dir.name + "/")}
    assert found == expected


@pytest.mark.parametrize("path", FILES, ids=[str(path.relative_to(CORPUS)) for path in FILES] if FILES else [])
def test_corpus_file_checks_and_clean_files_run_dry(path: Path, project: Path) -> None:
    library = load_library([str(path)])
    for diagnostic in library.diagnostics:
        assert diagnostic.file == str(path)
        assert diagnostic.span is not None, diagnostic
        assert diagnostic.message
    try:
        px = Pipelex.load(path, project_dir=project)
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
