"""The web search worker contract a plugin completes.

A plugin subclasses :class:`SearchWorkerAbstract` and implements ``_search``; inside it may call
:meth:`SearchWorkerAbstract.record_usage` with the provider's token counts and its own price of the call.
The public ``search`` times the call and sends one report to the reporting delegate.
"""

from __future__ import annotations

import time
from abc import ABC, abstractmethod
from contextvars import ContextVar
from dataclasses import dataclass

from pipelex.cogt.inference.inference_worker_abstract import InferenceWorkerAbstract
from pipelex.cogt.search.search_job import SearchJob, SearchResult


@dataclass
class _Usage:
    input_tokens: int | None = None
    output_tokens: int | None = None
    cost: float | None = None


_current_usage: ContextVar[_Usage | None] = ContextVar("pipelex_search_usage", default=None)


class SearchWorkerAbstract(InferenceWorkerAbstract, ABC):
    """Searches the web with one model or search service.

    Subclasses receive ``inference_model`` and ``reporting_delegate`` as keyword arguments (and may add
    their own, such as ``sdk_instance``), and implement ``_search``.
    """

    async def search(self, search_job: SearchJob) -> SearchResult:
        """Run ``search_job.query`` and return the answer and sources found."""
        usage = _Usage()
        reset = _current_usage.set(usage)
        started = time.perf_counter()
        try:
            result = await self._search(search_job)
        finally:
            _current_usage.reset(reset)
        self.report_usage(
            job_label=search_job.job_label,
            input_tokens=usage.input_tokens,
            output_tokens=usage.output_tokens,
            duration_s=time.perf_counter() - started,
            cost=usage.cost,
        )
        return result

    def record_usage(
        self, *, input_tokens: int | None = None, output_tokens: int | None = None, cost: float | None = None
    ) -> None:
        """Note the usage of the call in progress (call it from ``_search``).

        Args:
            input_tokens: tokens read, when the provider counts them.
            output_tokens: tokens written (the answer), when the provider counts them.
            cost: the price of the call, when the provider prices per search rather than per token;
                without it the report is priced from the spec's costs per million tokens.
        """
        usage = _current_usage.get()
        if usage is not None:
            usage.input_tokens = input_tokens
            usage.output_tokens = output_tokens
            usage.cost = cost

    @abstractmethod
    async def _search(self, search_job: SearchJob) -> SearchResult:
        """Return what the search found, sources first in relevance order.

        Honour ``search_job.options`` (``max_results``, domains, ``with_answer``) where the provider can;
        raise a ``PipelexError`` subclass (``ProviderError`` for provider failures) with a message for the
        user otherwise.
        """
