"""The quality bar, enforced where CI runs: ruff (lint and format) on the code, mypy --strict on the package."""

from __future__ import annotations

import shutil
import subprocess
import sys

import pytest

from tests.conftest import REPO_ROOT


def _run(*command: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(command, capture_output=True, text=True, timeout=600, cwd=REPO_ROOT)


@pytest.mark.skipif(shutil.which("ruff") is None, reason="ruff is not installed (pip install -e '.[dev]')")
def test_ruff_lint_and_format() -> None:
    lint = _run("ruff", "check", "pipelex", "tests", "bench")
    assert lint.returncode == 0, lint.stdout
    formatted = _run("ruff", "format", "--check", "pipelex", "tests")
    assert formatted.returncode == 0, formatted.stdout


@pytest.mark.slow
def test_mypy_strict() -> None:
    pytest.importorskip("mypy")
    result = _run(sys.executable, "-m", "mypy", "pipelex")
    assert result.returncode == 0, result.stdout
