"""The dry-run image worker: small real PNGs, no network."""

from __future__ import annotations

import asyncio

from pipelex.cogt.img_gen.img_gen_job import GeneratedImage, ImgGenJob, ImgGenSettings
from pipelex.cogt.img_gen.img_gen_worker_abstract import ImgGenWorkerAbstract
from pipelex.cogt.model_backends.model_spec import InferenceModelSpec
from pipelex.core.png import mock_png
from pipelex.reporting.reporting_protocol import ReportingProtocol


class MockImgGenWorker(ImgGenWorkerAbstract):
    """Answers at once with the requested number of mock PNGs (whatever ``output_format`` asks)."""

    def __init__(
        self,
        *,
        inference_model: InferenceModelSpec,
        reporting_delegate: ReportingProtocol | None,
        latency_s: float = 0.0,
    ) -> None:
        super().__init__(inference_model=inference_model, reporting_delegate=reporting_delegate)
        self.latency_s = latency_s

    async def _gen_images(self, img_gen_job: ImgGenJob) -> list[GeneratedImage]:
        if self.latency_s > 0:
            await asyncio.sleep(self.latency_s)
        count = img_gen_job.settings.nb_images
        return [GeneratedImage(data=mock_png(variant=index), mime_type="image/png") for index in range(count)]

    def image_cost(self, settings: ImgGenSettings, count: int) -> float | None:  # noqa: ARG002
        """Nothing is spent in a dry run, and nothing is priced (like the mock LLM's calls)."""
        return None
