"""Contents of the media concepts: images, documents and pages.

An image or document is referenced by ``url``: a file path, an ``http(s)`` URL, or a ``data:`` URL
holding the bytes (generated images, dry-run mocks). When results are saved, ``data:`` URLs become
files of the output folder, referenced by their path.
"""

from __future__ import annotations

import base64
import binascii
import mimetypes
from pathlib import Path
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict

PDF_MIME = "application/pdf"
_MAGIC = (
    (b"%PDF", PDF_MIME),
    (b"\x89PNG\r\n\x1a\n", "image/png"),
    (b"\xff\xd8\xff", "image/jpeg"),
    (b"GIF8", "image/gif"),
)


class ImageValue(BaseModel):
    """An image: where it is, its type, and an optional caption."""

    model_config = ConfigDict(extra="forbid")

    kind: Literal["image"] = "image"
    url: str
    mime_type: str | None = None
    caption: str | None = None


class DocumentValue(BaseModel):
    """A document (a PDF, …): where it is and its type."""

    model_config = ConfigDict(extra="forbid")

    kind: Literal["document"] = "document"
    url: str
    mime_type: str | None = None


class PageValue(BaseModel):
    """A page of a document: its text, the images on it and, when asked, a rendering of the whole page."""

    model_config = ConfigDict(extra="forbid")

    kind: Literal["page"] = "page"
    page_number: int
    text: str
    images: list[ImageValue] = []
    page_view: ImageValue | None = None


def data_url(data: bytes, mime_type: str) -> str:
    """``data:<mime>;base64,…`` holding ``data``."""
    return f"data:{mime_type};base64,{base64.b64encode(data).decode('ascii')}"


def decode_data_url(url: str) -> tuple[bytes, str]:
    """The bytes and type of a ``data:`` URL.

    Raises:
        ValueError: not a base64 ``data:`` URL.
    """
    header, _, payload = url.partition(",")
    if not header.startswith("data:") or not header.endswith(";base64"):
        raise ValueError("not a base64 data: URL")
    try:
        return base64.b64decode(payload, validate=True), header[5:-7] or "application/octet-stream"
    except binascii.Error:
        raise ValueError("the data: URL holds invalid base64") from None


def is_remote(url: str) -> bool:
    return url.startswith(("http://", "https://"))


def guess_mime_type(name: str, data: bytes | None = None) -> str | None:
    """The type of a file, from its first bytes when known, else from its name."""
    if data is not None:
        for magic, mime_type in _MAGIC:
            if data.startswith(magic):
                return mime_type
        if data[:4] == b"RIFF" and data[8:12] == b"WEBP":
            return "image/webp"
    return mimetypes.guess_type(name)[0]


def read_media(url: str) -> tuple[bytes, str | None]:
    """The bytes of a local file or ``data:`` URL, and its type.

    Raises:
        ValueError: a remote URL (not downloaded) or an unreadable file, with a message for the user.
    """
    if url.startswith("data:"):
        data, mime_type = decode_data_url(url)
        return data, mime_type
    if is_remote(url):
        raise ValueError(f"`{url}` is a remote URL: download the file and give its path")
    try:
        data = Path(url).read_bytes()
    except OSError as error:
        raise ValueError(f"cannot read `{url}`: {error.strerror or error}") from None
    return data, guess_mime_type(url, data)


def template_media(value: Any) -> Any:
    """A plain page as templates see it: also under the older layout ``page.text_and_images.text.text``."""
    if isinstance(value, dict) and value.get("kind") == "page" and "text_and_images" not in value:
        text_and_images = {"text": {"text": value.get("text", "")}, "images": value.get("images") or []}
        return {**value, "text_and_images": text_and_images}
    return value


def render_media(value: Any) -> str | None:
    """The Markdown of a plain image, document or page (as dumped to JSON), or ``None`` for other values."""
    if not isinstance(value, dict):
        return None
    kind = value.get("kind")
    if kind in ("image", "document") and isinstance(value.get("url"), str):
        url = _shown_url(value["url"])
        if kind == "document":
            return f"[document]({url})"
        return f"![{value.get('caption') or 'image'}]({url})"
    if kind == "page" and isinstance(value.get("text"), str):
        parts = [f"<!-- page {value.get('page_number', '?')} -->", value["text"]]
        parts.extend(render_media(image) or "" for image in value.get("images") or [])
        if value.get("page_view"):
            parts.append(render_media(value["page_view"]) or "")
        return "\n\n".join(part for part in parts if part)
    return None


def _shown_url(url: str) -> str:
    if url.startswith("data:"):
        return url.partition(",")[0] + ",…"
    return url
