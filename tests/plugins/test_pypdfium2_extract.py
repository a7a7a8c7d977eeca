"""The local pypdfium2 extractor on PDFs generated here: text per page, embedded images, page renderings."""

from __future__ import annotations

import asyncio
import io

import pytest

from pipelex.cogt.exceptions import ProviderError
from pipelex.cogt.extract.extract_job import ExtractDocument, ExtractedPage, ExtractJob, ExtractOptions
from pipelex.cogt.model_backends.model_spec import InferenceModelSpec
from pipelex.core.png import png_size
from pipelex.plugins.pypdfium2.pdf_writer import write_pdf
from pipelex.plugins.pypdfium2.pypdfium2_extract_worker import Pypdfium2ExtractWorker
from pipelex.reporting.run_report import RunReport

SPEC = InferenceModelSpec(
    backend_name="internal",
    name="pypdfium2-extract-text",
    model_id="pypdfium2-extract-text",
    sdk="pypdfium2",
    inputs=("pdf",),
    outputs=("pages",),
    costs={"per_page": 0.0},
)


def extract(data: bytes, options: ExtractOptions | None = None, report: RunReport | None = None) -> list[ExtractedPage]:
    worker = Pypdfium2ExtractWorker(inference_model=SPEC, reporting_delegate=report)
    job = ExtractJob(ExtractDocument(data, "application/pdf", "test.pdf"), options or ExtractOptions(), "read")
    return asyncio.run(worker.extract_pages(job))


def pdf_with_an_image() -> bytes:
    """One page with a line of text and a 20x10 red image."""
    import pypdfium2 as pdfium
    import pypdfium2.raw as pdfium_c

    pdf = pdfium.PdfDocument(write_pdf(["A page with a picture"]))
    page = pdf[0]
    image = pdfium.PdfImage.new(pdf)
    bitmap = pdfium.PdfBitmap.new_native(20, 10, pdfium_c.FPDFBitmap_BGR)
    bitmap.fill_rect((255, 0, 0, 255), 0, 0, 20, 10)
    image.set_bitmap(bitmap)
    image.set_matrix(pdfium.PdfMatrix().scale(40, 20).translate(100, 100))
    page.insert_obj(image)
    page.gen_content()
    output = io.BytesIO()
    pdf.save(output)
    return output.getvalue()


def test_text_of_each_page_in_order() -> None:
    report = RunReport()
    pages = extract(write_pdf(["First page", "Second page", "Third page"]), report=report)
    assert [page.text for page in pages] == ["First page", "Second page", "Third page"]
    assert all(page.page_view is None and page.images == () for page in pages)
    (call,) = report.calls
    assert (call.job_label, call.model, call.backend, call.cost) == ("read", "pypdfium2-extract-text", "internal", 0.0)


def test_page_views_are_pngs_at_the_asked_resolution() -> None:
    (page,) = extract(write_pdf(["Rendered"]), ExtractOptions(page_views=True, page_views_dpi=72))
    assert page.page_view is not None
    assert page.page_view.mime_type == "image/png"
    assert png_size(page.page_view.data) == (595, 842)  # A4 in points, at 72 dpi one pixel per point
    (half,) = extract(write_pdf(["Rendered"]), ExtractOptions(page_views=True, page_views_dpi=36))
    assert half.page_view is not None
    assert png_size(half.page_view.data) == (298, 421)


def test_embedded_images_up_to_the_limit() -> None:
    data = pdf_with_an_image()
    (page,) = extract(data)
    assert page.text == "A page with a picture"
    assert [png_size(image.data) for image in page.images] == [(20, 10)]
    (none,) = extract(data, ExtractOptions(max_page_images=0))
    assert none.images == ()


def test_not_a_pdf_is_a_provider_error() -> None:
    with pytest.raises(ProviderError, match=r"`test.pdf` cannot be read as a PDF"):
        extract(b"this is not a PDF")


def test_images_are_refused_with_a_hint() -> None:
    worker = Pypdfium2ExtractWorker(inference_model=SPEC, reporting_delegate=None)
    job = ExtractJob(ExtractDocument(b"\x89PNG", "image/png", "scan.png"))
    with pytest.raises(ProviderError, match=r"reads PDF documents only.*use an OCR model"):
        asyncio.run(worker.extract_pages(job))
