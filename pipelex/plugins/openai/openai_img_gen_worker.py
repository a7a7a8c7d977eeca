"""Image worker speaking OpenAI's images API (``gpt-image-1``): base64 images back, usage in tokens."""

from __future__ import annotations

import base64
import binascii
from dataclasses import replace
from typing import TYPE_CHECKING, Any

from pipelex.cogt.exceptions import ProviderError
from pipelex.cogt.img_gen.img_gen_job import GeneratedImage, ImgGenJob, ImgGenPrompt, ImgGenSettings
from pipelex.cogt.img_gen.img_gen_worker_abstract import ImgGenWorkerAbstract
from pipelex.cogt.model_backends.model_spec import InferenceModelSpec
from pipelex.plugins.openai.openai_errors import provider_error, where
from pipelex.reporting.reporting_protocol import ReportingProtocol

if TYPE_CHECKING:
    from openai import AsyncOpenAI

SQUARE, LANDSCAPE, PORTRAIT = "1024x1024", "1536x1024", "1024x1536"


def size_for(settings: ImgGenSettings) -> str | None:
    """The API's ``size``: the exact one asked, else the closest of its three shapes to ``aspect_ratio``."""
    if settings.size is not None or settings.aspect_ratio is None:
        return settings.size
    if settings.aspect_ratio.startswith("landscape"):
        return LANDSCAPE
    return PORTRAIT if settings.aspect_ratio.startswith("portrait") else SQUARE


def prompt_text(prompt: ImgGenPrompt) -> str:
    """The API has no negative prompt: it is appended as an instruction."""
    if not prompt.negative_text:
        return prompt.positive_text
    return f"{prompt.positive_text}\n\nAvoid: {prompt.negative_text}"


class OpenAIImgGenWorker(ImgGenWorkerAbstract):
    """``images.generate``; ``seed`` and ``is_raw`` are not supported by the API and are not sent."""

    def __init__(
        self,
        *,
        sdk_instance: AsyncOpenAI,
        inference_model: InferenceModelSpec,
        reporting_delegate: ReportingProtocol | None,
    ) -> None:
        super().__init__(inference_model=inference_model, reporting_delegate=reporting_delegate)
        self.client = sdk_instance

    async def _gen_images(self, img_gen_job: ImgGenJob) -> list[GeneratedImage]:
        import openai

        spec = self.inference_model
        try:
            response = await self.client.images.generate(**self._arguments(img_gen_job))
        except openai.OpenAIError as error:
            raise provider_error(error, spec, str(self.client.base_url)) from None
        usage = getattr(response, "usage", None)
        if usage is not None:
            self.record_usage(
                input_tokens=getattr(usage, "input_tokens", None), output_tokens=getattr(usage, "output_tokens", None)
            )
        return [self._image(item, img_gen_job.settings) for item in response.data or []]

    def image_cost(self, settings: ImgGenSettings, count: int) -> float | None:
        return super().image_cost(replace(settings, size=size_for(settings)), count)

    def _arguments(self, img_gen_job: ImgGenJob) -> dict[str, Any]:
        settings = img_gen_job.settings
        arguments: dict[str, Any] = {
            "model": self.inference_model.model_id,
            "prompt": prompt_text(img_gen_job.prompt),
            "n": settings.nb_images,
        }
        optional = {
            "size": size_for(settings),
            "quality": settings.quality,
            "background": settings.background,
            "output_format": settings.output_format,
        }
        arguments.update({key: value for key, value in optional.items() if value is not None})
        return arguments

    def _image(self, item: Any, settings: ImgGenSettings) -> GeneratedImage:
        b64_json = getattr(item, "b64_json", None)
        if isinstance(b64_json, str):
            try:
                return GeneratedImage(data=base64.b64decode(b64_json, validate=True), mime_type=settings.mime_type)
            except binascii.Error:
                pass
        else:
            url = getattr(item, "url", None)
            if isinstance(url, str):
                return GeneratedImage(url=url, mime_type=settings.mime_type)
        spec = self.inference_model
        raise ProviderError(
            f"the provider answered with an image that holds neither base64 data nor a URL ({where(spec)})",
            provider=spec.backend_name,
            model=spec.name,
        )
