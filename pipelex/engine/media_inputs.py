"""Shaping and mocking the inputs of media concepts: Image, Document (PDF) and Page.

A string is a file path (checked now: it must exist and be readable), an ``http(s)`` URL or a ``data:``
URL; an object gives the fields (``{"url": ..., "mime_type": ...}``, or a page's ``{"text": ...}``). A
dry run mocks a missing Document with a real one-page PDF and a missing Image with a small real PNG.
"""

from __future__ import annotations

import os
import random
from pathlib import Path
from typing import Any

from pydantic import BaseModel, ValidationError

from pipelex.core.concepts import Concept, ContentKind
from pipelex.core.media_values import (
    PDF_MIME,
    DocumentValue,
    ImageValue,
    PageValue,
    data_url,
    decode_data_url,
    guess_mime_type,
    is_remote,
)
from pipelex.core.mock_values import mock_sentence
from pipelex.core.png import mock_png
from pipelex.core.validation_problems import validation_problems
from pipelex.exceptions import InputError

MEDIA_KINDS = (ContentKind.IMAGE, ContentKind.DOCUMENT, ContentKind.PAGE)
_MAGIC_BYTES = 16


def shape_media(name: str, value: Any, concept: Concept) -> BaseModel:
    """The content of an Image, Document or Page input.

    Raises:
        InputError: naming the input: a missing or unreadable file, an image that is not one, a bad object.
    """
    kind = concept.content_kind
    if kind is ContentKind.PAGE:
        return _validated(name, {"page_number": 1, "text": value} if isinstance(value, str) else value, concept)
    if isinstance(value, str):
        value = {"url": value}
    if not isinstance(value, dict) or not isinstance(value.get("url"), str):
        raise InputError(
            f"input `{name}`: `{concept.code}` is a file: give its path or URL as a string "
            f'(or {{"url": ..., "mime_type": ...}})'
        )
    url, mime_type = _checked_url(name, value["url"])
    fields = {"mime_type": mime_type, **value, "url": url}
    if kind is ContentKind.IMAGE and fields["mime_type"] and not str(fields["mime_type"]).startswith("image/"):
        raise InputError(f"input `{name}`: `{value['url']}` is {fields['mime_type']}, not an image")
    return _validated(name, fields, concept)


def _checked_url(name: str, url: str) -> tuple[str, str | None]:
    """The URL to keep (an absolute path for a file) and the type found, after checking the file is there."""
    if is_remote(url):
        return url, guess_mime_type(url)
    if url.startswith("data:"):
        try:
            data, mime_type = decode_data_url(url)
        except ValueError as error:
            raise InputError(f"input `{name}`: {error}") from None
        return url, guess_mime_type("", data) or mime_type
    path = Path(url).expanduser()
    if not path.exists():
        raise InputError(f"input `{name}`: no file at `{url}`")
    if not path.is_file():
        raise InputError(f"input `{name}`: `{url}` is not a file")
    try:
        with path.open("rb") as handle:
            head = handle.read(_MAGIC_BYTES)
    except OSError as error:
        raise InputError(f"input `{name}`: cannot read `{url}` ({error.strerror or 'unreadable'})") from None
    if not os.access(path, os.R_OK):
        raise InputError(f"input `{name}`: cannot read `{url}` (permission denied)")
    return str(path.resolve()), guess_mime_type(url, head)


def _validated(name: str, value: Any, concept: Concept) -> BaseModel:
    models: dict[ContentKind, type[BaseModel]] = {
        ContentKind.IMAGE: ImageValue,
        ContentKind.DOCUMENT: DocumentValue,
        ContentKind.PAGE: PageValue,
    }
    model = models[concept.content_kind]
    try:
        return model.model_validate(value)
    except ValidationError as error:
        details = validation_problems(error)
        raise InputError(f"input `{name}` does not fit `{concept.code}`: {details}") from None


def mock_media(seed: str, concept: Concept) -> BaseModel:
    """A dry-run stand-in for a missing Image (a PNG), Document (a one-page PDF) or Page."""
    sentence = mock_sentence(random.Random(seed))
    kind = concept.content_kind
    if kind is ContentKind.IMAGE:
        return ImageValue(url=data_url(mock_png(), "image/png"), mime_type="image/png")
    if kind is ContentKind.PAGE:
        return PageValue(page_number=1, text=f"[dry run: mock {concept.code}] {sentence}")
    from pipelex.plugins.pypdfium2.pdf_writer import one_page_pdf

    pdf = one_page_pdf(f"[dry run: mock {concept.code}] {sentence}")
    return DocumentValue(url=data_url(pdf, PDF_MIME), mime_type=PDF_MIME)
