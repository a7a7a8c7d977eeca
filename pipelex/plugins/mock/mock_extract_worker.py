"""The dry-run extraction worker: one page of placeholder text per page of the input, no network."""

from __future__ import annotations

import asyncio
import re

from pipelex.cogt.extract.extract_job import ExtractedImage, ExtractedPage, ExtractJob
from pipelex.cogt.extract.extract_worker_abstract import ExtractWorkerAbstract
from pipelex.cogt.model_backends.model_spec import InferenceModelSpec
from pipelex.core.png import mock_png
from pipelex.reporting.reporting_protocol import ReportingProtocol

# A page object of an uncompressed PDF; compressed object streams hide them, hence the fallback to 1.
_PDF_PAGE = re.compile(rb"/Type\s*/Page(?![A-Za-z])")


def count_pages(data: bytes, is_pdf: bool) -> int:
    """The number of pages of a PDF (1 for an image, or when the PDF does not say)."""
    if not is_pdf:
        return 1
    try:
        import pypdfium2 as pdfium

        from pipelex.plugins.pypdfium2.pypdfium2_extract_worker import PDFIUM_LOCK

        with PDFIUM_LOCK:
            pdf = pdfium.PdfDocument(data)
            try:
                return max(1, len(pdf))
            finally:
                pdf.close()
    except Exception:  # a dry run must not fail on an input a real model would read
        return max(1, len(_PDF_PAGE.findall(data)))


class MockExtractWorker(ExtractWorkerAbstract):
    """Answers at once: placeholder text, and the mock image where images or page views are asked for."""

    def __init__(
        self,
        *,
        inference_model: InferenceModelSpec,
        reporting_delegate: ReportingProtocol | None,
        latency_s: float = 0.0,
    ) -> None:
        super().__init__(inference_model=inference_model, reporting_delegate=reporting_delegate)
        self.latency_s = latency_s

    async def _extract_pages(self, extract_job: ExtractJob) -> list[ExtractedPage]:
        if self.latency_s > 0:
            await asyncio.sleep(self.latency_s)
        document = extract_job.document
        options = extract_job.options
        image = ExtractedImage(mock_png(), caption="[dry run: mock caption]" if options.page_image_captions else None)
        pages: list[ExtractedPage] = []
        for number in range(1, count_pages(document.data, document.is_pdf) + 1):
            text = f"[dry run: mock text of page {number} of `{document.name or 'the document'}`]"
            images = (image,) if options.max_page_images is None or options.max_page_images > 0 else ()
            view = ExtractedImage(mock_png()) if options.page_views else None
            pages.append(ExtractedPage(text=text, images=images, page_view=view))
        return pages
