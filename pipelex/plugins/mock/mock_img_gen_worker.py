"""The dry-run image worker: small real PNGs, no network."""

from __future__ import annotations

from pipelex.cogt.img_gen.img_gen_job import GeneratedImage, ImgGenJob, ImgGenSettings
from pipelex.cogt.img_gen.img_gen_worker_abstract import ImgGenWorkerAbstract
from pipelex.core.png import mock_png


class MockImgGenWorker(ImgGenWorkerAbstract):
    """Answers at once with the requested number of mock PNGs (whatever ``output_format`` asks)."""

    async def _gen_images(self, img_gen_job: ImgGenJob) -> list[GeneratedImage]:
        count = img_gen_job.settings.nb_images
        return [GeneratedImage(data=mock_png(variant=index), mime_type="image/png") for index in range(count)]

    def image_cost(self, settings: ImgGenSettings, count: int) -> float | None:  # noqa: ARG002
        """Nothing is spent in a dry run, and nothing is priced (like the mock LLM's calls)."""
        return None
