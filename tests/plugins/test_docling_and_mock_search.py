"""The docling extract worker (optional extra) and the mock SEARCH worker."""

from __future__ import annotations

import asyncio
import importlib.util
import sys
import types
from typing import Any

import pytest

from pipelex.cogt.exceptions import ProviderError
from pipelex.cogt.extract.extract_job import ExtractDocument, ExtractedPage, ExtractJob, ExtractOptions
from pipelex.cogt.model_backends.backend import InferenceBackend
from pipelex.cogt.model_backends.model_spec import InferenceModelSpec
from pipelex.cogt.search.search_job import SearchJob, SearchOptions
from pipelex.cogt.search.search_worker_abstract import SearchWorkerAbstract
from pipelex.exceptions import MissingDependencyError
from pipelex.plugins.discovery import build_inference_backend_registry, build_registrar
from pipelex.plugins.docling.docling_extract_worker import DoclingExtractWorker
from pipelex.plugins.inference_backend_registry import InferenceFamily
from pipelex.plugins.pypdfium2.pdf_writer import write_pdf
from pipelex.plugins.sdk_client_registry import SdkClientRegistry
from pipelex.reporting.run_report import RunReport

DOCLING = InferenceModelSpec(
    backend_name="docling",
    name="docling-extract-text",
    model_id="docling-native-pdf",
    sdk="docling",
    inputs=("pdf",),
    outputs=("pages",),
    costs={"per_page": 0.0},
)
HAS_DOCLING = importlib.util.find_spec("docling") is not None


def make(family: InferenceFamily, sdk: str, spec: InferenceModelSpec, report: RunReport | None = None) -> Any:
    registry = build_inference_backend_registry(build_registrar(include_entry_points=False)[0])
    return registry.lookup(family=family, sdk=sdk)(
        inference_model=spec,
        backend=InferenceBackend(name=spec.backend_name),
        sdk_clients=SdkClientRegistry(),
        reporting_delegate=report,
    )


@pytest.mark.skipif(HAS_DOCLING, reason="docling is installed")
def test_missing_docling_names_the_package_and_the_extra() -> None:
    with pytest.raises(MissingDependencyError, match=r"`docling` is not installed: pip install 'pipelex\[docling\]'"):
        make(InferenceFamily.EXTRACT, "docling", DOCLING)


@pytest.mark.skipif(not HAS_DOCLING, reason="docling is not installed (extra pipelex[docling])")
def test_real_docling_reads_the_text_layer_offline() -> None:
    worker = make(InferenceFamily.EXTRACT, "docling", DOCLING)
    job = ExtractJob(ExtractDocument(write_pdf(["First page", "Second page"]), "application/pdf", "a.pdf"))
    pages = asyncio.run(worker.extract_pages(job))
    assert [page.text for page in pages] == ["First page", "Second page"]


def fake_docling(monkeypatch: pytest.MonkeyPatch, seen: dict[str, Any]) -> None:
    """A stand-in for docling's documented API, recording how the worker configured it."""

    class Status:
        value = "success"

    class Page:
        image = None

    class Document:
        def __init__(self) -> None:
            self.pages = {2: Page(), 1: Page()}
            self.pictures: list[Any] = []

        def export_to_markdown(self, page_no: int) -> str:
            return f"text of page {page_no}\n"

    class Converter:
        def __init__(self, allowed_formats: list[str], format_options: dict[str, Any]) -> None:
            seen["allowed_formats"] = allowed_formats
            seen["format_option"] = format_options["pdf"]

        def convert(self, source: Any, raises_on_error: bool) -> Any:
            seen["source"] = (source.name, source.stream.read()[:5], raises_on_error)
            return types.SimpleNamespace(status=Status(), errors=[], document=Document())

    class FormatOption:
        def __init__(self, pipeline_cls: Any, pipeline_options: Any) -> None:
            self.pipeline_cls, self.pipeline_options = pipeline_cls, pipeline_options

    modules = {
        "docling": {},
        "docling.datamodel": {},
        "docling.datamodel.base_models": {
            "DocumentStream": lambda name, stream: types.SimpleNamespace(name=name, stream=stream),
            "InputFormat": types.SimpleNamespace(PDF="pdf"),
        },
        "docling.datamodel.pipeline_options": {"NativePdfPipelineOptions": lambda **kwargs: kwargs},
        "docling.document_converter": {"DocumentConverter": Converter, "PdfFormatOption": FormatOption},
        "docling.pipeline": {},
        "docling.pipeline.native_pdf_pipeline": {"NativePdfPipeline": "NativePdfPipeline"},
    }
    for name, members in modules.items():
        module = types.ModuleType(name)
        module.__dict__.update(members)
        monkeypatch.setitem(sys.modules, name, module)


def test_docling_worker_uses_the_model_free_pipeline(monkeypatch: pytest.MonkeyPatch) -> None:
    seen: dict[str, Any] = {}
    fake_docling(monkeypatch, seen)
    report = RunReport()
    worker = DoclingExtractWorker(inference_model=DOCLING, reporting_delegate=report)
    job = ExtractJob(ExtractDocument(b"%PDF-1.7 ...", "application/pdf", "in/letter.pdf"), ExtractOptions(), "read")
    pages: list[ExtractedPage] = asyncio.run(worker.extract_pages(job))
    assert [page.text for page in pages] == ["text of page 1", "text of page 2"]
    option = seen["format_option"]
    assert option.pipeline_cls == "NativePdfPipeline"
    assert option.pipeline_options == {
        "generate_page_images": False,
        "generate_picture_images": True,
        "images_scale": 150 / 72,
    }
    assert seen["allowed_formats"] == ["pdf"]
    assert seen["source"] == ("letter.pdf", b"%PDF-", False)
    assert report.calls[0].cost == 0.0


def test_docling_refuses_images() -> None:
    worker = DoclingExtractWorker(inference_model=DOCLING, reporting_delegate=None)
    with pytest.raises(ProviderError, match=r"reads PDF documents only.*use an OCR model"):
        asyncio.run(worker.extract_pages(ExtractJob(ExtractDocument(b"\x89PNG", "image/png", "scan.png"))))


def test_mock_serves_every_family() -> None:
    registry = build_inference_backend_registry(build_registrar(include_entry_points=False)[0])
    for family in InferenceFamily:
        assert registry.lookup(family=family, sdk="mock")


def test_mock_search_worker() -> None:
    spec = InferenceModelSpec(backend_name="mock", name="web-search", model_id="web-search", sdk="mock")
    report = RunReport()
    worker = make(InferenceFamily.SEARCH, "mock", spec, report)
    assert isinstance(worker, SearchWorkerAbstract)
    result = asyncio.run(worker.search(SearchJob("tea history", SearchOptions(max_results=2), "find")))
    assert result.answer == "[dry run: mock answer to 'tea history']"
    assert [source.url for source in result.sources] == [
        "https://example.com/mock-result-1",
        "https://example.com/mock-result-2",
    ]
    (call,) = report.calls
    assert (call.job_label, call.model, call.cost) == ("find", "web-search", None)
    without = asyncio.run(worker.search(SearchJob("tea", SearchOptions(with_answer=False, include_domains=("a.org",)))))
    assert without.answer is None
    assert without.sources[0].url.startswith("https://a.org/")
