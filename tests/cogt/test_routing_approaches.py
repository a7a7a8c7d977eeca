"""Seed 000's three approaches, switched by `active` alone, against fake OpenAI-compatible servers.

- native (each model to its own provider, the kit's default): GPT calls reach the OpenAI endpoint with the
  OpenAI key; Claude needs the anthropic backend, disabled by default, so it cannot be used.
- gateway_first (one gateway key): every proxied model reaches the gateway endpoint with the gateway key and
  the gateway's model id (`anthropic/claude-sonnet-4.5`).
- hybrid (mix & match): GPT to OpenAI, Claude to the gateway.
"""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from pipelex import Pipelex
from pipelex.cogt.exceptions import LLMHandleNotFoundError
from pipelex.engine.config_location import kit_inference_dir
from tests.fakes.fake_openai import FakeOpenAIServer

PLX = Path(__file__).resolve().parent.parent / "data" / "inference" / "two_providers.plx"
OPENAI_KEY = "sk-openai-test-key"
GATEWAY_KEY = "sk-gateway-test-key"


@pytest.fixture
def servers(monkeypatch: pytest.MonkeyPatch) -> Iterator[tuple[FakeOpenAIServer, FakeOpenAIServer]]:
    with FakeOpenAIServer() as openai_server, FakeOpenAIServer() as gateway_server:
        monkeypatch.setenv("OPENAI_API_KEY", OPENAI_KEY)
        monkeypatch.setenv("OPENAI_BASE_URL", openai_server.base_url)
        monkeypatch.setenv("GATEWAY_API_KEY", GATEWAY_KEY)
        monkeypatch.setenv("GATEWAY_BASE_URL", gateway_server.base_url)
        yield openai_server, gateway_server


def project_with(tmp_path: Path, active: str) -> Path:
    """The kit with the gateway enabled, a preset naming Claude, and ``active`` switched."""
    inference = tmp_path / ".pipelex" / "inference"
    shutil.copytree(kit_inference_dir(), inference)
    backends = inference / "backends.toml"
    text = backends.read_text()
    gateway = text.index("[gateway]")
    backends.write_text(text[:gateway] + text[gateway:].replace("enabled = false", "enabled = true", 1))
    routing = inference / "routing_profiles.toml"
    routing.write_text(routing.read_text().replace('active = "native"', f'active = "{active}"'))
    (inference / "deck" / "overrides.toml").write_text(
        '[llm.presets]\nllm_for_claude = { model = "base-claude", temperature = 0.2 }\n'
    )
    return tmp_path


def run(project: Path, pipe: str) -> None:
    Pipelex.load(PLX, project_dir=project).run_sync(pipe, inputs={"topic": "tea"})


def test_native_sends_gpt_to_openai_and_claude_nowhere(
    servers: tuple[FakeOpenAIServer, FakeOpenAIServer], tmp_path: Path
) -> None:
    openai_server, gateway_server = servers
    project = project_with(tmp_path, "native")
    run(project, "ask_gpt")
    (request,) = openai_server.requests
    assert request.body["model"] == "gpt-4o-mini"
    assert request.headers["authorization"] == f"Bearer {OPENAI_KEY}"
    with pytest.raises(LLMHandleNotFoundError, match="routed to backend `anthropic`, which is disabled"):
        run(project, "ask_claude")
    assert gateway_server.requests == []


def test_gateway_first_sends_everything_through_the_gateway(
    servers: tuple[FakeOpenAIServer, FakeOpenAIServer], tmp_path: Path
) -> None:
    openai_server, gateway_server = servers
    project = project_with(tmp_path, "gateway_first")
    for pipe in ("ask_claude", "ask_gpt", "ask_smart"):
        run(project, pipe)
    assert openai_server.requests == []
    claude, gpt, smart = gateway_server.requests
    assert all(request.path == "/v1/chat/completions" for request in gateway_server.requests)
    assert all(request.headers["authorization"] == f"Bearer {GATEWAY_KEY}" for request in gateway_server.requests)
    assert (claude.body["model"], claude.body["temperature"]) == ("anthropic/claude-sonnet-4.5", 0.4)
    assert gpt.body["model"] == "openai/gpt-4o-mini"
    assert (smart.body["model"], smart.body["temperature"]) == ("anthropic/claude-sonnet-4.5", 0.2)


def test_hybrid_mixes_both(servers: tuple[FakeOpenAIServer, FakeOpenAIServer], tmp_path: Path) -> None:
    openai_server, gateway_server = servers
    project = project_with(tmp_path, "hybrid")
    run(project, "ask_claude")
    run(project, "ask_gpt")
    assert [request.body["model"] for request in openai_server.requests] == ["gpt-4o-mini"]
    assert [request.body["model"] for request in gateway_server.requests] == ["anthropic/claude-sonnet-4.5"]
    assert openai_server.requests[0].headers["authorization"] == f"Bearer {OPENAI_KEY}"
    assert gateway_server.requests[0].headers["authorization"] == f"Bearer {GATEWAY_KEY}"


def pipelex_cli(project: Path, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "pipelex", *args], capture_output=True, text=True, timeout=60, cwd=project
    )


@pytest.mark.parametrize(
    ("active", "name", "expected"),
    [
        (
            "gateway_first",
            "claude-4.5-sonnet",
            {
                "requested": "claude-4.5-sonnet",
                "model": "claude-4.5-sonnet",
                "backend": "gateway",
                "rule": "default",
                "sdk": "openai",
                "model_id": "anthropic/claude-sonnet-4.5",
                "settings": {},
            },
        ),
        (
            "native",
            "$cheap_llm_for_text",
            {
                "requested": "$cheap_llm_for_text",
                "model": "gpt-4o-mini",
                "backend": "openai",
                "rule": "gpt-*",
                "sdk": "openai",
                "model_id": "gpt-4o-mini",
                "settings": {"temperature": 0.5},
            },
        ),
        (
            "hybrid",
            "llm_for_claude",
            {
                "requested": "llm_for_claude",
                "model": "claude-4.5-sonnet",
                "backend": "gateway",
                "rule": "default",
                "sdk": "openai",
                "model_id": "anthropic/claude-sonnet-4.5",
                "settings": {"temperature": 0.2},
            },
        ),
    ],
)
def test_show_routing_json_explains_the_decision(
    tmp_path: Path, active: str, name: str, expected: dict[str, object]
) -> None:
    project = project_with(tmp_path, active)
    result = pipelex_cli(project, "show", "routing", name, "--format", "json")
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout) == expected
