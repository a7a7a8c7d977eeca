"""`pipelex show backends | models [BACKEND] | routing NAME`."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from tests.fakes.fake_openai import FakeOpenAIServer

KEY = "sk-show-never-print-me"


def pipelex(cwd: Path, *args: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "pipelex", *args],
        capture_output=True,
        text=True,
        timeout=60,
        cwd=cwd,
        env={**os.environ, **(env or {})},
    )


def test_show_backends_says_state_key_and_plugin_never_the_key(tmp_path: Path) -> None:
    result = pipelex(tmp_path, "show", "backends", env={"OPENAI_API_KEY": KEY})
    assert result.returncode == 0, result.stderr
    lines = {line.split()[0]: line for line in result.stdout.splitlines()[1:]}
    assert set(lines) == {
        "internal",
        "openai",
        "azure_openai",
        "anthropic",
        "mistral",
        "docling",
        "google",
        "gateway",
        "fal",
    }
    assert lines["openai"].split()[1:3] == ["enabled", "14"]
    assert " set " in lines["openai"]
    assert "disabled" in lines["anthropic"]
    assert "anthropic (no plugin)" not in lines["anthropic"]
    assert "fal (no plugin)" in lines["fal"]
    assert "missing: ANTHROPIC_API_KEY" in lines["anthropic"]
    assert "none needed" in lines["internal"]
    assert KEY not in result.stdout


def test_show_models_of_one_backend(tmp_path: Path) -> None:
    result = pipelex(tmp_path, "show", "models", "anthropic")
    assert result.returncode == 0, result.stderr
    rows = result.stdout.splitlines()[1:]
    assert [row.split()[0] for row in rows] == [
        "claude-4-sonnet",
        "claude-4.5-sonnet",
        "claude-4.5-haiku",
        "claude-4.1-opus",
    ]
    assert "claude-sonnet-4-5-20250929" in rows[1]
    assert "input 3, output 15" in rows[1]
    assert "unavailable: it is routed to backend `anthropic`, which is disabled" in rows[1]


def test_show_models_lists_every_backend(tmp_path: Path) -> None:
    result = pipelex(tmp_path, "show", "models")
    assert result.returncode == 0, result.stderr
    assert "gpt-4o-mini              openai" in result.stdout
    assert "served (rule gpt-*)" in result.stdout
    assert "mistral-ocr" in result.stdout
    assert "per_page 0.001" in result.stdout


def test_show_models_of_an_unknown_backend(tmp_path: Path) -> None:
    result = pipelex(tmp_path, "show", "models", "opnai")
    assert result.returncode == 1
    assert "no backend `opnai` in backends.toml" in result.stderr


def test_show_models_live_uses_the_lister(tmp_path: Path) -> None:
    with FakeOpenAIServer() as server:
        server.model_ids = ["gpt-4o", "o3"]
        result = pipelex(
            tmp_path,
            "show",
            "models",
            "openai",
            env={"OPENAI_API_KEY": KEY, "OPENAI_BASE_URL": server.base_url},
        )
    assert result.returncode == 0, result.stderr
    assert result.stdout.splitlines()[1:] == ["  gpt-4o", "  o3"]


def test_show_models_of_a_backend_without_key_lists_its_configuration(tmp_path: Path) -> None:
    result = pipelex(tmp_path, "show", "models", "openai")
    assert result.returncode == 0, result.stderr
    assert "not asking `openai` live: OPENAI_API_KEY is not set" in result.stderr
    assert "gpt-4o-mini" in result.stdout


def test_show_models_live_without_key(tmp_path: Path) -> None:
    result = pipelex(tmp_path, "show", "models", "openai", "--live")
    assert result.returncode == 1
    assert result.stderr.strip() == "error: backend `openai` needs an API key to list its models: set OPENAI_API_KEY"


def test_show_routing_text(tmp_path: Path) -> None:
    result = pipelex(tmp_path, "show", "routing", "llm_to_reason")
    assert result.returncode == 0, result.stderr
    assert result.stdout.splitlines() == [
        "requested  llm_to_reason",
        "model      gpt-5",
        "backend    openai",
        "rule       gpt-* (profile `native`)",
        "sdk        openai",
        "model_id   gpt-5",
        "settings   temperature = 1.0",
        "fallbacks  gpt-4.1, gpt-4o",
        "status     usable",
    ]


def test_show_routing_of_an_unusable_model_says_why(tmp_path: Path) -> None:
    result = pipelex(tmp_path, "show", "routing", "gen_image_flux")
    assert result.returncode == 0, result.stderr
    assert "backend    fal" in result.stdout
    assert "model_id   fal-ai/flux/dev" in result.stdout
    assert (
        "status     cannot be used: it is routed to backend `fal`, which is disabled in backends.toml" in result.stdout
    )


def test_show_routing_of_an_unknown_name(tmp_path: Path) -> None:
    result = pipelex(tmp_path, "show", "routing", "cheap_llm_for_txt")
    assert result.returncode == 1
    assert "did you mean `cheap_llm_for_text`" in result.stderr
