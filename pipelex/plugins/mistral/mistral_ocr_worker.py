"""Extraction with Mistral OCR (``POST /v1/ocr``): each page's markdown, its embedded images when asked.

The document goes inline as a base64 ``data:`` URL (``document_url`` for a PDF, ``image_url`` for an image).
Mistral OCR does not render pages: when ``page_views`` are asked, PDF pages are rendered on this machine with
pypdfium2, and an image is its own page view. Image captions are not asked for (``caption`` stays empty).
"""

from __future__ import annotations

import asyncio
import base64
import binascii
from typing import Any

from pipelex.cogt.extract.extract_job import ExtractDocument, ExtractedImage, ExtractedPage, ExtractJob, ExtractOptions
from pipelex.cogt.extract.extract_worker_abstract import ExtractWorkerAbstract
from pipelex.cogt.model_backends.model_spec import InferenceModelSpec
from pipelex.plugins.mistral.mistral_call import call_mistral
from pipelex.plugins.mistral.mistral_client import MistralConnection
from pipelex.plugins.mistral.mistral_errors import bad_answer
from pipelex.reporting.reporting_protocol import ReportingProtocol


def data_url(data: bytes, mime_type: str) -> str:
    return f"data:{mime_type};base64,{base64.b64encode(data).decode('ascii')}"


def document_chunk(document: ExtractDocument) -> dict[str, str]:
    """The OCR request's ``document``: a PDF as ``document_url``, an image as ``image_url``."""
    url = data_url(document.data, document.mime_type)
    if document.is_pdf:
        return {"type": "document_url", "document_url": url}
    return {"type": "image_url", "image_url": url}


class MistralOcrWorker(ExtractWorkerAbstract):
    """Reads PDFs and images with a Mistral OCR model."""

    def __init__(
        self,
        *,
        sdk_instance: MistralConnection,
        inference_model: InferenceModelSpec,
        reporting_delegate: ReportingProtocol | None,
    ) -> None:
        super().__init__(inference_model=inference_model, reporting_delegate=reporting_delegate)
        self.connection = sdk_instance

    async def _extract_pages(self, extract_job: ExtractJob) -> list[ExtractedPage]:
        spec = self.inference_model
        document = extract_job.document
        options = extract_job.options
        arguments: dict[str, Any] = {"model": spec.model_id, "document": document_chunk(document)}
        wants_images = options.max_page_images is None or options.max_page_images > 0
        arguments["include_image_base64"] = wants_images
        ocr = self.connection.sdk.ocr
        result = await call_mistral(lambda: ocr.process_async(**arguments), spec, self.connection.settings)
        pages = sorted(result.value.pages, key=lambda page: page.index)
        views = await self._page_views(document, options, len(pages))
        return [
            ExtractedPage(
                text=page.markdown.strip(),
                images=self._images(page.images, options) if wants_images else (),
                page_view=views[number] if number < len(views) else None,
            )
            for number, page in enumerate(pages)
        ]

    def _images(self, images: list[Any], options: ExtractOptions) -> tuple[ExtractedImage, ...]:
        found: list[ExtractedImage] = []
        for image in images:
            if options.max_page_images is not None and len(found) >= options.max_page_images:
                break
            encoded = getattr(image, "image_base64", None)
            if isinstance(encoded, str) and encoded:
                found.append(self._decoded(encoded, str(getattr(image, "id", "image"))))
        return tuple(found)

    def _decoded(self, encoded: str, image_id: str) -> ExtractedImage:
        """An image of the answer: a ``data:`` URL, or bare base64 typed by its file name (``img-0.jpeg``)."""
        mime_type = _mime_type_of(image_id)
        if encoded.startswith("data:"):
            header, _, encoded = encoded.partition(",")
            mime_type = header.removeprefix("data:").split(";", 1)[0] or mime_type
        try:
            return ExtractedImage(data=base64.b64decode(encoded, validate=True), mime_type=mime_type)
        except (binascii.Error, ValueError):
            raise bad_answer(
                self.inference_model, f"the image `{image_id}` of the answer is not valid base64"
            ) from None

    async def _page_views(
        self, document: ExtractDocument, options: ExtractOptions, count: int
    ) -> list[ExtractedImage | None]:
        if not options.page_views:
            return []
        if not document.is_pdf:
            return [ExtractedImage(data=document.data, mime_type=document.mime_type)] * count
        from pipelex.plugins.pypdfium2.pypdfium2_extract_worker import render_page_views

        try:
            return await asyncio.to_thread(render_page_views, document.data, options.page_views_dpi)
        except Exception:  # the provider read it; a PDF PDFium cannot render simply has no page views
            return []


def _mime_type_of(name: str) -> str:
    extension = name.rsplit(".", 1)[-1].lower() if "." in name else ""
    return {"jpg": "image/jpeg", "jpeg": "image/jpeg", "png": "image/png", "webp": "image/webp"}.get(
        extension, "image/jpeg"
    )
