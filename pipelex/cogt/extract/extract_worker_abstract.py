"""The extraction worker contract a plugin completes.

A plugin subclasses :class:`ExtractWorkerAbstract` and implements ``_extract_pages``. The public
``extract_pages`` times the call and sends one report (priced from the model spec's ``per_page`` cost).
"""

from __future__ import annotations

import time
from abc import ABC, abstractmethod

from pipelex.cogt.extract.extract_job import ExtractedPage, ExtractJob
from pipelex.cogt.inference.inference_worker_abstract import InferenceWorkerAbstract


class ExtractWorkerAbstract(InferenceWorkerAbstract, ABC):
    """Reads a document (a PDF or an image) into pages of text and images, with one model.

    Subclasses receive ``inference_model`` and ``reporting_delegate`` as keyword arguments (and may add
    their own, such as ``sdk_instance``), and implement ``_extract_pages``.
    """

    async def extract_pages(self, extract_job: ExtractJob) -> list[ExtractedPage]:
        """Extract the pages of ``extract_job.document``, in order."""
        started = time.perf_counter()
        pages = await self._extract_pages(extract_job)
        per_page = self.inference_model.costs.get("per_page")
        self.report_usage(
            job_label=extract_job.job_label,
            input_tokens=0,
            output_tokens=0,
            duration_s=time.perf_counter() - started,
            cost=per_page * len(pages) if per_page is not None else None,
        )
        return pages

    @abstractmethod
    async def _extract_pages(self, extract_job: ExtractJob) -> list[ExtractedPage]:
        """Return one :class:`ExtractedPage` per page of the document (an image is one page).

        Honour ``extract_job.options``: keep at most ``max_page_images`` images per page and render
        ``page_views`` at ``page_views_dpi`` when the model can; raise a ``PipelexError`` subclass
        (``ProviderError`` for provider failures) with a message for the user otherwise.
        """
