"""Reading PDFs with docling's model-free ``NativePdfPipeline``: no layout, OCR or table model, so no model
download and no network. Each page's text is docling's markdown export of that page; embedded pictures and
page renderings come back as PNGs when asked.

Only PDFs: an image needs OCR, which docling does with models (use an OCR model such as ``mistral-ocr``).
"""

from __future__ import annotations

import asyncio
import io
from typing import Any

from pipelex.cogt.exceptions import ProviderError
from pipelex.cogt.extract.extract_job import ExtractedImage, ExtractedPage, ExtractJob, ExtractOptions
from pipelex.cogt.extract.extract_worker_abstract import ExtractWorkerAbstract

_POINTS_PER_INCH = 72
_FAILURE = "failure"


class DoclingExtractWorker(ExtractWorkerAbstract):
    """Extracts the text layer of PDFs page by page (scanned pages come back without text)."""

    async def _extract_pages(self, extract_job: ExtractJob) -> list[ExtractedPage]:
        document = extract_job.document
        if not document.is_pdf:
            raise self._error(
                f"model `{self.inference_model.name}` reads PDF documents only, not {document.mime_type} "
                f"(`{document.name}`): use an OCR model for images"
            )
        return await asyncio.to_thread(
            self._convert, document.data, document.name or "document.pdf", extract_job.options
        )

    def _convert(self, data: bytes, name: str, options: ExtractOptions) -> list[ExtractedPage]:
        from docling.datamodel.base_models import DocumentStream

        wants_images = options.max_page_images is None or options.max_page_images > 0
        converter = _native_pdf_converter(
            page_images=options.page_views,
            picture_images=wants_images,
            scale=options.page_views_dpi / _POINTS_PER_INCH,
        )
        file_name = name.rsplit("/", 1)[-1] if name.lower().endswith(".pdf") else "document.pdf"
        try:
            result = converter.convert(DocumentStream(name=file_name, stream=io.BytesIO(data)), raises_on_error=False)
        except Exception as error:
            raise self._error(f"`{name}` cannot be read as a PDF by docling ({type(error).__name__})") from None
        status = getattr(result.status, "value", result.status)
        if status == _FAILURE:
            reasons = "; ".join(str(getattr(item, "error_message", item)) for item in result.errors[:3])
            raise self._error(f"docling could not read `{name}`{': ' + reasons if reasons else ''}")
        document = result.document
        pictures = _pictures_by_page(document) if wants_images else {}
        pages: list[ExtractedPage] = []
        for page_no in sorted(document.pages):
            images = tuple(pictures.get(page_no, ()))
            if options.max_page_images is not None:
                images = images[: options.max_page_images]
            view = _png(getattr(document.pages[page_no].image, "pil_image", None)) if options.page_views else None
            text = document.export_to_markdown(page_no=page_no)
            pages.append(ExtractedPage(text=text.strip(), images=images, page_view=view))
        return pages

    def _error(self, message: str) -> ProviderError:
        spec = self.inference_model
        return ProviderError(message, provider=spec.backend_name, model=spec.name)


def _native_pdf_converter(*, page_images: bool, picture_images: bool, scale: float) -> Any:
    """A converter whose PDF pipeline is the model-free native one."""
    from docling.datamodel.base_models import InputFormat
    from docling.datamodel.pipeline_options import NativePdfPipelineOptions
    from docling.document_converter import DocumentConverter, PdfFormatOption
    from docling.pipeline.native_pdf_pipeline import NativePdfPipeline

    pipeline_options = NativePdfPipelineOptions(
        generate_page_images=page_images, generate_picture_images=picture_images, images_scale=scale
    )
    format_option = PdfFormatOption(pipeline_cls=NativePdfPipeline, pipeline_options=pipeline_options)
    return DocumentConverter(allowed_formats=[InputFormat.PDF], format_options={InputFormat.PDF: format_option})


def _pictures_by_page(document: Any) -> dict[int, list[ExtractedImage]]:
    found: dict[int, list[ExtractedImage]] = {}
    for picture in getattr(document, "pictures", []):
        provenance = getattr(picture, "prov", None) or []
        image = _png(picture.get_image(document)) if provenance else None
        if image is not None:
            found.setdefault(provenance[0].page_no, []).append(image)
    return found


def _png(pil_image: Any) -> ExtractedImage | None:
    if pil_image is None:
        return None
    buffer = io.BytesIO()
    pil_image.save(buffer, format="PNG")
    return ExtractedImage(data=buffer.getvalue(), mime_type="image/png")
