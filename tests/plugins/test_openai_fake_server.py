"""Live runs through the real openai SDK against a fake OpenAI server on 127.0.0.1."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from pipelex import Pipelex
from pipelex.cogt.exceptions import MissingCredentialsError, ProviderError
from pipelex.engine.inference_setup import kit_inference_dir
from pipelex.exceptions import OutputValidationError
from tests.conftest import EXAMPLES_DIR
from tests.fakes.fake_openai import FakeOpenAIServer
from tests.plugins.conftest import FAKE_KEY


def test_text_and_structured_calls_reach_the_wire(server: FakeOpenAIServer) -> None:
    px = Pipelex.load(EXAMPLES_DIR / "tweet_optimizer")
    inputs = json.loads((EXAMPLES_DIR / "tweet_optimizer" / "inputs.json").read_text(encoding="utf-8"))
    output = px.run_sync(inputs=inputs)

    assert [request.path for request in server.requests] == ["/v1/chat/completions"] * 2
    assert all(request.headers["authorization"] == f"Bearer {FAKE_KEY}" for request in server.requests)
    review, rewrite = (request.body for request in server.requests)
    assert review["model"] == "gpt-4o-mini"
    assert review["temperature"] == 0.3
    assert review["messages"][0] == {
        "role": "system",
        "content": "You are an editor who writes about technology for a broad audience.",
    }
    assert "<draft>\nThrilled to announce" in review["messages"][1]["content"]
    response_format = review["response_format"]
    assert response_format["type"] == "json_schema"
    assert response_format["json_schema"]["strict"] is True
    schema = response_format["json_schema"]["schema"]
    assert schema["additionalProperties"] is False
    assert set(schema["required"]) == {"clarity", "buzzword_count", "is_too_long", "main_problem", "tone"}
    assert "response_format" not in rewrite
    assert rewrite["model"] == "gpt-4o"
    assert "Fix first: fake main_problem" in rewrite["messages"][1]["content"]

    assert "fake answer to: Rewrite the draft tweet" in output.main_text
    assert "clarity: 3 / 5" in output.main_text
    assert len(output.report.calls) == 2
    assert output.report.calls[0].input_tokens is not None
    assert output.report.total_cost > 0


def test_list_output_asks_for_a_wrapped_array(server: FakeOpenAIServer) -> None:
    px = Pipelex.load(EXAMPLES_DIR / "invoice_summary")
    output = px.run_sync(inputs={"invoices": ["Invoice A: 10 EUR", "Invoice B: 20 USD"]})
    schema = server.requests[0].body["response_format"]["json_schema"]["schema"]
    assert schema["properties"]["items"]["type"] == "array"
    assert len(output.working_memory.get("facts").content) == 2  # type: ignore[union-attr, arg-type]
    assert "| fake vendor |" in output.main_text


def test_cli_live_run_prints_result_and_never_the_key(server: FakeOpenAIServer, tmp_path: Path) -> None:
    example = EXAMPLES_DIR / "hello_world"
    result = subprocess.run(
        [
            sys.executable,
            "-m",
            "pipelex",
            "run",
            str(example / "hello_world.plx"),
            "-i",
            str(example / "inputs.json"),
            "-o",
            str(tmp_path / "o"),
        ],
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 0, result.stderr
    assert "fake answer to: Write a haiku" in result.stdout
    for produced in [result.stdout, result.stderr, *(path.read_text() for path in (tmp_path / "o").iterdir())]:
        assert FAKE_KEY not in produced


def test_missing_key_is_reported_at_use(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("OPENAI_API_KEY", raising=False)
    px = Pipelex.load(EXAMPLES_DIR / "hello_world")
    with pytest.raises(MissingCredentialsError, match="OPENAI_API_KEY"):
        px.run_sync(inputs={"topic": "tea"})
    assert px.run_sync(inputs={"topic": "tea"}, dry_run=True).main_text


@pytest.mark.parametrize(
    ("status", "headers", "expected"),
    [
        (401, {}, "rejected the API key"),
        (429, {"retry-after-ms": "1"}, "rate limited"),
        (500, {"retry-after-ms": "1"}, "HTTP 500"),
        (400, {}, "refused the request: maximum context length exceeded"),
    ],
)
def test_provider_errors_carry_status_and_no_key(
    server: FakeOpenAIServer, status: int, headers: dict[str, str], expected: str
) -> None:
    for _ in range(3):
        server.script(
            status, {"error": {"message": "maximum context length exceeded", "type": "x", "code": None}}, headers
        )
    px = Pipelex.load(EXAMPLES_DIR / "hello_world")
    with pytest.raises(ProviderError, match=expected) as caught:
        px.run_sync(inputs={"topic": "tea"})
    assert caught.value.status == status
    assert (
        type(caught.value).__name__
        == {
            401: "ProviderAuthError",
            429: "ProviderRateLimitError",
            500: "ProviderServerError",
            400: "ContextTooLongError",
        }[status]
    )
    assert caught.value.provider == "openai"
    assert caught.value.model == "gpt-4o-mini"
    assert FAKE_KEY not in str(caught.value)


def test_answer_that_does_not_fit_the_schema(server: FakeOpenAIServer) -> None:
    body = {
        "id": "x",
        "object": "chat.completion",
        "created": 0,
        "model": "gpt-4o-mini",
        "choices": [
            {"index": 0, "message": {"role": "assistant", "content": '{"clarity": "high"}'}, "finish_reason": "stop"}
        ],
    }
    server.script(200, body)
    px = Pipelex.load(EXAMPLES_DIR / "tweet_optimizer")
    with pytest.raises(OutputValidationError, match="does not fit `TweetReview`"):
        px.run_sync("review_tweet", inputs={"draft": "hello"})


def test_endpoint_from_backends_toml_wins(
    server: FakeOpenAIServer, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.setenv("OPENAI_BASE_URL", "http://127.0.0.1:9/v1")
    config = tmp_path / ".pipelex" / "inference"
    shutil.copytree(kit_inference_dir(), config)
    backends = config / "backends.toml"
    backends.write_text(backends.read_text().replace('"${OPENAI_BASE_URL}"', f'"{server.base_url}"'))
    px = Pipelex.load(EXAMPLES_DIR / "hello_world", project_dir=tmp_path)
    assert "fake answer" in px.run_sync(inputs={"topic": "tea"}).main_text
    assert len(server.requests) == 1


def test_key_from_dotenv(server: FakeOpenAIServer, monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.delenv("OPENAI_API_KEY")
    (tmp_path / ".env").write_text(f"OPENAI_API_KEY={FAKE_KEY}\n")
    px = Pipelex.load(EXAMPLES_DIR / "hello_world", project_dir=tmp_path)
    px.run_sync(inputs={"topic": "tea"})
    assert server.requests[0].headers["authorization"] == f"Bearer {FAKE_KEY}"


def test_preliminary_text_writes_first_then_structures(server: FakeOpenAIServer, tmp_path: Path) -> None:
    plx = tmp_path / "review.plx"
    plx.write_text(
        """domain = "reviews"

[concept.Verdict]
description = "A verdict on a text"
[concept.Verdict.structure]
score = { type = "integer", description = "From 1 to 5" }
reason = "Why"

[pipe.judge]
type = "PipeLLM"
description = "Judge a text"
inputs = { text = "Text" }
output = "Verdict"
model = "gpt-4o"
model_to_structure = { model = "gpt-4o-mini", temperature = 0 }
structuring_method = "preliminary_text"
prompt = "Judge this: $text"
""",
        encoding="utf-8",
    )
    output = Pipelex.load(plx).run_sync(inputs={"text": "a short poem"})
    draft, structuring = (request.body for request in server.requests)
    assert draft["model"] == "gpt-4o"
    assert "response_format" not in draft
    assert draft["messages"][-1]["content"] == "Judge this: a short poem"
    assert structuring["model"] == "gpt-4o-mini"
    assert structuring["temperature"] == 0
    assert structuring["response_format"]["type"] == "json_schema"
    assert "fake answer to: Judge this: a short poem" in structuring["messages"][-1]["content"]
    assert output.main_stuff.concept.code == "Verdict"
    assert len(output.report.calls) == 2


def test_reasoning_models_get_no_temperature(server: FakeOpenAIServer, tmp_path: Path) -> None:
    plx = tmp_path / "plan.plx"
    plx.write_text(
        """domain = "plans"

[pipe.plan]
type = "PipeLLM"
description = "Plan a project"
inputs = { goal = "Text" }
output = "Text"
model = "llm_to_engineer"
prompt = "Plan: $goal"

[pipe.plan_cheap]
type = "PipeLLM"
description = "Plan a project, cheaply"
inputs = { goal = "Text" }
output = "Text"
model = { model = "gpt-4o-mini", temperature = 0.2 }
prompt = "Plan: $goal"
""",
        encoding="utf-8",
    )
    px = Pipelex.load(plx)
    px.run_sync("plan", inputs={"goal": "a shed"})
    px.run_sync("plan_cheap", inputs={"goal": "a shed"})
    reasoning, classic = (request.body for request in server.requests)
    assert reasoning["model"] == "gpt-5"
    assert "temperature" not in reasoning  # gpt-5 accepts only its default temperature
    assert classic["temperature"] == 0.2
