"""An image generation request: the prompt, the settings, and what comes back (images)."""

from __future__ import annotations

from dataclasses import dataclass, field

ASPECT_RATIOS = (
    "square",
    "landscape_4_3",
    "landscape_3_2",
    "landscape_16_9",
    "landscape_21_9",
    "portrait_3_4",
    "portrait_2_3",
    "portrait_9_16",
    "portrait_9_21",
)
BACKGROUNDS = ("auto", "transparent", "opaque")
OUTPUT_FORMATS = ("png", "jpeg", "webp")
QUALITIES = ("auto", "low", "medium", "high")
MIME_TYPES = {"png": "image/png", "jpeg": "image/jpeg", "webp": "image/webp"}


@dataclass(frozen=True, slots=True)
class ImgGenPrompt:
    """What to draw, and what to keep out of the picture."""

    positive_text: str
    negative_text: str | None = None


@dataclass(frozen=True, slots=True)
class ImgGenSettings:
    """How to draw; ``None`` leaves the provider's default.

    Attributes:
        nb_images: how many images to generate.
        aspect_ratio: one of :data:`ASPECT_RATIOS`.
        size: an exact ``WIDTHxHEIGHT`` (wins over ``aspect_ratio``).
        seed: a fixed seed for reproducible images, where the model supports it.
        background: one of :data:`BACKGROUNDS`.
        output_format: one of :data:`OUTPUT_FORMATS`.
        quality: one of :data:`QUALITIES` (from the model deck's preset).
        is_raw: ask for a less processed, more natural rendering, where the model supports it.
    """

    nb_images: int = 1
    aspect_ratio: str | None = None
    size: str | None = None
    seed: int | None = None
    background: str | None = None
    output_format: str | None = None
    quality: str | None = None
    is_raw: bool = False

    @property
    def mime_type(self) -> str:
        return MIME_TYPES.get(self.output_format or "png", "image/png")


@dataclass(frozen=True, slots=True)
class ImgGenJob:
    """One generation to run, and a label for reports (usually the pipe code)."""

    prompt: ImgGenPrompt
    settings: ImgGenSettings = field(default_factory=ImgGenSettings)
    job_label: str = ""


@dataclass(frozen=True, slots=True)
class GeneratedImage:
    """One generated image: its bytes, or a URL where the provider keeps it.

    Attributes:
        data: the encoded image, when the provider returned it inline.
        url: where to fetch it, when the provider returned a link instead.
        mime_type: e.g. ``image/png``.
    """

    data: bytes | None = field(default=None, repr=False)
    url: str | None = None
    mime_type: str = "image/png"
