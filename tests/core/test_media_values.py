"""Media contents: PNG encoding, data URLs, Markdown rendering, and the mock extraction worker."""

from __future__ import annotations

import asyncio
import struct
import zlib

import pytest

from pipelex.cogt.extract.extract_job import ExtractDocument, ExtractJob, ExtractOptions
from pipelex.cogt.model_backends.model_spec import InferenceModelSpec
from pipelex.core.media_values import ImageValue, PageValue, data_url, decode_data_url, guess_mime_type, render_media
from pipelex.core.png import encode_png, mock_png, png_size
from pipelex.core.stuff import render_text
from pipelex.plugins.mock.mock_extract_worker import MockExtractWorker
from pipelex.plugins.pypdfium2.pdf_writer import write_pdf


def decode_png_rows(data: bytes) -> list[bytes]:
    """The raw rows of an 8-bit PNG written by encode_png (filter 0, one IDAT chunk)."""
    _width, height = png_size(data) or (0, 0)
    length = struct.unpack(">I", data[33:37])[0]
    assert data[37:41] == b"IDAT"
    raw = zlib.decompress(data[41 : 41 + length])
    row = len(raw) // height
    assert all(raw[index * row] == 0 for index in range(height))
    return [raw[index * row + 1 : (index + 1) * row] for index in range(height)]


def test_encode_png_round_trips_rgb_with_a_stride() -> None:
    pixels = bytes([255, 0, 0, 0, 255, 0, 9, 9]) + bytes([0, 0, 255, 1, 2, 3, 9, 9])  # 2x2 RGB, 2 padding bytes
    data = encode_png(2, 2, pixels, stride=8)
    assert png_size(data) == (2, 2)
    assert decode_png_rows(data) == [bytes([255, 0, 0, 0, 255, 0]), bytes([0, 0, 255, 1, 2, 3])]


def test_encode_png_refuses_what_it_cannot_hold() -> None:
    with pytest.raises(ValueError, match="cannot hold a 4x4 image"):
        encode_png(4, 4, b"\x00" * 10)
    with pytest.raises(ValueError, match="1, 3 or 4 channels"):
        encode_png(1, 1, b"\x00\x00", channels=2)


def test_mock_png_is_a_real_png_and_variants_differ() -> None:
    assert png_size(mock_png()) == (64, 64)
    assert mock_png(variant=1) != mock_png(variant=0)
    assert guess_mime_type("x", mock_png()) == "image/png"


def test_data_urls_round_trip() -> None:
    url = data_url(b"%PDF-1.7", "application/pdf")
    assert decode_data_url(url) == (b"%PDF-1.7", "application/pdf")
    with pytest.raises(ValueError, match="not a base64 data: URL"):
        decode_data_url("data:text/plain,hello")


def test_media_render_as_markdown() -> None:
    page = PageValue(
        page_number=2,
        text="Hello",
        images=[ImageValue(url="media/a.png", caption="a chart")],
        page_view=ImageValue(url=data_url(mock_png(), "image/png")),
    )
    assert render_media(page.model_dump(mode="json")) == (
        "<!-- page 2 -->\n\nHello\n\n![a chart](media/a.png)\n\n![image](data:image/png;base64,…)"
    )
    assert render_text({"kind": "document", "url": "a.pdf"}) == "[document](a.pdf)"
    assert render_text({"kind": "other", "url": "a.pdf"}) == "kind: other\nurl: a.pdf"


def test_mock_extract_gives_one_page_per_pdf_page() -> None:
    spec = InferenceModelSpec(backend_name="ocr", name="ocr-model", model_id="ocr-model", sdk="ocr")
    worker = MockExtractWorker(inference_model=spec, reporting_delegate=None)
    document = ExtractDocument(write_pdf(["a", "b", "c"]), "application/pdf", "three.pdf")
    pages = asyncio.run(worker.extract_pages(ExtractJob(document, ExtractOptions(page_views=True))))
    assert [page.text for page in pages] == [f"[dry run: mock text of page {n} of `three.pdf`]" for n in (1, 2, 3)]
    assert all(page.page_view is not None and len(page.images) == 1 for page in pages)
    image = ExtractDocument(mock_png(), "image/png", "scan.png")
    assert len(asyncio.run(worker.extract_pages(ExtractJob(image, ExtractOptions(max_page_images=0))))) == 1
