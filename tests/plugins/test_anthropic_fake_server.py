"""Live runs through the real anthropic SDK against a fake Anthropic server on 127.0.0.1.

The project is what `pipelex init` writes, with `[anthropic]` enabled and its `endpoint` pointed at the
fake; the key comes from the environment.
"""

from __future__ import annotations

import re
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from pipelex import Pipelex
from pipelex.cogt.exceptions import (
    ContextTooLongError,
    ProviderAuthError,
    ProviderBadRequestError,
    ProviderError,
    ProviderRateLimitError,
    ProviderServerError,
    ProviderTimeoutError,
)
from pipelex.engine.pipe_output import PipeOutput
from pipelex.exceptions import OutputValidationError
from tests.fakes.fake_anthropic import FakeAnthropicServer, api_key_of, error_body

KEY = "sk-ant-test-0123456789-never-print-me"
PLX = """domain = "claude_check"
description = "Calls through the anthropic plugin"
system_prompt = "You are terse."

[concept.Verdict]
description = "A verdict on a topic"
[concept.Verdict.structure]
score = { type = "integer", description = "From 1 to 5" }
reason = "Why"

[pipe.short_answer]
type = "PipeLLM"
description = "A short answer: one JSON response"
inputs = { topic = "Text" }
output = "Text"
model = { model = "claude-4.5-haiku", temperature = 0.4, max_tokens = 1000 }
prompt = "Say something about $topic"

[pipe.long_answer]
type = "PipeLLM"
description = "A long answer: max_tokens from the model spec (64000), so it streams"
inputs = { topic = "Text" }
output = "Text"
model = "claude-4.5-sonnet"
prompt = "Write at length about $topic"

[pipe.judge]
type = "PipeLLM"
description = "A structured verdict through a forced tool"
inputs = { topic = "Text" }
output = "Verdict"
model = { model = "claude-4.5-sonnet", temperature = 1.5, max_tokens = 2000 }
prompt = "Judge $topic"

[pipe.judge_streamed]
type = "PipeLLM"
description = "A structured verdict, streamed"
inputs = { topic = "Text" }
output = "Verdict"
model = "claude-4.5-sonnet"
prompt = "Judge $topic"
"""


def pipelex_cli(*args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "pipelex", *args], capture_output=True, text=True, timeout=60, cwd=cwd)


def init_project(project: Path, backend: str, lines: str) -> None:
    """`pipelex init`, then ``enabled = true`` and ``lines`` (an endpoint...) in the ``backend`` table."""
    result = pipelex_cli("init", cwd=project)
    assert result.returncode == 0, result.stderr
    backends = project / ".pipelex" / "inference" / "backends.toml"
    text = backends.read_text()
    start = text.index(f"[{backend}]")
    table = text[start:].replace("enabled = false", f"enabled = true\n{lines}", 1)
    backends.write_text(text[:start] + table)


@pytest.fixture(scope="module")
def initialized(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """One `pipelex init` for the module (endpoint filled in per test)."""
    project = tmp_path_factory.mktemp("claude_project")
    init_project(project, "anthropic", 'endpoint = "ENDPOINT"')
    (project / "claude.plx").write_text(PLX)
    return project


@pytest.fixture
def server(monkeypatch: pytest.MonkeyPatch) -> Iterator[FakeAnthropicServer]:
    with FakeAnthropicServer() as fake:
        monkeypatch.setenv("ANTHROPIC_API_KEY", KEY)
        yield fake


@pytest.fixture
def project(initialized: Path, server: FakeAnthropicServer, tmp_path: Path) -> Path:
    target = tmp_path / "project"
    target.mkdir()
    source = initialized / ".pipelex"
    for path in source.rglob("*"):
        if path.is_file():
            destination = target / ".pipelex" / path.relative_to(source)
            destination.parent.mkdir(parents=True, exist_ok=True)
            destination.write_text(path.read_text().replace('"ENDPOINT"', f'"{server.base_url}"'))
    (target / "claude.plx").write_text(PLX)
    return target


def set_backend(project: Path, line: str) -> None:
    backends = project / ".pipelex" / "inference" / "backends.toml"
    backends.write_text(backends.read_text().replace("[anthropic]\n", f"[anthropic]\n{line}\n", 1))


def run(project: Path, pipe: str) -> PipeOutput:
    return Pipelex.load(project / "claude.plx", project_dir=project).run_sync(pipe, inputs={"topic": "tea"})


def test_short_text_is_one_json_call_with_headers_body_tokens_and_cost(
    project: Path, server: FakeAnthropicServer
) -> None:
    output = run(project, "short_answer")
    (request,) = server.requests
    assert request.path == "/v1/messages"
    assert api_key_of(request) == KEY
    assert re.fullmatch(r"\d{4}-\d{2}-\d{2}", request.headers["anthropic-version"])
    assert request.body == {
        "model": "claude-haiku-4-5-20251001",
        "max_tokens": 1000,
        "system": "You are terse.",
        "messages": [{"role": "user", "content": "Say something about tea"}],
    }
    assert output.main_text == "fake claude answer to: Say something about tea"
    (call,) = output.report.calls
    assert (call.input_tokens, call.output_tokens) == (5, 9)
    assert call.cost == pytest.approx((5 * 1.0 + 9 * 5.0) / 1e6)


def test_long_text_streams_with_the_spec_max_tokens(project: Path, server: FakeAnthropicServer) -> None:
    output = run(project, "long_answer")
    (request,) = server.requests
    assert request.body["stream"] is True
    assert request.body["max_tokens"] == 64000
    assert request.body["model"] == "claude-sonnet-4-5-20250929"
    assert output.main_text == "fake claude answer to: Write at length about tea"
    (call,) = output.report.calls
    assert (call.input_tokens, call.output_tokens) == (6, 9)  # gathered from message_start and message_delta
    assert call.cost == pytest.approx((6 * 3.0 + 9 * 15.0) / 1e6)


@pytest.mark.parametrize(("pipe", "streamed"), [("judge", False), ("judge_streamed", True)])
def test_structured_output_is_a_forced_tool(
    project: Path, server: FakeAnthropicServer, pipe: str, streamed: bool
) -> None:
    output = run(project, pipe)
    (request,) = server.requests
    assert request.body.get("stream", False) is streamed
    (tool,) = request.body["tools"]
    assert request.body["tool_choice"] == {"type": "tool", "name": tool["name"]}
    assert tool["input_schema"]["type"] == "object"
    assert set(tool["input_schema"]["properties"]) == {"score", "reason"}
    assert "temperature" not in request.body  # API version 2026-10-21 refuses sampling parameters
    verdict = output.main_stuff.content
    assert (verdict.score, verdict.reason) == (3, "fake reason")  # type: ignore[union-attr]


@pytest.mark.parametrize(
    ("status", "body", "kind", "expected"),
    [
        (401, None, ProviderAuthError, "rejected the API key"),
        (403, None, ProviderAuthError, "not allowed to use this model"),
        (404, None, ProviderBadRequestError, "does not know the model id `claude-haiku-4-5-20251001`"),
        (429, None, ProviderRateLimitError, "rate limited"),
        (529, None, ProviderServerError, "overloaded"),
        (500, None, ProviderServerError, "HTTP 500"),
        (400, error_body(400, "prompt is too long: 210000 tokens > 200000 maximum"), ContextTooLongError, "too long"),
        (400, error_body(400, f"temperature: bad value; key {KEY}"), ProviderBadRequestError, "temperature: bad"),
    ],
)
def test_errors_map_to_our_types_with_status_and_no_key(  # noqa: PLR0917
    project: Path, server: FakeAnthropicServer, status: int, body: dict[str, object] | None, kind: type, expected: str
) -> None:
    for _ in range(3):  # the SDK retries 429/5xx twice (retry-after-ms keeps it quick)
        server.script(status, body, {"retry-after-ms": "1"})
    with pytest.raises(kind, match=expected) as caught:
        run(project, "short_answer")
    error = caught.value
    assert isinstance(error, ProviderError)
    assert (error.status, error.provider, error.model) == (status, "anthropic", "claude-4.5-haiku")
    assert KEY not in str(error)


def test_retries_are_the_sdks_and_are_reported(project: Path, server: FakeAnthropicServer) -> None:
    server.script(529, None, {"retry-after-ms": "1"})
    output = run(project, "short_answer")
    assert len(server.requests) == 2
    assert output.report.calls[0].retries == 1


def test_max_retries_zero_means_one_attempt(project: Path, server: FakeAnthropicServer) -> None:
    set_backend(project, "max_retries = 0")
    server.script(429, None, {"retry-after-ms": "1"})
    with pytest.raises(ProviderRateLimitError):
        run(project, "short_answer")
    assert len(server.requests) == 1


def test_an_error_event_in_the_stream(project: Path, server: FakeAnthropicServer) -> None:
    set_backend(project, "max_retries = 0")
    server.script_stream_error("overloaded_error")
    with pytest.raises(ProviderServerError, match="overloaded") as caught:
        run(project, "long_answer")
    assert caught.value.status == 529


def test_timeout(project: Path, server: FakeAnthropicServer) -> None:
    set_backend(project, "max_retries = 0\ntimeout_s = 0.3")
    server.script(200, None, delay_s=1.5)
    with pytest.raises(ProviderTimeoutError, match="did not answer in time"):
        run(project, "short_answer")


def test_tool_answer_that_does_not_fit(project: Path, server: FakeAnthropicServer) -> None:
    message = {
        "id": "msg_x",
        "type": "message",
        "role": "assistant",
        "model": "m",
        "content": [{"type": "tool_use", "id": "toolu_x", "name": "Verdict", "input": {"score": "high"}}],
        "stop_reason": "tool_use",
        "usage": {"input_tokens": 3, "output_tokens": 4},
    }
    server.script(200, message)
    with pytest.raises(OutputValidationError, match="does not fit"):
        run(project, "judge")


def test_cli_run_prints_the_answer_and_never_the_key(project: Path, server: FakeAnthropicServer) -> None:
    (project / "inputs.json").write_text('{"topic": "tea"}')
    result = pipelex_cli("run", "claude.plx", "--pipe", "long_answer", "-i", "inputs.json", "-o", "out", cwd=project)
    assert result.returncode == 0, result.stderr
    assert "fake claude answer to: Write at length about tea" in result.stdout
    produced = [result.stdout, result.stderr, *(path.read_text() for path in (project / "out").rglob("*.*"))]
    assert all(KEY not in text for text in produced)
    assert server.requests[0].body["stream"] is True


def test_show_models_live_lists_through_the_models_endpoint(project: Path, server: FakeAnthropicServer) -> None:
    result = pipelex_cli("show", "models", "anthropic", "--live", cwd=project)
    assert result.returncode == 0, result.stderr
    assert "claude-haiku-4-5-20251001" in result.stdout
    assert server.requests[0].path.startswith("/v1/models")
    assert api_key_of(server.requests[0]) == KEY
    assert KEY not in result.stdout
