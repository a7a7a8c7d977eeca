"""Azure OpenAI and any OpenAI-compatible endpoint (a local Ollama/vLLM server), through the openai plugin's
workers, against the fake OpenAI server, in projects written by `pipelex init`."""

from __future__ import annotations

import json
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from pipelex import Pipelex
from pipelex.cogt.exceptions import MissingCredentialsError, ProviderError
from tests.conftest import EXAMPLES_DIR
from tests.fakes.fake_openai import FakeOpenAIServer

AZURE_KEY = "azure-key-0123456789-never-print-me"
API_VERSION = "2024-10-21"


def pipelex_cli(*args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "pipelex", *args], capture_output=True, text=True, timeout=60, cwd=cwd)


def inference_file(project: Path, name: str) -> Path:
    return project / ".pipelex" / "inference" / name


def enable(project: Path, backend: str, lines: str = "") -> None:
    """Set ``enabled = true`` (and add ``lines``) in the ``backend`` table of backends.toml."""
    path = inference_file(project, "backends.toml")
    text = path.read_text()
    start = text.index(f"[{backend}]")
    path.write_text(text[:start] + text[start:].replace("enabled = false", f"enabled = true\n{lines}".rstrip(), 1))


@pytest.fixture(scope="module")
def initialized(tmp_path_factory: pytest.TempPathFactory) -> Path:
    project = tmp_path_factory.mktemp("azure_project")
    result = pipelex_cli("init", cwd=project)
    assert result.returncode == 0, result.stderr
    return project


@pytest.fixture
def server() -> Iterator[FakeOpenAIServer]:
    with FakeOpenAIServer() as fake:
        yield fake


@pytest.fixture
def azure_project(initialized: Path, server: FakeOpenAIServer, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """The init'd project, `[azure_openai]` enabled with the fake's endpoint; GPT models routed to it."""
    project = tmp_path / "project"
    for path in (initialized / ".pipelex").rglob("*"):
        if path.is_file():
            target = project / path.relative_to(initialized)
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_text(path.read_text())
    enable(project, "azure_openai")
    routing = inference_file(project, "routing_profiles.toml")
    routing.write_text(routing.read_text().replace('"gpt-*" = "openai"', '"gpt-*" = "azure_openai"', 1))
    monkeypatch.setenv("AZURE_OPENAI_ENDPOINT", server.azure_endpoint)
    monkeypatch.setenv("AZURE_OPENAI_API_KEY", AZURE_KEY)
    monkeypatch.setenv("AZURE_OPENAI_API_VERSION", API_VERSION)
    return project


def test_azure_call_uses_the_deployment_path_api_version_and_api_key_header(
    azure_project: Path, server: FakeOpenAIServer
) -> None:
    output = Pipelex.load(EXAMPLES_DIR / "hello_world", project_dir=azure_project).run_sync(inputs={"topic": "tea"})
    (request,) = server.requests
    assert request.path == f"/openai/deployments/gpt-4o-mini/chat/completions?api-version={API_VERSION}"
    assert request.headers["api-key"] == AZURE_KEY
    assert "authorization" not in request.headers
    assert request.body["model"] == "gpt-4o-mini"
    assert "fake answer to: Write a haiku" in output.main_text
    (call,) = output.report.calls
    assert (call.backend, call.output_tokens) == ("azure_openai", 7)
    assert call.cost
    assert call.cost > 0


def test_azure_structured_output(azure_project: Path, server: FakeOpenAIServer) -> None:
    px = Pipelex.load(EXAMPLES_DIR / "tweet_optimizer", project_dir=azure_project)
    output = px.run_sync("review_tweet", inputs={"draft": "hello"})
    (request,) = server.requests
    assert request.path.startswith("/openai/deployments/gpt-4o-mini/chat/completions?")
    assert request.body["response_format"]["type"] == "json_schema"
    assert output.main_stuff.concept.code == "TweetReview"


def test_azure_needs_its_api_version(azure_project: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("AZURE_OPENAI_API_VERSION")
    px = Pipelex.load(EXAMPLES_DIR / "hello_world", project_dir=azure_project)
    with pytest.raises(MissingCredentialsError, match="needs its `api_version`: set AZURE_OPENAI_API_VERSION"):
        px.run_sync(inputs={"topic": "tea"})


def test_azure_errors_name_the_backend_and_never_the_key(azure_project: Path, server: FakeOpenAIServer) -> None:
    server.script(401, {"error": {"code": "401", "message": f"Access denied due to invalid key {AZURE_KEY}"}})
    px = Pipelex.load(EXAMPLES_DIR / "hello_world", project_dir=azure_project)
    with pytest.raises(ProviderError, match="rejected the API key") as caught:
        px.run_sync(inputs={"topic": "tea"})
    assert (caught.value.status, caught.value.provider) == (401, "azure_openai")
    assert AZURE_KEY not in str(caught.value)


def test_azure_cli_live_run(azure_project: Path, server: FakeOpenAIServer) -> None:
    example = EXAMPLES_DIR / "hello_world"
    result = pipelex_cli(
        "run", str(example / "hello_world.plx"), "-i", str(example / "inputs.json"), "-o", "out", cwd=azure_project
    )
    assert result.returncode == 0, result.stderr
    assert "fake answer to: Write a haiku" in result.stdout
    assert AZURE_KEY not in result.stdout + result.stderr
    assert server.requests[0].path.startswith("/openai/deployments/gpt-4o-mini/")


def test_a_local_openai_compatible_server_is_a_backend_with_an_endpoint(
    initialized: Path, server: FakeOpenAIServer, tmp_path: Path
) -> None:
    """Ollama, vLLM, llama.cpp: a backend table with its endpoint, the openai sdk, and any key it accepts."""
    project = tmp_path / "local"
    for path in (initialized / ".pipelex").rglob("*"):
        if path.is_file():
            target = project / path.relative_to(initialized)
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_text(path.read_text())
    backends = inference_file(project, "backends.toml")
    backends.write_text(
        backends.read_text() + f'\n[ollama]\nenabled = true\nendpoint = "{server.base_url}"\napi_key = "ollama"\n'
    )
    inference_file(project, "backends/ollama.toml").write_text(
        'default_sdk = "openai"\n\n["llama-3.2"]\nmodel_id = "llama3.2:3b"\noutputs = ["text", "structured"]\n'
    )
    routing = inference_file(project, "routing_profiles.toml")
    routing.write_text(routing.read_text().replace('"gpt-*" = "openai"', '"gpt-*" = "openai"\n"llama-*" = "ollama"'))
    plx = project / "local.plx"
    plx.write_text(
        (EXAMPLES_DIR / "hello_world" / "hello_world.plx").read_text().replace('"gpt-4o-mini"', '"llama-3.2"')
    )
    inputs = json.loads((EXAMPLES_DIR / "hello_world" / "inputs.json").read_text())
    output = Pipelex.load(plx, project_dir=project).run_sync(inputs=inputs)
    (request,) = server.requests
    assert request.path == "/v1/chat/completions"
    assert request.headers["authorization"] == "Bearer ollama"
    assert request.body["model"] == "llama3.2:3b"
    assert "fake answer" in output.main_text


def test_azure_show_models_live(azure_project: Path, server: FakeOpenAIServer) -> None:
    result = pipelex_cli("show", "models", "azure_openai", "--live", cwd=azure_project)
    assert result.returncode == 0, result.stderr
    assert "gpt-4o-mini" in result.stdout
    assert server.requests[0].path == f"/openai/models?api-version={API_VERSION}"
    assert server.requests[0].headers["api-key"] == AZURE_KEY
    assert AZURE_KEY not in result.stdout
