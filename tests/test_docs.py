"""The docs list every diagnostic code, and the README's commands are the ones .ci/run uses."""

from __future__ import annotations

from pipelex.language.diagnostics import CATALOG
from tests.conftest import REPO_ROOT


def test_every_diagnostic_code_is_documented() -> None:
    page = (REPO_ROOT / "docs" / "diagnostics.md").read_text(encoding="utf-8")
    for kind in CATALOG:
        assert f"| {kind.code} | {kind.name} |" in page, kind


def test_ci_runs_the_readme_test_command() -> None:
    readme = (REPO_ROOT / "README.md").read_text(encoding="utf-8")
    ci = (REPO_ROOT / ".ci" / "run").read_text(encoding="utf-8")
    command = next(line for line in ci.splitlines() if "pytest" in line)
    assert command in readme
