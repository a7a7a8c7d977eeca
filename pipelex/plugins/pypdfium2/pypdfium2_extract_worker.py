"""Reading PDF pages on this machine with pypdfium2: text, embedded images and page renderings."""

from __future__ import annotations

import asyncio
import threading
from typing import TYPE_CHECKING, Any

from pipelex.cogt.exceptions import ProviderError
from pipelex.cogt.extract.extract_job import ExtractedImage, ExtractedPage, ExtractJob, ExtractOptions
from pipelex.cogt.extract.extract_worker_abstract import ExtractWorkerAbstract
from pipelex.core.png import encode_png

if TYPE_CHECKING:
    import pypdfium2

# PDFium is not thread-safe: one document at a time in this process, whichever thread runs it.
PDFIUM_LOCK = threading.Lock()
_POINTS_PER_INCH = 72


class Pypdfium2ExtractWorker(ExtractWorkerAbstract):
    """Extracts the text layer of PDFs (no OCR: scanned pages come back without text)."""

    async def _extract_pages(self, extract_job: ExtractJob) -> list[ExtractedPage]:
        document = extract_job.document
        if not document.is_pdf:
            raise ProviderError(
                f"model `{self.inference_model.name}` reads PDF documents only, not {document.mime_type} "
                f"(`{document.name}`): use an OCR model for images",
                provider=self.inference_model.backend_name,
                model=self.inference_model.name,
            )
        return await asyncio.to_thread(self._read_locked, document.data, document.name, extract_job.options)

    def _read_locked(self, data: bytes, name: str, options: ExtractOptions) -> list[ExtractedPage]:
        with PDFIUM_LOCK:
            return self._read(data, name, options)

    def _read(self, data: bytes, name: str, options: ExtractOptions) -> list[ExtractedPage]:
        import pypdfium2 as pdfium

        try:
            pdf = pdfium.PdfDocument(data)
        except pdfium.PdfiumError as error:
            raise ProviderError(
                f"`{name}` cannot be read as a PDF ({error})",
                provider=self.inference_model.backend_name,
                model=self.inference_model.name,
            ) from None
        try:
            return [_read_page(pdf[index], options) for index in range(len(pdf))]
        finally:
            pdf.close()


def render_page_views(data: bytes, dpi: int) -> list[ExtractedImage | None]:
    """A PNG rendering of each page of the PDF ``data`` (for extractors that cannot render pages themselves).

    Raises:
        pypdfium2.PdfiumError: ``data`` is not a readable PDF.
    """
    import pypdfium2 as pdfium

    with PDFIUM_LOCK:
        pdf = pdfium.PdfDocument(data)
        try:
            views: list[ExtractedImage | None] = []
            for index in range(len(pdf)):
                page = pdf[index]
                try:
                    views.append(_bitmap_image(page.render(scale=dpi / _POINTS_PER_INCH, rev_byteorder=True)))
                finally:
                    page.close()
            return views
        finally:
            pdf.close()


def _read_page(page: pypdfium2.PdfPage, options: ExtractOptions) -> ExtractedPage:
    try:
        textpage = page.get_textpage()
        try:
            text = textpage.get_text_bounded().replace("\r\n", "\n").replace("\r", "\n")
        finally:
            textpage.close()
        images = _page_images(page, options.max_page_images)
        view = None
        if options.page_views:
            bitmap = page.render(scale=options.page_views_dpi / _POINTS_PER_INCH, rev_byteorder=True)
            view = _bitmap_image(bitmap)
        return ExtractedPage(text=text.strip(), images=images, page_view=view)
    finally:
        page.close()


def _page_images(page: pypdfium2.PdfPage, limit: int | None) -> tuple[ExtractedImage, ...]:
    if limit == 0:
        return ()
    import pypdfium2 as pdfium

    images: list[ExtractedImage] = []
    for image_object in page.get_objects(filter=(pdfium.raw.FPDF_PAGEOBJ_IMAGE,)):
        if limit is not None and len(images) >= limit:
            break
        try:
            image = _bitmap_image(image_object.get_bitmap())
        except (pdfium.PdfiumError, ValueError):
            continue  # an image PDFium cannot decode is left out, like an unreadable glyph
        if image is not None:
            images.append(image)
    return tuple(images)


_CHANNEL_ORDER = {"L": (0,), "RGB": (0, 1, 2), "BGR": (2, 1, 0), "RGBA": (0, 1, 2, 3), "BGRA": (2, 1, 0, 3)}
_CHANNEL_ORDER |= {"RGBX": (0, 1, 2), "BGRX": (2, 1, 0)}


def _bitmap_image(bitmap: Any) -> ExtractedImage | None:
    """A PNG of a PDFium bitmap, or ``None`` for pixel formats it does not know."""
    order = _CHANNEL_ORDER.get(bitmap.mode)
    if order is None:
        return None
    width, height, stride, channels = bitmap.width, bitmap.height, bitmap.stride, bitmap.n_channels
    buffer = bytes(bitmap.buffer)
    if order == tuple(range(channels)):
        return ExtractedImage(encode_png(width, height, buffer, channels=channels, stride=stride))
    pixels = bytearray(width * height * len(order))
    for row in range(height):
        source = buffer[row * stride : row * stride + width * channels]
        target = row * width * len(order)
        for out_index, in_index in enumerate(order):
            pixels[target + out_index : target + width * len(order) : len(order)] = source[in_index::channels]
    return ExtractedImage(encode_png(width, height, bytes(pixels), channels=len(order)))
