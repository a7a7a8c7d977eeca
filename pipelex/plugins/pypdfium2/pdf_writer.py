"""Writing small PDFs with pypdfium2: the one-page document a dry run gives a missing Document input."""

from __future__ import annotations

import ctypes
import io
from collections.abc import Sequence

from pipelex.plugins.pypdfium2.pypdfium2_extract_worker import PDFIUM_LOCK

_A4_POINTS = (595.0, 842.0)
_MARGIN = 72.0
_FONT_SIZE = 14.0


def write_pdf(page_texts: Sequence[str]) -> bytes:
    """A real A4 PDF with one page per text, each page's text layer holding its text (one line)."""
    import pypdfium2 as pdfium
    import pypdfium2.raw as pdfium_c

    with PDFIUM_LOCK:
        pdf = pdfium.PdfDocument.new()
        try:
            width, height = _A4_POINTS
            for text in page_texts:
                page = pdf.new_page(width, height)
                text_object = pdfium_c.FPDFPageObj_NewTextObj(pdf.raw, b"Helvetica", ctypes.c_float(_FONT_SIZE))
                encoded = (text + "\x00").encode("utf-16-le")
                buffer = ctypes.create_string_buffer(encoded, len(encoded))
                pdfium_c.FPDFText_SetText(text_object, ctypes.cast(buffer, ctypes.POINTER(pdfium_c.FPDF_WCHAR)))
                pdfium_c.FPDFPageObj_Transform(text_object, 1, 0, 0, 1, _MARGIN, height - _MARGIN)
                pdfium_c.FPDFPage_InsertObject(page.raw, text_object)
                pdfium_c.FPDFPage_GenerateContent(page.raw)
                page.close()
            output = io.BytesIO()
            pdf.save(output)
            return output.getvalue()
        finally:
            pdf.close()


def one_page_pdf(text: str) -> bytes:
    """A real one-page PDF whose text layer holds ``text``."""
    return write_pdf([text])
