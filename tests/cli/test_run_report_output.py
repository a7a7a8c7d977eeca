"""`pipelex run` prints the report table on stderr (not with --format json), never a progress bar off a terminal."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from rich.console import Console

from pipelex.cli.run_display import RichProgress, progress_on

BATCH_PLX = """
domain = "words"

[pipe.answer]
type = "PipeLLM"
description = "Say a word back"
inputs = { word = "Text" }
output = "Text"
model = "gpt-4o-mini"
prompt = "Say $word"

[pipe.answer_all]
type = "PipeBatch"
description = "Answer every word"
inputs = { words = "Text[]" }
output = "Text[]"
branch_pipe_code = "answer"
input_list_name = "words"
input_item_name = "word"
"""


def _run(tmp_path: Path, *extra: str) -> subprocess.CompletedProcess[str]:
    plx = tmp_path / "words.plx"
    plx.write_text(BATCH_PLX)
    command = [sys.executable, "-m", "pipelex", "run", str(plx), "--pipe", "answer_all", "--dry-run"]
    inputs = json.dumps({"words": ["a", "b", "c"]})
    return subprocess.run(
        [*command, "-i", inputs, "-o", str(tmp_path / "out"), "--max-concurrency", "2", *extra],
        capture_output=True,
        text=True,
        cwd=tmp_path,
        check=False,
    )


def test_pretty_run_prints_the_report_table_and_no_progress(tmp_path: Path) -> None:
    result = _run(tmp_path)
    assert result.returncode == 0, result.stderr
    assert "run report (dry run: models mocked)" in result.stderr
    assert "answer" in result.stderr
    assert "total" in result.stderr
    assert "━" in result.stderr  # the table
    assert "answer_all · answer_all" not in result.stderr  # no progress bar: stderr is not a terminal
    assert "\x1b[" not in result.stderr
    report = json.loads((tmp_path / "out" / "run_report.json").read_text())
    assert report["interrupted"] is False
    assert report["max_concurrency"] == 2
    assert report["totals"]["calls"] == 3
    assert [row["calls"] for row in report["by_pipe"]] == [3]
    assert {call["job_label"] for call in report["calls"]} == {"answer"}
    assert set(report["calls"][0]) == {
        "job_label",
        "model",
        "backend",
        "sdk",
        "input_tokens",
        "output_tokens",
        "cost",
        "duration_s",
        "retries",
    }


def test_json_run_prints_no_table(tmp_path: Path) -> None:
    result = _run(tmp_path, "--format", "json")
    assert result.returncode == 0, result.stderr
    assert "run report" not in result.stderr
    assert len(json.loads(result.stdout)["content"]) == 3


def test_progress_is_off_without_a_terminal() -> None:
    console = Console(file=open("/dev/null", "w"), force_terminal=False)  # noqa: SIM115
    with progress_on(console, enabled=True) as progress:
        assert progress is None
    terminal = Console(force_terminal=True, record=True, width=80)
    with progress_on(terminal, enabled=False) as progress:
        assert progress is None
    with progress_on(terminal, enabled=True) as progress:
        assert isinstance(progress, RichProgress)
        progress.add_work("batch", 2)
        progress.add_work("batch", 1)
        progress.work_done("batch")
        assert progress.bars.tasks[0].total == 3
        assert progress.bars.tasks[0].completed == 1
