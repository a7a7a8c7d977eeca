"""Booting (loading config, plugins and a library) imports no provider SDK; a dry run neither."""

from __future__ import annotations

import subprocess
import sys

from tests.conftest import EXAMPLES_DIR

SDKS = ("openai", "anthropic", "mistralai", "pypdfium2", "docling", "httpx2")

SCRIPT = f"""
import sys
from pipelex import Pipelex
px = Pipelex.load({str(EXAMPLES_DIR)!r})
px.run_sync("write_haiku", inputs={{"topic": "tea"}}, dry_run=True)
loaded = sorted(name for name in sys.modules if name.split(".")[0] in {SDKS!r})
print(",".join(loaded))
"""


def test_boot_and_dry_run_import_no_provider_sdk() -> None:
    result = subprocess.run([sys.executable, "-c", SCRIPT], capture_output=True, text=True, timeout=60)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == ""


def test_version_imports_almost_nothing() -> None:
    script = "import sys, pipelex.cli.app; print(','.join(n for n in ('pydantic','lark','jinja2') if n in sys.modules))"
    result = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, timeout=60)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == ""
