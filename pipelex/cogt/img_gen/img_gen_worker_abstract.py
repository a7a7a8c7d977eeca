"""The image generation worker contract a plugin completes.

A plugin subclasses :class:`ImgGenWorkerAbstract` and implements ``_gen_images``; inside it may call
:meth:`ImgGenWorkerAbstract.record_usage` with the provider's token counts. The public ``gen_images``
times the call and sends one report, priced from the model spec's ``image_costs``.
"""

from __future__ import annotations

import time
from abc import ABC, abstractmethod
from contextvars import ContextVar
from dataclasses import dataclass

from pipelex.cogt.img_gen.img_gen_job import GeneratedImage, ImgGenJob, ImgGenSettings
from pipelex.cogt.inference.inference_worker_abstract import InferenceWorkerAbstract

DEFAULT_PRICED_SIZE = "1024x1024"
DEFAULT_PRICED_QUALITY = "medium"


@dataclass
class _Usage:
    input_tokens: int | None = None
    output_tokens: int | None = None


_current_usage: ContextVar[_Usage | None] = ContextVar("pipelex_img_gen_usage", default=None)


class ImgGenWorkerAbstract(InferenceWorkerAbstract, ABC):
    """Generates images from a text prompt with one model.

    Subclasses receive ``inference_model`` and ``reporting_delegate`` as keyword arguments (and may add
    their own, such as ``sdk_instance``), and implement ``_gen_images``.
    """

    async def gen_images(self, img_gen_job: ImgGenJob) -> list[GeneratedImage]:
        """Generate ``img_gen_job.settings.nb_images`` images."""
        usage = _Usage()
        reset = _current_usage.set(usage)
        started = time.perf_counter()
        try:
            images = await self._gen_images(img_gen_job)
        finally:
            _current_usage.reset(reset)
        self.report_usage(
            job_label=img_gen_job.job_label,
            input_tokens=usage.input_tokens,
            output_tokens=usage.output_tokens,
            duration_s=time.perf_counter() - started,
            cost=self.image_cost(img_gen_job.settings, len(images)),
        )
        return images

    def record_usage(self, *, input_tokens: int | None, output_tokens: int | None) -> None:
        """Note the token counts of the call in progress (call it from ``_gen_images``)."""
        usage = _current_usage.get()
        if usage is not None:
            usage.input_tokens = input_tokens
            usage.output_tokens = output_tokens

    def image_cost(self, settings: ImgGenSettings, count: int) -> float | None:
        """The price of ``count`` images from the spec's ``image_costs`` (size, then quality), if listed."""
        by_size = self.inference_model.image_costs.get(settings.size or DEFAULT_PRICED_SIZE)
        if by_size is None:
            return None
        quality = settings.quality if settings.quality not in (None, "auto") else DEFAULT_PRICED_QUALITY
        price = by_size.get(str(quality))
        return round(price * count, 6) if price is not None else None

    @abstractmethod
    async def _gen_images(self, img_gen_job: ImgGenJob) -> list[GeneratedImage]:
        """Return the generated images, each with ``data`` (preferred) or a ``url``.

        Raise a ``PipelexError`` subclass (``ProviderError`` for provider failures) with a message for
        the user when the model cannot honour a setting.
        """
