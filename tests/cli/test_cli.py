"""The `pipelex` command as a user runs it: exit codes, output forms, and no traceback for user mistakes."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from pipelex import __version__
from tests.conftest import EXAMPLES_DIR, REPO_ROOT

INVALID = REPO_ROOT / "tests" / "data" / "plx" / "invalid"


def pipelex(*args: str, cwd: Path | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "pipelex", *args], capture_output=True, text=True, timeout=60, cwd=cwd)


def assert_no_traceback(result: subprocess.CompletedProcess[str]) -> None:
    assert "Traceback" not in result.stdout + result.stderr


def test_version() -> None:
    result = pipelex("--version")
    assert result.returncode == 0
    assert result.stdout.strip() == f"pipelex {__version__}"


def test_help_lists_commands() -> None:
    result = pipelex("--help")
    assert result.returncode == 0
    assert "validate" in result.stdout
    assert "run" in result.stdout


def test_validate_examples_ok() -> None:
    result = pipelex("validate", str(EXAMPLES_DIR))
    assert result.returncode == 0, result.stdout
    assert "ok: no problems in 3 files" in result.stdout


def test_validate_full_form_shows_source_and_caret() -> None:
    result = pipelex("validate", "unresolved_concept.plx", cwd=INVALID)
    assert result.returncode == 1
    assert_no_traceback(result)
    expected = """\
error[PLX0201]: unknown concept `Invoice` in input `invoice` of pipe `summarize`
 --> unresolved_concept.plx:9:22
  |
9 | inputs = { invoice = "Invoice" }
  |                      ^^^^^^^^^ not declared in domain `finance` nor native
  |
help: declare it under [concept], or did you mean `Invoices`?
"""
    assert result.stdout.startswith(expected)
    assert result.stdout.rstrip().endswith("2 errors in 1 file")


def test_validate_json_form() -> None:
    result = pipelex("validate", "many_errors.plx", "--format", "json", cwd=INVALID)
    assert result.returncode == 1
    payload = json.loads(result.stdout)
    assert payload["ok"] is False
    kinds = [item["kind"] for item in payload["diagnostics"]]
    assert kinds == [
        "unresolved_concept",
        "unresolved_concept",
        "missing_input_variable",
        "unknown_pipe_type",
        "unresolved_pipe_dependency",
    ]
    first = payload["diagnostics"][0]
    assert set(first) == {
        "code",
        "kind",
        "severity",
        "message",
        "file",
        "line",
        "column",
        "end_line",
        "end_column",
        "label",
        "help",
    }
    assert (first["file"], first["line"], first["column"], first["end_line"], first["end_column"]) == (
        "many_errors.plx",
        10,
        20,
        10,
        27,
    )


def test_validate_directory_reports_all_files_in_one_run() -> None:
    result = pipelex("validate", str(INVALID), "-f", "concise")
    assert result.returncode == 1
    files = {line.split(":", 1)[0] for line in result.stdout.splitlines() if "error[" in line or "warning[" in line}
    assert {str(path) for path in INVALID.glob("*.plx")} <= files


def test_validate_missing_path() -> None:
    result = pipelex("validate", "nowhere.plx")
    assert result.returncode == 1
    assert "`nowhere.plx`: no such file or directory" in result.stdout


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["run", "nowhere.plx"], "no such file or directory"),
        (
            ["run", str(EXAMPLES_DIR / "hello_world" / "hello_world.plx"), "-i", "missing.json"],
            "inputs file `missing.json` not found",
        ),
        (
            ["run", str(EXAMPLES_DIR / "hello_world" / "hello_world.plx"), "--pipe", "write_haiku_"],
            "did you mean `write_haiku`?",
        ),
        (["run", str(EXAMPLES_DIR / "hello_world" / "hello_world.plx")], "missing input `topic`"),
        (["run", str(INVALID / "unknown_model.plx"), "--dry-run"], "unknown model `gpt-4o-mni`"),
    ],
)
def test_run_user_mistakes_exit_1_with_a_message(args: list[str], message: str) -> None:
    result = pipelex(*args)
    assert result.returncode == 1, result.stdout + result.stderr
    assert message in result.stderr + result.stdout
    assert_no_traceback(result)


def test_run_bad_inputs_json_is_located(tmp_path: Path) -> None:
    inputs = tmp_path / "inputs.json"
    inputs.write_text('{\n  "topic": \n}\n')
    result = pipelex("run", str(EXAMPLES_DIR / "hello_world" / "hello_world.plx"), "-i", str(inputs), "--dry-run")
    assert result.returncode == 1
    assert f"{inputs}:3:1: invalid JSON" in result.stderr
    assert_no_traceback(result)


def test_run_json_format_and_default_output_dir(tmp_path: Path) -> None:
    plx = EXAMPLES_DIR / "tweet_optimizer" / "tweet_optimizer.plx"
    (tmp_path / "draft.json").write_text('{"draft": "We shipped it."}')
    result = pipelex(
        "run", str(plx), "--pipe", "review_tweet", "-i", "draft.json", "--dry-run", "-f", "json", cwd=tmp_path
    )
    assert result.returncode == 0, result.stderr
    payload = json.loads(result.stdout)
    assert payload["concept"] == "tweet_optimizer.TweetReview"
    runs = list((tmp_path / "results").iterdir())
    assert len(runs) == 1
    assert runs[0].name.startswith("review_tweet-")


def test_run_never_leaves_a_partial_output(tmp_path: Path) -> None:
    example = EXAMPLES_DIR / "hello_world"
    result = pipelex(
        "run", str(example / "hello_world.plx"), "-i", str(example / "inputs.json"), "-o", str(tmp_path / "out")
    )
    assert result.returncode == 1
    assert "OPENAI_API_KEY" in result.stderr
    assert list(tmp_path.iterdir()) == []


@pytest.mark.parametrize("layout", ["file", "clash", "under_file"])
def test_unusable_output_dir_fails_before_the_run(tmp_path: Path, layout: str) -> None:
    example = EXAMPLES_DIR / "hello_world"
    if layout == "file":
        (tmp_path / "out").write_text("not a folder")
        target = tmp_path / "out"
    elif layout == "clash":
        (tmp_path / "out" / "main_result.md").mkdir(parents=True)
        target = tmp_path / "out"
    else:
        (tmp_path / "afile").write_text("x")
        target = tmp_path / "afile" / "sub"
    before = sorted(path.name for path in tmp_path.rglob("*"))
    result = pipelex(
        "run", str(example / "hello_world.plx"), "-i", str(example / "inputs.json"), "--dry-run", "-o", str(target)
    )
    assert result.returncode == 1, result.stderr
    assert "cannot save results to" in result.stderr
    assert result.stdout == ""
    assert_no_traceback(result)
    assert sorted(path.name for path in tmp_path.rglob("*")) == before


@pytest.mark.parametrize(
    ("content", "message"),
    [
        ('{"topic": "a", "topic": "b"}', "the key `topic` appears twice"),
        ("[" * 100000, "nested too deeply"),
        ('"just a string"', "must be an object"),
    ],
)
def test_inputs_file_problems(tmp_path: Path, content: str, message: str) -> None:
    inputs = tmp_path / "inputs.json"
    inputs.write_text(content)
    result = pipelex("run", str(EXAMPLES_DIR / "hello_world" / "hello_world.plx"), "-i", str(inputs), "--dry-run")
    assert result.returncode == 1
    assert message in result.stderr
    assert_no_traceback(result)


def test_inputs_file_with_bom(tmp_path: Path) -> None:
    inputs = tmp_path / "inputs.json"
    inputs.write_bytes(b'\xef\xbb\xbf{"topic": "tea"}')
    result = pipelex(
        "run",
        str(EXAMPLES_DIR / "hello_world" / "hello_world.plx"),
        "-i",
        str(inputs),
        "--dry-run",
        "-o",
        str(tmp_path / "o"),
    )
    assert result.returncode == 0, result.stderr
