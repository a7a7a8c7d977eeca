"""What a live run says when the provider (a fake OpenAI server on 127.0.0.1) misbehaves, or the key or
endpoint is unusable: always a pipelex error in plain words, never a traceback, the key or a password."""

from __future__ import annotations

import asyncio
import json
import logging
import os
import shutil
import subprocess
import sys
from pathlib import Path
from types import SimpleNamespace
from typing import Any

import pytest

from pipelex import Pipelex
from pipelex.cogt.exceptions import MissingCredentialsError, ProviderError
from pipelex.cogt.llm.llm_job import LLMJob, LLMPrompt
from pipelex.cogt.llm.llm_setting import LLMSettings
from pipelex.cogt.model_backends.endpoint import redact_url
from pipelex.cogt.model_backends.model_spec import InferenceModelSpec
from pipelex.engine.inference_setup import kit_inference_dir
from pipelex.engine.output_writer import RUN_REPORT_JSON, save_output
from pipelex.exceptions import ConfigurationError, OutputValidationError
from pipelex.plugins.openai.openai_llm_worker import OpenAILLMWorker
from tests.conftest import EXAMPLES_DIR
from tests.fakes.fake_openai import FakeOpenAIServer
from tests.plugins.conftest import FAKE_KEY

HELLO = EXAMPLES_DIR / "hello_world"
TWEET = EXAMPLES_DIR / "tweet_optimizer"

CAPPED_PLX = """
domain = "capped"
description = "A structured answer with a token cap"
main_pipe = "review"

[concept.Review]
description = "A review"

[concept.Review.structure]
verdict = "The verdict"

[pipe.review]
type = "PipeLLM"
description = "Review a text"
inputs = { text = "Text" }
output = "Review"
model = { model = "gpt-4o-mini", max_tokens = 50 }
prompt = "Review @text"
"""


def completion(content: str | None, finish_reason: str = "stop", usage: bool = True) -> dict[str, Any]:
    body: dict[str, Any] = {
        "id": "chatcmpl-scripted",
        "object": "chat.completion",
        "created": 0,
        "model": "gpt-4o-mini",
        "choices": [{"index": 0, "message": {"role": "assistant", "content": content}, "finish_reason": finish_reason}],
    }
    if usage:
        body["usage"] = {"prompt_tokens": 11, "completion_tokens": 5, "total_tokens": 16}
    return body


def run_hello() -> Any:
    return Pipelex.load(HELLO).run_sync(inputs={"topic": "tea"})


def run_review() -> Any:
    return Pipelex.load(TWEET).run_sync("review_tweet", inputs={"draft": "hello"})


# --- answers that are not chat completions -------------------------------------------------------------


@pytest.mark.parametrize(
    ("body", "detail"),
    [
        ("not json", "its body is not JSON"),
        ("[1, 2]", "its body is not a JSON object"),
        ('"just a string"', "its body is not a JSON object"),
        ({"foo": 1}, "no `choices` list"),
        ({"choices": []}, "`choices` list is empty"),
        ({"choices": [{"message": "hi"}]}, "no `message` object"),
        ({"choices": [{"message": {"content": 5}}]}, "`content` of its message is not text"),
    ],
)
def test_an_answer_that_is_not_a_chat_completion(server: FakeOpenAIServer, body: Any, detail: str) -> None:
    server.script(200, body)
    with pytest.raises(ProviderError, match="not a chat completion") as caught:
        run_hello()
    assert detail in str(caught.value)
    assert (caught.value.provider, caught.value.model, caught.value.status) == ("openai", "gpt-4o-mini", 200)
    assert "HTTP 200" in str(caught.value)


def test_cli_non_json_answer_is_a_user_error(server: FakeOpenAIServer, tmp_path: Path) -> None:
    server.script(200, "not json")
    result = subprocess.run(
        [sys.executable, "-m", "pipelex", "run", str(HELLO / "hello_world.plx"), "-i", str(HELLO / "inputs.json")],
        capture_output=True,
        text=True,
        timeout=60,
        cwd=tmp_path,
    )
    assert result.returncode == 1, result.stderr
    assert result.stderr.startswith("error: the provider answered with something that is not a chat completion")
    assert "internal error" not in result.stderr
    assert "Traceback" not in result.stderr


def test_odd_usage_counts_are_unknown_not_an_error(server: FakeOpenAIServer) -> None:
    body = completion("An old pond")
    body["usage"] = {"prompt_tokens": "many", "completion_tokens": -3}
    server.script(200, body)
    output = run_hello()
    assert output.main_text == "An old pond"
    assert (output.report.calls[0].input_tokens, output.report.calls[0].output_tokens) == (None, None)


# --- the API key ---------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "key",
    ["sk-caf\u00e9-0123", "sk-0123\n", "sk-01 23", " sk-0123", "sk-\t0123", "sk-\u200b0123"],
    ids=["non-ascii", "newline", "inner-space", "leading-space", "tab", "zero-width"],
)
def test_a_key_that_cannot_be_sent(server: FakeOpenAIServer, monkeypatch: pytest.MonkeyPatch, key: str) -> None:
    monkeypatch.setenv("OPENAI_API_KEY", key)
    with pytest.raises(MissingCredentialsError, match="key of backend `openai` contains characters") as caught:
        run_hello()
    message = str(caught.value)
    assert "cannot be sent" in message
    assert key.strip() not in message
    assert "0123" not in message
    assert server.requests == []


def test_cli_non_ascii_key_is_a_user_error(server: FakeOpenAIServer, tmp_path: Path) -> None:
    (tmp_path / ".env").write_text("OPENAI_API_KEY=sk-caf\u00e9-secret\n", encoding="utf-8")
    result = subprocess.run(
        [sys.executable, "-m", "pipelex", "run", str(HELLO / "hello_world.plx"), "-i", str(HELLO / "inputs.json")],
        capture_output=True,
        text=True,
        timeout=60,
        cwd=tmp_path,
        env={key: value for key, value in os.environ.items() if key != "OPENAI_API_KEY"},
    )
    assert result.returncode == 1, result.stderr
    assert "contains characters that cannot be sent" in result.stderr
    assert "secret" not in result.stderr + result.stdout


# --- endpoints in messages -----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("url", "shown"),
    [
        ("http://user:SECRET@127.0.0.1:8798/v1", "http://***@127.0.0.1:8798/v1"),
        ("https://token@example.com/v1/", "https://***@example.com/v1/"),
        ("https://example.com/openai/v1?api-key=SECRET&x=1#frag", "https://example.com/openai/v1"),
        ("http://u:p@w@127.0.0.1:1/v1?key=SECRET", "http://***@127.0.0.1:1/v1"),
        ("https://api.openai.com/v1/", "https://api.openai.com/v1/"),
        ("not a url SECRET", "the configured endpoint"),
        ("http://[::1/v1?k=SECRET", "the configured endpoint"),
    ],
)
def test_redact_url(url: str, shown: str) -> None:
    assert redact_url(url) == shown


def _project_with_endpoint(tmp_path: Path, endpoint: str) -> Path:
    config = tmp_path / "project" / ".pipelex" / "inference"
    shutil.copytree(kit_inference_dir(), config)
    backends = config / "backends.toml"
    text = backends.read_text().replace('"${OPENAI_BASE_URL}"', f'"{endpoint}"')
    backends.write_text(text + "max_retries = 0\ntimeout_s = 5\n")
    return tmp_path / "project"


def test_connection_error_hides_password_and_query(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setenv("OPENAI_API_KEY", FAKE_KEY)
    project = _project_with_endpoint(tmp_path, "http://user:SECRET@127.0.0.1:9/v1?api-key=QUERYSECRET")
    px = Pipelex.load(HELLO, project_dir=project)
    with pytest.raises(ProviderError, match="could not connect") as caught:
        px.run_sync(inputs={"topic": "tea"})
    message = str(caught.value)
    assert "http://***@127.0.0.1:9/v1" in message
    assert "SECRET" not in message
    assert "user" not in message
    assert "api-key" not in message
    assert FAKE_KEY not in message


@pytest.mark.parametrize(
    ("endpoint", "shown"),
    [
        ("not a url", None),
        ("http://[::1/v1?key=SECRET", None),
        ("127.0.0.1:8798/v1", None),
        ("ftp://user:SECRET@127.0.0.1:21/v1", "(ftp://***@127.0.0.1:21/v1)"),
        ("http://127.0.0.1:99999/v1", "(http://127.0.0.1:99999/v1)"),
        ("http://127.0.0.1:8798/v1\n", "(http://127.0.0.1:8798/v1)"),
    ],
)
def test_an_unusable_endpoint(monkeypatch: pytest.MonkeyPatch, endpoint: str, shown: str | None) -> None:
    monkeypatch.setenv("OPENAI_API_KEY", FAKE_KEY)
    monkeypatch.setenv("OPENAI_BASE_URL", endpoint)
    with pytest.raises(ConfigurationError, match=r"endpoint of backend `openai`.* is not a usable http") as caught:
        run_hello()
    message = str(caught.value)
    assert "SECRET" not in message
    if shown is None:
        assert "(" not in message.partition("is not a usable")[0]
    else:
        assert shown in message


# --- finish reasons ------------------------------------------------------------------------------------


def test_structured_answer_cut_short_by_the_token_limit(server: FakeOpenAIServer) -> None:
    server.script(200, completion('{"clarity": 3, "buzz', "length"))
    with pytest.raises(OutputValidationError, match="cut short by the token limit") as caught:
        run_review()
    message = str(caught.value)
    assert "`max_tokens`" in message
    assert "Invalid JSON" not in message
    assert caught.value.pipe_code == "review_tweet"


def test_structured_cut_short_names_the_max_tokens_set(server: FakeOpenAIServer, tmp_path: Path) -> None:
    plx = tmp_path / "capped.plx"
    plx.write_text(CAPPED_PLX)
    server.script(200, completion('{"verdict": "go', "length"))
    with pytest.raises(OutputValidationError, match="`max_tokens` is 50: raise it"):
        Pipelex.load(plx).run_sync(inputs={"text": "hello"})
    assert server.requests[0].body["max_completion_tokens"] == 50


def test_text_cut_short_is_kept_with_a_warning(server: FakeOpenAIServer, caplog: pytest.LogCaptureFixture) -> None:
    server.script(200, completion("An old pond, a frog", "length"))
    with caplog.at_level(logging.WARNING, logger="pipelex"):
        output = run_hello()
    assert output.main_text == "An old pond, a frog"
    (record,) = [record for record in caplog.records if "cut short" in record.getMessage()]
    assert record.levelno == logging.WARNING
    assert "`write_haiku`" in record.getMessage()
    assert "max_tokens" in record.getMessage()


def test_text_cut_short_with_nothing_written_is_an_error(server: FakeOpenAIServer) -> None:
    server.script(200, completion(None, "length"))
    with pytest.raises(OutputValidationError, match="cut short by the token limit"):
        run_hello()


@pytest.mark.parametrize("content", [None, "partial answ"])
def test_content_filter_is_a_provider_error(server: FakeOpenAIServer, content: str | None) -> None:
    server.script(200, completion(content, "content_filter"))
    with pytest.raises(ProviderError, match="content policy blocked the answer") as caught:
        run_hello()
    assert (caught.value.provider, caught.value.model) == ("openai", "gpt-4o-mini")


def test_content_filter_on_a_structured_answer(server: FakeOpenAIServer) -> None:
    server.script(200, completion('{"clarity"', "content_filter"))
    with pytest.raises(ProviderError, match="content policy blocked the answer"):
        run_review()


# --- usage ---------------------------------------------------------------------------------------------


def test_answer_without_usage_reports_unknown_tokens(server: FakeOpenAIServer, tmp_path: Path) -> None:
    server.script(200, completion("An old pond", usage=False))
    output = run_hello()
    assert output.main_text == "An old pond"
    (call,) = output.report.calls
    assert (call.input_tokens, call.output_tokens, call.cost) == (None, None, None)
    saved = save_output(output, tmp_path / "out")
    (written,) = json.loads((saved / RUN_REPORT_JSON).read_text())["calls"]
    assert (written["input_tokens"], written["output_tokens"], written["cost"]) == (None, None, None)


# --- failures that are not the SDK's own errors --------------------------------------------------------


class _Raising:
    """Stands for ``client.chat.completions.with_raw_response``: ``create`` raises, or answers ``parse``."""

    def __init__(self, error: Exception, *, on_parse: bool) -> None:
        self.error = error
        self.on_parse = on_parse
        self.http_response = SimpleNamespace(status_code=200)

    async def create(self, **_: Any) -> Any:
        if not self.on_parse:
            raise self.error
        return self

    def parse(self) -> Any:
        raise self.error


@pytest.mark.parametrize(
    ("on_parse", "expected"),
    [
        (False, "the call to the provider failed unexpectedly: KeyError (backend `openai`, model `gpt-4o-mini`)"),
        (True, "not a chat completion: it could not be read (KeyError) (HTTP 200, backend `openai`"),
    ],
)
def test_unexpected_exceptions_become_provider_errors(on_parse: bool, expected: str) -> None:
    raw = _Raising(KeyError("boom"), on_parse=on_parse)
    client: Any = SimpleNamespace(
        chat=SimpleNamespace(completions=SimpleNamespace(with_raw_response=raw)), base_url="http://127.0.0.1:1/v1"
    )
    spec = InferenceModelSpec(backend_name="openai", name="gpt-4o-mini", model_id="gpt-4o-mini", sdk="openai")
    worker = OpenAILLMWorker(sdk_instance=client, inference_model=spec, reporting_delegate=None)
    job = LLMJob(LLMPrompt("hello", None), LLMSettings(), job_label="p")
    with pytest.raises(ProviderError) as caught:
        asyncio.run(worker.gen_text(job))
    assert expected in str(caught.value)
    assert (caught.value.provider, caught.value.model) == ("openai", "gpt-4o-mini")
