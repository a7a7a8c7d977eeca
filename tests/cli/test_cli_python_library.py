"""`pipelex run` and `pipelex validate` on a library with Python modules, as a user runs them."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

from tests.cli.test_cli import assert_no_traceback, pipelex
from tests.conftest import REPO_ROOT

DATA = REPO_ROOT / "tests" / "data" / "plx"


def test_run_dry_a_library_with_python_modules(tmp_path: Path) -> None:
    library = shutil.copytree(DATA / "python_library", tmp_path / "billing")
    result = pipelex(
        "run", "billing/billing.plx", "--dry-run", "--inputs", "billing/inputs.json", "-o", "out", cwd=tmp_path
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "INVOICE FROM ACME CORP: 120.5 (2 LINES)!"
    saved = json.loads((tmp_path / "out" / "working_memory.json").read_text(encoding="utf-8"))
    assert saved["stuffs"]["facts"]["content"]["lines"] == ["widgets", "bolts"]
    assert (library / "billing.plx").exists()


def test_run_a_structured_function_output_as_json(tmp_path: Path) -> None:
    shutil.copytree(DATA / "python_library", tmp_path / "billing")
    facts = tmp_path / "facts.json"
    facts.write_text(json.dumps({"facts": {"vendor": "ACME", "total": 2, "lines": ["a", "b"]}}), encoding="utf-8")
    result = pipelex(
        "run",
        "billing",
        "--pipe",
        "count_lines",
        "--dry-run",
        "-i",
        "facts.json",
        "-f",
        "json",
        "-o",
        "o",
        cwd=tmp_path,
    )
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout) == {"concept": "billing.LineCount", "content": {"vendor": "ACME", "count": 2}}


def test_validate_reports_a_broken_module_without_a_traceback() -> None:
    result = pipelex("validate", "broken_module", "-f", "concise", cwd=DATA)
    assert result.returncode == 1
    assert_no_traceback(result)
    assert (
        "broken_module/report_models.py:12:1: error[PLX0113] the Python module `broken_module/report_models.py` "
        "failed to import: KeyError: 'width'" in result.stdout
    )
