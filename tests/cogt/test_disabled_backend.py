"""A pipe naming a model whose backend is disabled: accepted by static checks, refused when run (dry or live)
with the real reason."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from pipelex import Pipelex
from pipelex.cogt.exceptions import LLMHandleNotFoundError
from pipelex.engine.inference_setup import kit_inference_dir
from tests.conftest import EXAMPLES_DIR
from tests.fakes.fake_openai import FakeOpenAIServer

REASON = "it is routed to backend `openai`, which is disabled in backends.toml"
HELLO = EXAMPLES_DIR / "hello_world"
TWEET = EXAMPLES_DIR / "tweet_optimizer"


@pytest.fixture
def project(tmp_path: Path) -> Path:
    config = tmp_path / ".pipelex" / "inference"
    shutil.copytree(kit_inference_dir(), config)
    backends = config / "backends.toml"
    backends.write_text(backends.read_text().replace("enabled = true", "enabled = false"))
    return tmp_path


@pytest.mark.parametrize("dry_run", [True, False])
def test_run_says_the_backend_is_disabled(project: Path, monkeypatch: pytest.MonkeyPatch, dry_run: bool) -> None:
    with FakeOpenAIServer() as server:
        monkeypatch.setenv("OPENAI_API_KEY", "sk-test")
        monkeypatch.setenv("OPENAI_BASE_URL", server.base_url)
        px = Pipelex.load(HELLO, project_dir=project)
        with pytest.raises(LLMHandleNotFoundError) as caught:
            px.run_sync(inputs={"topic": "tea"}, dry_run=dry_run)
        assert str(caught.value) == f"model `gpt-4o-mini` cannot be used: {REASON}"
        assert server.requests == []


@pytest.mark.parametrize("dry_run", [True, False])
def test_a_chain_of_unavailable_models(project: Path, tmp_path: Path, dry_run: bool) -> None:
    plx = tmp_path / "reason.plx"
    plx.write_text(
        (HELLO / "hello_world.plx").read_text().replace('{ model = "gpt-4o-mini", temperature = 0.9 }', '"~smart_llm"')
    )
    px = Pipelex.load(plx, project_dir=project)
    with pytest.raises(LLMHandleNotFoundError, match="model `~smart_llm` cannot be used: none of its models") as caught:
        px.run_sync(inputs={"topic": "tea"}, dry_run=dry_run)
    assert f"`gpt-4.1`: {REASON}" in str(caught.value)


def test_default_choice_of_a_structured_pipe(project: Path) -> None:
    px = Pipelex.load(TWEET, project_dir=project)
    with pytest.raises(
        LLMHandleNotFoundError, match=f"model `cheap_llm_for_object` cannot be used: `gpt-4o-mini`: {REASON}"
    ):
        px.run_sync("review_tweet", inputs={"draft": "hello"}, dry_run=True)


def run_cli(project: Path, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "pipelex", *args], capture_output=True, text=True, timeout=60, cwd=project
    )


def test_cli_validate_accepts_and_run_explains(project: Path) -> None:
    validated = run_cli(project, "validate", str(HELLO))
    assert validated.returncode == 0, validated.stdout + validated.stderr
    assert "PLX0205" not in validated.stdout
    for extra in (["--dry-run"], []):
        ran = run_cli(project, "run", str(HELLO / "hello_world.plx"), "-i", str(HELLO / "inputs.json"), *extra)
        assert ran.returncode == 1, ran.stderr
        assert ran.stderr.strip() == f"error: model `gpt-4o-mini` cannot be used: {REASON}"
