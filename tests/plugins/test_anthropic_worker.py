"""The anthropic worker through its plugin: image blocks, tool schemas, answers that are not messages."""

from __future__ import annotations

import asyncio
import re
from collections.abc import Iterator
from typing import Any

import pytest
from pydantic import BaseModel

from pipelex.cogt.exceptions import MissingCredentialsError, ProviderBadRequestError, ProviderError
from pipelex.cogt.llm.llm_job import LLMJob, LLMPrompt
from pipelex.cogt.llm.llm_setting import LLMSettings
from pipelex.cogt.llm.llm_worker_abstract import LLMWorkerAbstract
from pipelex.cogt.model_backends.backend import InferenceBackend
from pipelex.cogt.model_backends.model_spec import InferenceModelSpec
from pipelex.plugins.anthropic.anthropic_request import output_tool
from pipelex.plugins.discovery import build_inference_backend_registry, build_registrar
from pipelex.plugins.inference_backend_registry import InferenceFamily
from pipelex.plugins.sdk_client_registry import SdkClientRegistry
from pipelex.reporting.reporting_protocol import InferenceReport
from tests.fakes.fake_anthropic import FakeAnthropicServer

KEY = "sk-ant-worker-test-never-print-me"
SPEC = InferenceModelSpec(
    backend_name="anthropic",
    name="claude-test",
    model_id="claude-test-1",
    sdk="anthropic",
    costs={"input": 3.0, "output": 15.0},
)
PNG_DATA_URL = "data:image/png;base64,iVBORw0KGgo="


class Reports:
    def __init__(self) -> None:
        self.reports: list[InferenceReport] = []

    def report_inference(self, report: InferenceReport) -> None:
        self.reports.append(report)


class Node(BaseModel):
    label: str
    children: list[Node] = []


class Author(BaseModel):
    name: str


class Review(BaseModel):
    title: str
    stars: int
    authors: list[Author]


@pytest.fixture
def server() -> Iterator[FakeAnthropicServer]:
    with FakeAnthropicServer() as fake:
        yield fake


def make_worker(endpoint: str | None, api_key: str | None = KEY, reports: Reports | None = None) -> LLMWorkerAbstract:
    registrar, _ = build_registrar(include_entry_points=False)
    make = build_inference_backend_registry(registrar).lookup(family=InferenceFamily.LLM, sdk="anthropic")
    backend = InferenceBackend(name="anthropic", endpoint=endpoint, api_key=api_key, extra_config={"max_retries": 0})
    worker = make(inference_model=SPEC, backend=backend, sdk_clients=SdkClientRegistry(), reporting_delegate=reports)
    assert isinstance(worker, LLMWorkerAbstract)
    return worker


def test_images_become_base64_and_url_blocks_before_the_text(server: FakeAnthropicServer) -> None:
    reports = Reports()
    worker = make_worker(server.base_url, reports=reports)
    prompt = LLMPrompt("Describe these", user_images=(PNG_DATA_URL, "https://example.com/cat.jpg"))
    text = asyncio.run(worker.gen_text(LLMJob(prompt, job_label="describe")))
    assert text == "fake claude answer to: Describe these"
    (request,) = server.requests
    assert request.body["max_tokens"] == 4096  # no max_tokens in the job or the spec: the default
    assert "stream" not in request.body
    assert request.body["messages"] == [
        {
            "role": "user",
            "content": [
                {"type": "image", "source": {"type": "base64", "media_type": "image/png", "data": "iVBORw0KGgo="}},
                {"type": "image", "source": {"type": "url", "url": "https://example.com/cat.jpg"}},
                {"type": "text", "text": "Describe these"},
            ],
        }
    ]
    (report,) = reports.reports
    assert (report.job_label, report.backend, report.sdk) == ("describe", "anthropic", "anthropic")
    assert (report.input_tokens, report.output_tokens) == (3, 9)
    assert report.cost == pytest.approx((3 * 3.0 + 9 * 15.0) / 1e6)


@pytest.mark.parametrize(
    ("image", "expected"),
    [("data:image/tiff;base64,AAAA", "type `image/tiff` cannot be sent"), ("file:///tmp/x.png", "neither")],
)
def test_images_anthropic_cannot_take_are_refused_before_any_call(
    server: FakeAnthropicServer, image: str, expected: str
) -> None:
    worker = make_worker(server.base_url)
    with pytest.raises(ProviderBadRequestError, match=expected):
        asyncio.run(worker.gen_text(LLMJob(LLMPrompt("x", user_images=(image,)))))
    assert server.requests == []


def test_recursive_schema_gets_an_object_root() -> None:
    tool = output_tool(Node)
    assert tool["name"] == "Node"
    schema = tool["input_schema"]
    assert schema["type"] == "object"
    assert set(schema["properties"]) == {"label", "children"}
    assert "Node" in schema["$defs"]


def test_streamed_structured_output_with_nested_models(server: FakeAnthropicServer) -> None:
    worker = make_worker(server.base_url)
    review = asyncio.run(worker.gen_object(LLMJob(LLMPrompt("review"), LLMSettings(max_tokens=20000)), Review))
    assert review == Review(title="fake title", stars=3, authors=[Author(name="fake name")] * 2)
    assert server.requests[0].body["stream"] is True  # the tool input arrived as input_json_delta events


@pytest.mark.parametrize(
    "body",
    [
        {"id": "x", "type": "message", "content": "not a list", "usage": {}},
        {"id": "x", "type": "message", "content": [{"type": "tool_use", "id": "t", "name": "n", "input": "no"}]},
        "this is not json",
    ],
)
def test_answers_that_are_not_messages(server: FakeAnthropicServer, body: Any) -> None:
    server.script(200, body)
    worker = make_worker(server.base_url)
    with pytest.raises(ProviderError, match=r"not a message|did not call the tool") as caught:
        asyncio.run(worker.gen_object(LLMJob(LLMPrompt("x"), LLMSettings(max_tokens=100)), Node))
    assert KEY not in str(caught.value)


def test_refusal_and_truncation(server: FakeAnthropicServer) -> None:
    base = {"id": "x", "type": "message", "role": "assistant", "model": "m", "usage": {"output_tokens": 1}}
    server.script(200, {**base, "content": [], "stop_reason": "refusal"})
    worker = make_worker(server.base_url)
    with pytest.raises(ProviderError, match="refused"):
        asyncio.run(worker.gen_text(LLMJob(LLMPrompt("x"), LLMSettings(max_tokens=100))))
    server.script(200, {**base, "content": [{"type": "text", "text": "half"}], "stop_reason": "max_tokens"})
    assert asyncio.run(worker.gen_text(LLMJob(LLMPrompt("x"), LLMSettings(max_tokens=100)))) == "half"


def test_missing_key_is_reported_without_a_call() -> None:
    with pytest.raises(MissingCredentialsError, match="needs an API key"):
        make_worker("http://127.0.0.1:9", api_key=None)


def test_unreachable_endpoint_is_a_timeout_kind_of_error() -> None:
    worker = make_worker("http://127.0.0.1:9")
    with pytest.raises(ProviderError, match=re.escape("could not connect to the provider at http://127.0.0.1:9")):
        asyncio.run(worker.gen_text(LLMJob(LLMPrompt("x"), LLMSettings(max_tokens=100))))
