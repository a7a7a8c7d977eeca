"""One pipeline using all nine pipe types, run dry from the CLI and live (fake OpenAI server) from Python and the CLI.

PipeExtract reads a real PDF locally (pypdfium2), PipeLLM and PipeImgGen go through the openai SDK, PipeFunc
calls a function of the library's Python module, and the controllers wire them together.
"""

from __future__ import annotations

import json
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from pipelex import Pipelex
from pipelex.plugins.pypdfium2.pdf_writer import write_pdf
from tests.conftest import REPO_ROOT
from tests.fakes.fake_openai import FakeOpenAIServer
from tests.plugins.conftest import FAKE_KEY

TOUR = REPO_ROOT / "tests" / "data" / "tour"
TYPES = {"PipeLLM", "PipeExtract", "PipeImgGen", "PipeCompose", "PipeFunc"} | {
    "PipeSequence",
    "PipeParallel",
    "PipeCondition",
    "PipeBatch",
}


@pytest.fixture
def server(monkeypatch: pytest.MonkeyPatch) -> Iterator[FakeOpenAIServer]:
    with FakeOpenAIServer() as fake:
        monkeypatch.setenv("OPENAI_API_KEY", FAKE_KEY)
        monkeypatch.setenv("OPENAI_BASE_URL", fake.base_url)
        yield fake


@pytest.fixture
def inputs(tmp_path: Path) -> Path:
    (tmp_path / "report.pdf").write_bytes(write_pdf(["Sales doubled this quarter", "Costs fell"]))
    path = tmp_path / "inputs.json"
    path.write_text(json.dumps({"report": str(tmp_path / "report.pdf"), "topics": ["sales", "costs", "people"]}))
    return path


def _run_cli(*args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    command = [sys.executable, "-m", "pipelex", "run", str(TOUR / "tour.plx"), *args]
    return subprocess.run(command, capture_output=True, text=True, timeout=120, cwd=cwd)


def test_the_tour_uses_every_pipe_type() -> None:
    px = Pipelex.load(TOUR)
    assert {pipe.__class__.__name__ for pipe in px.pipes.values()} == TYPES


def test_dry_run_from_the_cli_writes_every_output(inputs: Path, tmp_path: Path) -> None:
    result = _run_cli("-i", str(inputs), "--dry-run", "-o", "out", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip().endswith("3 pictures")
    saved = {path.name for path in (tmp_path / "out").iterdir()}
    assert {"main_result.json", "main_result.md", "working_memory.json", "run_report.json"} <= saved
    assert {"graph.mmd", "graph.html", "media"} <= saved
    report = json.loads((tmp_path / "out" / "run_report.json").read_text())
    assert len(report["calls"]) == 6  # extract, summarize, short view, three drawings


def test_live_run_from_python_through_the_fake_server(inputs: Path, server: FakeOpenAIServer) -> None:
    given = json.loads(inputs.read_text())
    output = Pipelex.load(TOUR).run_sync(inputs=given)
    paths = sorted(request.path for request in server.requests)
    assert paths == ["/v1/chat/completions"] * 2 + ["/v1/images/generations"] * 3
    summarize = next(request.body for request in server.requests if "response_format" in request.body)
    assert "Sales doubled this quarter" in summarize["messages"][-1]["content"]  # the PDF's real text
    assert output.main_text.endswith("3 pictures")
    assert output.report.total_cost > 0


def test_live_run_from_the_cli_never_shows_the_key(inputs: Path, tmp_path: Path, server: FakeOpenAIServer) -> None:
    result = _run_cli("-i", str(inputs), "-o", "out", "--format", "json", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout)["content"].endswith("3 pictures")
    for produced in [result.stdout, result.stderr, *(p.read_text() for p in (tmp_path / "out").glob("*.json"))]:
        assert FAKE_KEY not in produced
