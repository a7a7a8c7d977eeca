"""The mistral plugin's workers through the real mistralai SDK against a fake Mistral server on 127.0.0.1."""

from __future__ import annotations

import asyncio
import base64
import io
import socket
from collections.abc import Iterator
from contextlib import redirect_stdout
from typing import Any

import pytest
from pydantic import BaseModel

from pipelex.cogt.exceptions import (
    ContextTooLongError,
    MissingCredentialsError,
    ProviderAuthError,
    ProviderBadRequestError,
    ProviderError,
    ProviderRateLimitError,
    ProviderServerError,
    ProviderTimeoutError,
)
from pipelex.cogt.extract.extract_job import ExtractDocument, ExtractedPage, ExtractJob, ExtractOptions
from pipelex.cogt.llm.llm_job import LLMJob, LLMPrompt
from pipelex.cogt.llm.llm_setting import LLMSettings
from pipelex.cogt.model_backends.backend import InferenceBackend
from pipelex.cogt.model_backends.model_spec import InferenceModelSpec
from pipelex.core.png import mock_png, png_size
from pipelex.exceptions import OutputValidationError
from pipelex.plugins.discovery import build_inference_backend_registry, build_registrar
from pipelex.plugins.inference_backend_registry import InferenceFamily
from pipelex.plugins.mistral.mistral_client import server_url
from pipelex.plugins.mistral.mistral_plugin import MISTRAL_SDK, _list_mistral_models
from pipelex.plugins.pypdfium2.pdf_writer import write_pdf
from pipelex.plugins.sdk_client_registry import SdkClientRegistry
from pipelex.reporting.run_report import RunReport
from tests.fakes.fake_mistral import FakeMistralServer, error_body

KEY = "mistral-test-key-0123456789-never-print-me"
CHAT = InferenceModelSpec(
    backend_name="mistral",
    name="mistral-small",
    model_id="mistral-small-latest",
    sdk="mistral",
    inputs=("text", "images"),
    outputs=("text", "structured"),
    costs={"input": 0.1, "output": 0.3},
)
OCR = InferenceModelSpec(
    backend_name="mistral",
    name="mistral-ocr",
    model_id="mistral-ocr-latest",
    sdk="mistral",
    inputs=("pdf", "images"),
    outputs=("pages",),
    costs={"per_page": 0.001},
)


class Verdict(BaseModel):
    score: int
    reason: str


@pytest.fixture
def server() -> Iterator[FakeMistralServer]:
    with FakeMistralServer() as fake:
        yield fake


def backend_for(url: str, **extra: Any) -> InferenceBackend:
    return InferenceBackend(name="mistral", endpoint=url, api_key=KEY, extra_config=extra)


def run(coroutine_factory: Any, spec: InferenceModelSpec, backend: InferenceBackend, report: RunReport | None) -> Any:
    family = InferenceFamily.EXTRACT if "pages" in spec.outputs else InferenceFamily.LLM
    registry = build_inference_backend_registry(build_registrar(include_entry_points=False)[0])
    make_worker = registry.lookup(family=family, sdk=MISTRAL_SDK)

    async def go() -> Any:
        clients = SdkClientRegistry()
        try:
            worker = make_worker(inference_model=spec, backend=backend, sdk_clients=clients, reporting_delegate=report)
            return await coroutine_factory(worker)
        finally:
            await clients.aclose()

    return asyncio.run(go())


def gen_text(
    backend: InferenceBackend, job: LLMJob, report: RunReport | None = None, spec: InferenceModelSpec = CHAT
) -> str:
    result: str = run(lambda worker: worker.gen_text(job), spec, backend, report)
    return result


def extract(
    backend: InferenceBackend, document: ExtractDocument, options: ExtractOptions, report: RunReport | None = None
) -> list[ExtractedPage]:
    result: list[ExtractedPage] = run(
        lambda worker: worker.extract_pages(ExtractJob(document, options, "read")), OCR, backend, report
    )
    return result


def test_chat_request_auth_and_usage(server: FakeMistralServer) -> None:
    report = RunReport()
    job = LLMJob(LLMPrompt("Say hi", system_text="Be brief"), LLMSettings(temperature=0.2, max_tokens=50), "greet")
    text = gen_text(backend_for(server.base_url), job, report)
    assert text == "fake mistral answer to: Say hi"
    (request,) = server.requests
    assert request.path == "/v1/chat/completions"
    assert request.headers["authorization"] == f"Bearer {KEY}"
    assert request.body["model"] == "mistral-small-latest"
    assert request.body["messages"] == [
        {"role": "system", "content": "Be brief"},
        {"role": "user", "content": "Say hi"},
    ]
    assert (request.body["temperature"], request.body["max_tokens"]) == (0.2, 50)
    assert "response_format" not in request.body
    (call,) = report.calls
    assert (call.job_label, call.model, call.backend, call.sdk) == ("greet", "mistral-small", "mistral", "mistral")
    assert (call.input_tokens, call.output_tokens, call.retries) == (1, 9, 0)
    assert call.cost == pytest.approx((1 * 0.1 + 9 * 0.3) / 1e6)


def test_endpoint_is_the_server_url_without_v1(server: FakeMistralServer) -> None:
    assert server_url(backend_for(server.base_url + "/v1/")) == server.base_url
    gen_text(backend_for(server.base_url + "/v1"), LLMJob(LLMPrompt("hi")))
    assert server.requests[0].path == "/v1/chat/completions"


def test_structured_output_uses_a_strict_json_schema(server: FakeMistralServer) -> None:
    job = LLMJob(LLMPrompt("Judge this"))
    verdict = run(lambda worker: worker.gen_object(job, Verdict), CHAT, backend_for(server.base_url), None)
    assert verdict == Verdict(score=3, reason="fake reason")
    response_format = server.requests[0].body["response_format"]
    assert response_format["type"] == "json_schema"
    assert response_format["json_schema"]["name"] == "Verdict"
    assert response_format["json_schema"]["strict"] is True
    schema = response_format["json_schema"]["schema"]
    assert schema["additionalProperties"] is False
    assert schema["required"] == ["score", "reason"]
    assert "title" not in schema


def test_structured_answer_that_does_not_fit(server: FakeMistralServer) -> None:
    body = {
        "id": "x",
        "object": "chat.completion",
        "model": "m",
        "created": 0,
        "usage": {"prompt_tokens": 1, "completion_tokens": 1, "total_tokens": 2},
        "choices": [
            {"index": 0, "message": {"role": "assistant", "content": '{"score": "high"}'}, "finish_reason": "stop"}
        ],
    }
    server.script(200, body)
    job = LLMJob(LLMPrompt("Judge this"))
    with pytest.raises(OutputValidationError, match="does not fit `Verdict`"):
        run(lambda worker: worker.gen_object(job, Verdict), CHAT, backend_for(server.base_url), None)


def test_images_are_sent_as_image_url_parts(server: FakeMistralServer) -> None:
    image = "data:image/png;base64," + base64.b64encode(mock_png()).decode()
    gen_text(backend_for(server.base_url), LLMJob(LLMPrompt("Describe", user_images=(image,))))
    assert server.requests[0].body["messages"][-1]["content"] == [
        {"type": "text", "text": "Describe"},
        {"type": "image_url", "image_url": image},
    ]
    text_only = CHAT.model_copy(update={"inputs": ("text",), "name": "mistral-large"})
    with pytest.raises(ProviderBadRequestError, match="does not read images"):
        gen_text(backend_for(server.base_url), LLMJob(LLMPrompt("Describe", user_images=(image,))), spec=text_only)


@pytest.mark.parametrize(
    ("status", "body", "kind", "expected"),
    [
        (401, {"message": "Unauthorized", "request_id": "r1"}, ProviderAuthError, "rejected the API key"),
        (403, error_body("forbidden"), ProviderAuthError, "not allowed to use this model"),
        (429, error_body("Requests rate limit exceeded", "rate_limited"), ProviderRateLimitError, "rate limited"),
        (
            400,
            error_body("Prompt contains 40000 tokens, too large for model with 32768 maximum context length"),
            ContextTooLongError,
            "too long for the model: Prompt contains 40000 tokens",
        ),
        (400, error_body("Invalid temperature"), ProviderBadRequestError, "refused the request: Invalid temperature"),
        (
            422,
            {"detail": [{"loc": ["body", "model"], "msg": "field required", "type": "missing"}]},
            ProviderBadRequestError,
            "field required",
        ),
        (404, error_body("Invalid model: nope"), ProviderBadRequestError, "does not know the model id"),
        (500, error_body("Internal error", "internal"), ProviderServerError, "HTTP 500 \\(after 2 retries\\)"),
    ],
)
def test_provider_errors_map_to_types_with_status_and_no_key(
    server: FakeMistralServer, status: int, body: dict[str, Any], kind: type[ProviderError], expected: str
) -> None:
    for _ in range(3):
        server.script(status, body, {"retry-after-ms": "1"})
    with pytest.raises(kind, match=expected) as caught:
        gen_text(backend_for(server.base_url), LLMJob(LLMPrompt("hi")))
    assert (caught.value.status, caught.value.provider, caught.value.model) == (status, "mistral", "mistral-small")
    assert KEY not in str(caught.value)
    assert "backend `mistral`, model `mistral-small`" in str(caught.value)


def test_a_key_echoed_by_the_provider_is_masked(server: FakeMistralServer) -> None:
    server.script(400, error_body(f"bad key {KEY}"))
    with pytest.raises(ProviderBadRequestError) as caught:
        gen_text(backend_for(server.base_url), LLMJob(LLMPrompt("hi")))
    assert KEY not in str(caught.value)
    assert "bad key ***" in str(caught.value)


def test_transient_failures_are_retried_once_by_us_and_reported(server: FakeMistralServer) -> None:
    server.script(503, error_body("busy"), {"retry-after-ms": "1"})
    server.script(429, error_body("slow down"), {"retry-after": "0"})
    report = RunReport()
    assert gen_text(backend_for(server.base_url), LLMJob(LLMPrompt("hi")), report).startswith("fake mistral answer")
    assert len(server.requests) == 3
    assert report.calls[0].retries == 2


def test_max_retries_zero_fails_at_once(server: FakeMistralServer) -> None:
    server.script(503, error_body("busy"))
    with pytest.raises(ProviderServerError, match="HTTP 503: busy"):
        gen_text(backend_for(server.base_url, max_retries=0), LLMJob(LLMPrompt("hi")))
    assert len(server.requests) == 1


def test_timeout_and_unreachable_server() -> None:
    with socket.socket() as silent:  # accepts connections (backlog) but never answers
        silent.bind(("127.0.0.1", 0))
        silent.listen(8)
        url = f"http://127.0.0.1:{silent.getsockname()[1]}"
        with pytest.raises(ProviderTimeoutError, match="did not answer in time") as caught:
            gen_text(backend_for(url, max_retries=0, timeout_s=0.2), LLMJob(LLMPrompt("hi")))
    assert caught.value.status is None
    with socket.socket() as closed:
        closed.bind(("127.0.0.1", 0))
        port = closed.getsockname()[1]
    with pytest.raises(ProviderTimeoutError, match=f"could not connect to the provider at http://127.0.0.1:{port}"):
        gen_text(backend_for(f"http://127.0.0.1:{port}", max_retries=0), LLMJob(LLMPrompt("hi")))


def test_answer_that_is_not_a_completion(server: FakeMistralServer) -> None:
    server.script(200, {"id": "x", "choices": []})
    with pytest.raises(ProviderError, match="not a valid response") as caught:
        gen_text(backend_for(server.base_url), LLMJob(LLMPrompt("hi")))
    assert caught.value.status == 200


def test_missing_key_is_reported_at_use(server: FakeMistralServer) -> None:
    backend = InferenceBackend(
        name="mistral", endpoint=server.base_url, missing_env_vars={"api_key": ("MISTRAL_API_KEY",)}
    )
    with pytest.raises(MissingCredentialsError, match="MISTRAL_API_KEY"):
        gen_text(backend, LLMJob(LLMPrompt("hi")))
    assert server.requests == []


def test_ocr_of_a_pdf_sends_a_data_url_and_reads_pages(server: FakeMistralServer) -> None:
    report = RunReport()
    data = write_pdf(["one", "two"])
    pages = extract(
        backend_for(server.base_url), ExtractDocument(data, "application/pdf", "a.pdf"), ExtractOptions(), report
    )
    (request,) = server.requests
    assert request.path == "/v1/ocr"
    assert request.headers["authorization"] == f"Bearer {KEY}"
    assert request.body["model"] == "mistral-ocr-latest"
    assert request.body["document"]["type"] == "document_url"
    assert request.body["document"]["document_url"] == "data:application/pdf;base64," + base64.b64encode(data).decode()
    assert request.body["include_image_base64"] is True
    assert [page.text for page in pages] == [
        "# page 1\n\n![img-0.png](img-0.png)",
        "# page 2\n\n![img-1.png](img-1.png)",
    ]
    assert [(image.mime_type, image.data) for image in pages[0].images] == [("image/png", mock_png())]
    assert all(page.page_view is None for page in pages)
    (call,) = report.calls
    assert (call.job_label, call.model, call.cost) == ("read", "mistral-ocr", pytest.approx(0.002))


def test_ocr_options_no_images_and_page_views(server: FakeMistralServer) -> None:
    options = ExtractOptions(max_page_images=0, page_views=True, page_views_dpi=36)
    (page,) = extract(backend_for(server.base_url), ExtractDocument(write_pdf(["x"]), "application/pdf"), options)
    assert server.requests[0].body["include_image_base64"] is False
    assert page.images == ()
    assert page.page_view is not None
    assert png_size(page.page_view.data) == (298, 421)


def test_ocr_of_an_image_sends_an_image_url(server: FakeMistralServer) -> None:
    png = mock_png()
    (page,) = extract(backend_for(server.base_url), ExtractDocument(png, "image/png", "scan.png"), ExtractOptions())
    assert server.requests[0].body["document"] == {
        "type": "image_url",
        "image_url": "data:image/png;base64," + base64.b64encode(png).decode(),
    }
    assert page.text.startswith("# page 1")


def test_ocr_errors_are_mapped(server: FakeMistralServer) -> None:
    server.script(401, {"message": "Unauthorized"})
    with pytest.raises(ProviderAuthError) as caught:
        extract(backend_for(server.base_url), ExtractDocument(b"%PDF-1.4", "application/pdf"), ExtractOptions())
    assert caught.value.model == "mistral-ocr"
    assert KEY not in str(caught.value)


def test_model_lister(server: FakeMistralServer) -> None:
    out = io.StringIO()
    with redirect_stdout(out):
        asyncio.run(
            _list_mistral_models(
                sdk="mistral",
                backend_name="mistral",
                backend=backend_for(server.base_url),
                flat=False,
                any_listed=False,
            )
        )
    assert out.getvalue().splitlines() == [
        f"mistral (mistral): 2 models at {server.base_url}",
        "  mistral-large-latest",
        "  mistral-ocr-latest",
    ]
    assert server.requests[0].path == "/v1/models"
    assert server.requests[0].headers["authorization"] == f"Bearer {KEY}"
