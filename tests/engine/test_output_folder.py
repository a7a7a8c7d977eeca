"""The output folder: a second run into it leaves none of the first run's results; modes follow the umask."""

from __future__ import annotations

import os
import stat
from pathlib import Path

from pipelex import Pipelex
from pipelex.engine.output_writer import save_output
from tests.conftest import EXAMPLES_DIR


def test_a_second_run_replaces_the_first_runs_results(tmp_path: Path) -> None:
    target = tmp_path / "out"
    tweet = Pipelex.load(EXAMPLES_DIR / "tweet_optimizer").run_sync(dry_run=True)
    save_output(tweet, target)
    assert (target / "graph.html").exists()
    (target / "notes.txt").write_text("mine")
    hello = Pipelex.load(EXAMPLES_DIR / "hello_world").run_sync(dry_run=True)
    save_output(hello, target, graph=False)
    names = sorted(path.name for path in target.iterdir())
    assert names == ["main_result.json", "main_result.md", "notes.txt", "run_report.json", "working_memory.json"]


def test_results_get_the_modes_of_the_umask(tmp_path: Path) -> None:
    previous = os.umask(0o022)
    try:
        output = Pipelex.load(EXAMPLES_DIR / "hello_world").run_sync(dry_run=True)
        target = save_output(output, tmp_path / "out")
    finally:
        os.umask(previous)
    assert stat.S_IMODE(target.stat().st_mode) == 0o755
    assert stat.S_IMODE((target / "main_result.json").stat().st_mode) == 0o644
