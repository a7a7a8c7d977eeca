"""An out-of-tree plugin discovered through a real `pipelex.plugins` entry point, in a fresh process.

tests/data/plugins/site holds the plugin module and its dist-info (entry points: `echo`, a zero-argument
factory `ghost` whose SDK is missing, and `broken`, which cannot load). Putting that folder on PYTHONPATH
is all importlib.metadata needs to discover it, as if it were pip-installed.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from pipelex.engine.inference_setup import kit_inference_dir
from tests.conftest import REPO_ROOT

SITE = REPO_ROOT / "tests" / "data" / "plugins" / "site"

PLX = """
domain = "echoes"

[pipe.hello]
type = "PipeLLM"
description = "Say hello through a plugin"
output = "Text"
model = "{model}"
prompt = "Say hi"
"""


@pytest.fixture
def project(tmp_path: Path) -> Path:
    config = tmp_path / ".pipelex" / "inference"
    shutil.copytree(kit_inference_dir(), config)
    with (config / "backends.toml").open("a") as backends:
        backends.write('\n[plugin_lab]\nenabled = true\napi_key = "not-needed"\n')
    (config / "backends" / "plugin_lab.toml").write_text(
        '[echo-1]\nmodel_id = "echo-1"\nsdk = "echo"\n\n[ghost-1]\nmodel_id = "ghost-1"\nsdk = "ghost"\n'
    )
    routing = config / "routing_profiles.toml"
    routing.write_text(
        routing.read_text().replace(
            "[profiles.native.routes]\n",
            "[profiles.native.routes]\n" + '"echo-*" = "plugin_lab"\n"ghost-*" = "plugin_lab"\n',
            1,
        )
    )
    (tmp_path / ".pipelex" / "pipelex.toml").write_text('[plugins]\ndisabled = ["broken"]\n')
    for model in ("echo-1", "ghost-1"):
        (tmp_path / f"{model}.plx").write_text(PLX.format(model=model))
    return tmp_path


def pipelex(project: Path, *args: str) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "PYTHONPATH": os.pathsep.join([str(SITE), str(REPO_ROOT)])}
    return subprocess.run(
        [sys.executable, "-m", "pipelex", *args], capture_output=True, text=True, timeout=60, cwd=project, env=env
    )


def test_plugin_is_listed_and_serves_its_models(project: Path) -> None:
    listed = pipelex(project, "plugins", "list")
    assert listed.returncode == 0, listed.stderr
    lines = {line.split()[0]: line for line in listed.stdout.splitlines()}
    assert "enabled" in lines["echo"]
    assert "llm:echo" in lines["echo"]
    assert "disabled" in lines["broken"]
    run = pipelex(project, "run", "echo-1.plx", "-o", "out")
    assert run.returncode == 0, run.stderr
    assert run.stdout.strip() == "echo: Say hi"


def test_missing_sdk_names_package_and_extra(project: Path) -> None:
    run = pipelex(project, "run", "ghost-1.plx", "-o", "out")
    assert run.returncode == 1
    assert "`ghost_sdk_not_installed` is not installed: pip install 'pipelex[ghost]'" in run.stderr
    assert "Traceback" not in run.stderr


def test_disabled_plugin_asks_whether_it_is_installed_and_enabled(project: Path) -> None:
    (project / ".pipelex" / "pipelex.toml").write_text('[plugins]\ndisabled = ["broken", "echo"]\n')
    run = pipelex(project, "run", "echo-1.plx", "-o", "out")
    assert run.returncode == 1
    assert "Is its plugin installed and enabled?" in run.stderr


def test_broken_plugin_fails_loud_and_says_how_to_recover(project: Path) -> None:
    (project / ".pipelex" / "pipelex.toml").write_text("[plugins]\ndisabled = []\n")
    run = pipelex(project, "plugins", "list")
    assert run.returncode == 1
    assert "`broken`" in run.stderr
    assert "[plugins] disabled" in run.stderr
    assert "Traceback" not in run.stderr


def test_core_plugin_cannot_be_disabled(project: Path) -> None:
    (project / ".pipelex" / "pipelex.toml").write_text('[plugins]\ndisabled = ["broken", "openai"]\n')
    run = pipelex(project, "validate", "echo-1.plx")
    assert run.returncode == 1
    assert "part of core and cannot be disabled" in run.stderr + run.stdout
