"""docs/plugins.md cannot rot: every Python block runs, and its worked example plugin serves each family.

The blocks are executed as written; a fake `acme` SDK stands in for the client they call.
"""

from __future__ import annotations

import asyncio
import importlib.machinery
import re
import sys
import types
from typing import Any

import pytest
from pydantic import BaseModel

from pipelex.cogt.extract.extract_job import ExtractDocument, ExtractJob
from pipelex.cogt.extract.extract_worker_abstract import ExtractWorkerAbstract
from pipelex.cogt.img_gen.img_gen_job import ImgGenJob, ImgGenPrompt
from pipelex.cogt.img_gen.img_gen_worker_abstract import ImgGenWorkerAbstract
from pipelex.cogt.llm.llm_job import LLMJob, LLMPrompt
from pipelex.cogt.llm.llm_worker_abstract import LLMWorkerAbstract
from pipelex.cogt.model_backends.backend import InferenceBackend
from pipelex.cogt.model_backends.model_spec import InferenceModelSpec
from pipelex.cogt.search.search_job import SearchJob
from pipelex.cogt.search.search_worker_abstract import SearchWorkerAbstract
from pipelex.plugins.inference_backend_registry import InferenceFamily
from pipelex.plugins.registrar import PluginRegistrar
from pipelex.plugins.sdk_client_registry import SdkClientRegistry
from pipelex.reporting.run_report import RunReport
from tests.conftest import REPO_ROOT

PAGE = (REPO_ROOT / "docs" / "plugins.md").read_text(encoding="utf-8")
BLOCKS = re.findall(r"^```python\n(.*?)^```$", PAGE, re.MULTILINE | re.DOTALL)
SPEC = InferenceModelSpec(backend_name="acme", name="acme-1", model_id="acme-1", sdk="acme", costs={"input": 1.0})


class Answer(BaseModel):
    word: str


class FakeAcmeClient:
    def __init__(self, api_key: str | None = None) -> None:
        self.api_key = api_key

    async def complete(self, **arguments: Any) -> Any:
        text = '{"word": "tea"}' if "JSON" in arguments["user"] else f"echo: {arguments['user']}"
        return types.SimpleNamespace(text=text, tokens_in=3, tokens_out=2)

    async def ocr(self, data: bytes, content_type: str) -> Any:
        image = types.SimpleNamespace(png=b"png")
        return types.SimpleNamespace(
            pages=[types.SimpleNamespace(markdown=f"{content_type}: {data!r}", images=[image])]
        )

    async def draw(self, prompt: str, negative: str | None, count: int) -> Any:
        return types.SimpleNamespace(images=[b"png"] * count, tokens_in=5, tokens_out=0)

    async def search(self, query: str, limit: int | None) -> Any:
        hit = types.SimpleNamespace(url="https://example.org", title="Tea", text=query)
        return types.SimpleNamespace(summary=f"about {query}", hits=[hit] * (limit or 1), price=0.01)


@pytest.fixture
def documented(monkeypatch: pytest.MonkeyPatch) -> dict[str, Any]:
    acme = types.ModuleType("acme")
    acme.__spec__ = importlib.machinery.ModuleSpec("acme", None)
    acme.AcmeClient = FakeAcmeClient  # type: ignore[attr-defined]
    monkeypatch.setitem(sys.modules, "acme", acme)
    namespace: dict[str, Any] = {}
    for block in BLOCKS:
        exec(compile(block, "docs/plugins.md", "exec"), namespace)
    return namespace


def worker_of(namespace: dict[str, Any], base: type, report: RunReport) -> Any:
    (cls,) = [
        value
        for value in namespace.values()
        if isinstance(value, type) and issubclass(value, base) and value is not base
    ]
    return cls(sdk_instance=FakeAcmeClient(), inference_model=SPEC, reporting_delegate=report)


def test_the_page_has_a_block_per_family() -> None:
    assert len(BLOCKS) >= 4


def test_documented_plugin_registers_and_builds_its_llm_worker(documented: dict[str, Any]) -> None:
    registrar = PluginRegistrar()
    registrar.begin("acme")
    documented["AcmePlugin"]().register(registrar)
    make_worker = registrar.inference_backends[(InferenceFamily.LLM, "acme")]
    report = RunReport()
    worker = make_worker(
        inference_model=SPEC,
        backend=InferenceBackend(name="acme", api_key="k"),
        sdk_clients=SdkClientRegistry(),
        reporting_delegate=report,
    )
    assert isinstance(worker, LLMWorkerAbstract)
    assert worker.client.api_key == "k"
    assert asyncio.run(worker.gen_text(LLMJob(LLMPrompt("hi"), job_label="x"))) == "echo: hi"
    assert asyncio.run(worker.gen_object(LLMJob(LLMPrompt("JSON please")), Answer)) == Answer(word="tea")
    assert (report.calls[0].input_tokens, report.calls[0].output_tokens) == (3, 2)


def test_documented_extract_image_and_search_workers_run(documented: dict[str, Any]) -> None:
    report = RunReport()
    extract = worker_of(documented, ExtractWorkerAbstract, report)
    (page,) = asyncio.run(extract.extract_pages(ExtractJob(ExtractDocument(b"%PDF", "application/pdf"))))
    assert page.text == "application/pdf: b'%PDF'"
    assert [image.data for image in page.images] == [b"png"]
    images = asyncio.run(
        worker_of(documented, ImgGenWorkerAbstract, report).gen_images(ImgGenJob(ImgGenPrompt("a cat")))
    )
    assert [image.data for image in images] == [b"png"]
    result = asyncio.run(worker_of(documented, SearchWorkerAbstract, report).search(SearchJob("tea")))
    assert result.answer == "about tea"
    assert result.sources[0].url == "https://example.org"
    assert [call.cost for call in report.calls][-1] == 0.01
