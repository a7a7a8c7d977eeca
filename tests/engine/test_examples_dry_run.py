"""Every example runs dry, with its inputs, through the Python API and through the CLI."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from pipelex import Pipelex
from tests.conftest import EXAMPLES_DIR

EXAMPLES = sorted(path for path in EXAMPLES_DIR.iterdir() if path.is_dir())


def _plx(example: Path) -> Path:
    return next(example.glob("*.plx"))


def test_there_are_at_least_two_examples() -> None:
    assert len(EXAMPLES) >= 2


@pytest.mark.parametrize("example", EXAMPLES, ids=[path.name for path in EXAMPLES])
def test_example_dry_runs_through_the_api(example: Path) -> None:
    inputs = json.loads((example / "inputs.json").read_text(encoding="utf-8"))
    px = Pipelex.load(_plx(example))
    output = px.run_sync(inputs=inputs, dry_run=True)
    assert output.dry_run
    assert output.mocked_inputs == []
    assert output.main_text.strip()
    assert output.working_memory.main_stuff is output.main_stuff
    assert set(inputs) <= set(output.working_memory.names())
    assert output.report.calls, "every example calls at least one (mock) model"
    assert all(call.sdk == "openai" for call in output.report.calls)


@pytest.mark.parametrize("example", EXAMPLES, ids=[path.name for path in EXAMPLES])
def test_example_dry_runs_through_the_cli(example: Path, tmp_path: Path) -> None:
    out = tmp_path / "out"
    result = subprocess.run(
        [
            sys.executable,
            "-m",
            "pipelex",
            "run",
            str(_plx(example)),
            "--inputs",
            str(example / "inputs.json"),
            "--dry-run",
            "-o",
            str(out),
        ],
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip()
    assert sorted(path.name for path in out.iterdir()) == [
        "graph.html",
        "graph.mmd",
        "main_result.json",
        "main_result.md",
        "run_report.json",
        "working_memory.json",
    ]
    memory = json.loads((out / "working_memory.json").read_text(encoding="utf-8"))
    assert memory["main_stuff"] in memory["stuffs"]
    report = json.loads((out / "run_report.json").read_text(encoding="utf-8"))
    assert report["dry_run"] is True


def test_dry_run_mocks_missing_inputs() -> None:
    px = Pipelex.load(EXAMPLES_DIR / "invoice_summary")
    output = px.run_sync(dry_run=True)
    assert output.mocked_inputs == ["invoices"]
    assert isinstance(output.working_memory.get("invoices").content, list)  # type: ignore[union-attr]


def test_async_run_returns_structured_output() -> None:
    import asyncio

    px = Pipelex.load(EXAMPLES_DIR / "tweet_optimizer")
    output = asyncio.run(px.run("review_tweet", inputs={"draft": "We made a thing."}, dry_run=True))
    review = output.main_json()
    assert set(review) == {"clarity", "buzzword_count", "is_too_long", "main_problem", "tone"}
    assert review["tone"] in {"neutral", "hype", "humble", "dry"}
