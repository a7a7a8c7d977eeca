"""`pipelex graph`, and what `pipelex run` prints and saves: inputs inline or from files, results after saving."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from tests.conftest import EXAMPLES_DIR, REPO_ROOT

TOUR = REPO_ROOT / "tests" / "data" / "graph" / "tour.plx"
VALID = REPO_ROOT / "tests" / "data" / "plx" / "valid"


def pipelex(*args: str, cwd: Path | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "pipelex", *args], capture_output=True, text=True, timeout=60, cwd=cwd)


def test_graph_prints_mermaid() -> None:
    result = pipelex("graph", str(EXAMPLES_DIR / "invoice_summary"))
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith("flowchart TD\n")
    assert 'subgraph c1["summarise_invoices (PipeSequence)"]' in result.stdout


def test_graph_writes_html_for_an_html_path(tmp_path: Path) -> None:
    target = tmp_path / "tour.html"
    result = pipelex("graph", str(TOUR), "--pipe", "both", "-o", str(target))
    assert result.returncode == 0, result.stderr
    page = target.read_text(encoding="utf-8")
    assert "<svg " in page
    assert "both (PipeParallel)" in page
    assert "<script" not in page
    assert not list(tmp_path.glob(".*partial"))


def test_graph_of_a_directory_draws_every_root_pipe() -> None:
    result = pipelex("graph", str(VALID / "batching.plx"), "--format", "mermaid")
    assert result.returncode == 0, result.stderr
    assert "rate_all (PipeBatch)" in result.stdout
    assert "rate_and_summarize (PipeSequence)" in result.stdout


def test_graph_errors_are_one_line() -> None:
    result = pipelex("graph", str(EXAMPLES_DIR / "hello_world"), "--pipe", "write_haikus")
    assert result.returncode == 1
    assert result.stderr.strip() == "error: no pipe `write_haikus` in " + str(EXAMPLES_DIR / "hello_world") + (
        " (did you mean `write_haiku`?)"
    )
    broken = pipelex("graph", str(REPO_ROOT / "tests" / "data" / "plx" / "invalid" / "condition_outcomes.plx"))
    assert broken.returncode == 1
    assert "fix the errors above" in broken.stderr
    assert "Traceback" not in broken.stderr


def test_run_saves_everything_and_prints_after_saving(tmp_path: Path) -> None:
    out = tmp_path / "out"
    result = pipelex(
        "run", str(VALID / "describe_then_draw.plx"), "--dry-run", "-i", '{"topic": "tea"}', "-o", str(out)
    )
    assert result.returncode == 0, result.stderr
    saved = sorted(str(path.relative_to(out)) for path in out.rglob("*") if path.is_file())
    assert saved == [
        "graph.html",
        "graph.mmd",
        "main_result.json",
        "main_result.md",
        "media/illustrate-1.png",
        "media/illustrate-2.png",
        "run_report.json",
        "working_memory.json",
    ]
    assert "data:image" not in result.stdout
    assert f"image {out / 'media' / 'illustrate-1.png'}" in result.stdout
    assert f"image {out / 'media' / 'illustrate-2.png'}" in result.stdout


def test_run_json_format_prints_the_saved_result(tmp_path: Path) -> None:
    out = tmp_path / "out"
    result = pipelex(
        "run", str(VALID / "describe_then_draw.plx"), "--dry-run", "--format", "json", "-o", str(out), "--no-graph"
    )
    assert result.returncode == 0, result.stderr
    printed = json.loads(result.stdout)
    assert printed["concept"] == "native.Image[]"
    assert printed["content"][0]["url"] == str(out / "media" / "illustrate-1.png")
    assert not (out / "graph.mmd").exists()


def test_structured_results_print_as_a_table(tmp_path: Path) -> None:
    result = pipelex(
        "run",
        str(EXAMPLES_DIR / "invoice_summary"),
        "--pipe",
        "extract_invoices",
        "--dry-run",
        "-i",
        '{"invoices": ["Invoice 1 from ACME, 10 EUR"]}',
        "-o",
        str(tmp_path / "out"),
    )
    assert result.returncode == 0, result.stderr
    for column in ("vendor", "invoice_number", "total_amount", "currency"):
        assert column in result.stdout
    assert "invoices.Invoice[]" in result.stdout.splitlines()[0]
    assert "┃" in result.stdout


def test_inline_and_file_inputs(tmp_path: Path) -> None:
    toml_inputs = tmp_path / "inputs.toml"
    toml_inputs.write_text('topic = "tea"\n', encoding="utf-8")
    for given in ('{"topic": "tea"}', str(toml_inputs), str(EXAMPLES_DIR / "hello_world" / "inputs.json")):
        result = pipelex("run", str(EXAMPLES_DIR / "hello_world"), "--dry-run", "-i", given, "-o", str(tmp_path / "o"))
        assert result.returncode == 0, (given, result.stderr)
        assert "mocked inputs" not in result.stderr


def test_input_problems_are_listed_at_once_before_any_call(tmp_path: Path) -> None:
    result = pipelex("run", str(TOUR), "-i", '{"ticket": "a bug", "review": []}', "-o", str(tmp_path / "o"))
    assert result.returncode == 1
    assert result.stderr.splitlines() == [
        "error: the inputs of `handle` do not fit:",
        "  - `review` is not an input of `handle` (did you mean `reviews`?)",
        "  - input `ticket`: `Ticket` is an object with fields category, body (got a string)",
        "  - missing input `reviews` (tour.Review[])",
    ]
    assert not (tmp_path / "o").exists()


def test_inline_json_errors_name_the_column() -> None:
    result = pipelex("run", str(EXAMPLES_DIR / "hello_world"), "-i", '{"topic": }')
    assert result.returncode == 1
    assert result.stderr.strip() == "error: --inputs:1:11: invalid JSON: Expecting value"
