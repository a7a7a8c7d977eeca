"""An extraction request: the document to read, the options, and what comes back (pages)."""

from __future__ import annotations

from dataclasses import dataclass, field

DEFAULT_PAGE_VIEWS_DPI = 150


@dataclass(frozen=True, slots=True)
class ExtractOptions:
    """What to extract besides the text.

    Attributes:
        max_page_images: how many embedded images to keep per page; ``None`` keeps them all, 0 none.
        page_views: also render each page as an image.
        page_views_dpi: the resolution of those renderings.
        page_image_captions: ask the model to caption the images (models that cannot leave captions empty).
    """

    max_page_images: int | None = None
    page_views: bool = False
    page_views_dpi: int = DEFAULT_PAGE_VIEWS_DPI
    page_image_captions: bool = False


@dataclass(frozen=True, slots=True)
class ExtractDocument:
    """The document to read, as bytes.

    Attributes:
        data: the file's bytes.
        mime_type: ``application/pdf`` or an ``image/*`` type.
        name: where it came from (a path or URL), for messages.
    """

    data: bytes = field(repr=False)
    mime_type: str
    name: str = ""

    @property
    def is_pdf(self) -> bool:
        return self.mime_type == "application/pdf"


@dataclass(frozen=True, slots=True)
class ExtractJob:
    """One extraction to run, and a label for reports (usually the pipe code)."""

    document: ExtractDocument
    options: ExtractOptions = field(default_factory=ExtractOptions)
    job_label: str = ""


@dataclass(frozen=True, slots=True)
class ExtractedImage:
    """An image found on, or rendered from, a page.

    Attributes:
        data: the encoded image (PNG, JPEG, …).
        mime_type: its type, e.g. ``image/png``.
        caption: a description, when the model was asked for one and gives it.
    """

    data: bytes = field(repr=False)
    mime_type: str = "image/png"
    caption: str | None = None


@dataclass(frozen=True, slots=True)
class ExtractedPage:
    """One page: its text, its embedded images and, when asked, a rendering of the whole page."""

    text: str
    images: tuple[ExtractedImage, ...] = ()
    page_view: ExtractedImage | None = None
