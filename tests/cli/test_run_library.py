"""`pipelex run PIPE_CODE -L DIR` and `pipelex run FILE -L DIR`: pipes found across a library of files."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

from tests.cli.test_cli import assert_no_traceback, pipelex
from tests.conftest import EXAMPLES_DIR

CALLER = """domain = "launch"
description = "Calls a pipe of another file of the library"
main_pipe = "launch_tweet"

[pipe.launch_tweet]
type = "PipeSequence"
description = "Optimize a tweet, then add a hashtag"
inputs = { draft = "Text", style = "Text" }
output = "Text"
steps = [
    { pipe = "optimize_tweet", result = "tweet" },
    { pipe = "add_hashtag", result = "final" },
]

[pipe.add_hashtag]
type = "PipeCompose"
description = "Add a hashtag"
inputs = { tweet = "Text" }
output = "Text"
template = "$tweet #launch"
"""


def _library(tmp_path: Path) -> Path:
    library = tmp_path / "lib"
    library.mkdir()
    shutil.copy(EXAMPLES_DIR / "tweet_optimizer" / "tweet_optimizer.plx", library)
    return library


def test_run_a_pipe_code_from_library_dirs(tmp_path: Path) -> None:
    library = _library(tmp_path)
    result = pipelex("run", "review_tweet", "-L", str(library), "--dry-run", "-f", "json", "-o", "out", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout)["concept"].endswith("TweetReview")
    # without -L, the current directory is the library
    result = pipelex("run", "optimize_tweet", "--dry-run", "-o", "out2", cwd=tmp_path)
    assert result.returncode == 0, result.stderr


def test_a_file_runs_with_pipes_from_the_library(tmp_path: Path) -> None:
    library = _library(tmp_path)
    caller = tmp_path / "launch.plx"
    caller.write_text(CALLER, encoding="utf-8")
    alone = pipelex("validate", str(caller))
    assert alone.returncode == 1
    assert "optimize_tweet" in alone.stdout
    result = pipelex("run", str(caller), "-L", str(library), "--dry-run", "-o", "out", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert result.stdout.rstrip().endswith("#launch")


def test_an_unknown_pipe_code_is_named_with_a_suggestion(tmp_path: Path) -> None:
    library = _library(tmp_path)
    result = pipelex("run", "optimise_tweet", "-L", str(library), "--dry-run", cwd=tmp_path)
    assert result.returncode == 1
    assert "no pipe `optimise_tweet`" in result.stderr
    assert "did you mean `optimize_tweet`" in result.stderr
    assert_no_traceback(result)
    missing = pipelex("run", "nothing_here.plx", "--dry-run", cwd=tmp_path)
    assert missing.returncode == 1
    assert "no such file or directory" in missing.stderr
