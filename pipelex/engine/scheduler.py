"""Bounds on concurrent inference calls: one for the whole run, and one per backend that sets ``max_concurrency``.

Only model calls take a slot. Controllers (sequences, batches, parallel branches) never hold one while
they wait for their children, so nested batches cannot deadlock however small the bounds are.
"""

from __future__ import annotations

import asyncio
from collections.abc import Mapping
from types import TracebackType

from pipelex.exceptions import PipelexError
from pipelex.reporting.progress_protocol import ProgressProtocol

DEFAULT_MAX_CONCURRENCY = 16
MODEL_CALLS_LABEL = "model calls"


class InferenceScheduler:
    """Hands out call slots; counts calls in flight (``peak_in_flight`` is the most seen at once).

    Args:
        max_concurrency: the run-wide bound (1 or more).
        backend_limits: backend name → its own bound.
        progress: told when a call starts and ends.
    """

    def __init__(
        self,
        max_concurrency: int = DEFAULT_MAX_CONCURRENCY,
        backend_limits: Mapping[str, int] | None = None,
        progress: ProgressProtocol | None = None,
    ) -> None:
        check_max_concurrency(max_concurrency)
        self.max_concurrency = max_concurrency
        self._global = asyncio.Semaphore(max_concurrency)
        self._backend_limits = dict(backend_limits or {})
        self._per_backend: dict[str, asyncio.Semaphore] = {}
        self._progress = progress
        self.in_flight = 0
        self.peak_in_flight = 0

    def slot(self, backend_name: str) -> CallSlot:
        """``async with scheduler.slot("openai"):`` around one model call."""
        return CallSlot(self, self._backend_semaphore(backend_name))

    def _backend_semaphore(self, backend_name: str) -> asyncio.Semaphore | None:
        semaphore = self._per_backend.get(backend_name)
        if semaphore is None:
            limit = self._backend_limits.get(backend_name)
            if limit is None:
                return None
            semaphore = self._per_backend[backend_name] = asyncio.Semaphore(limit)
        return semaphore

    async def _enter(self, backend: asyncio.Semaphore | None) -> None:
        # The backend's own bound first: a call queued behind a slow backend must not hold a global slot.
        if backend is not None:
            await backend.acquire()
        try:
            await self._global.acquire()
        except BaseException:
            if backend is not None:
                backend.release()
            raise
        self.in_flight += 1
        self.peak_in_flight = max(self.peak_in_flight, self.in_flight)
        if self._progress is not None:
            self._progress.add_work(MODEL_CALLS_LABEL, 1)

    def _exit(self, backend: asyncio.Semaphore | None) -> None:
        self.in_flight -= 1
        self._global.release()
        if backend is not None:
            backend.release()
        if self._progress is not None:
            self._progress.work_done(MODEL_CALLS_LABEL)


class CallSlot:
    """One model call's slot (an async context manager)."""

    __slots__ = ("_backend", "_scheduler")

    def __init__(self, scheduler: InferenceScheduler, backend: asyncio.Semaphore | None) -> None:
        self._scheduler = scheduler
        self._backend = backend

    async def __aenter__(self) -> None:
        await self._scheduler._enter(self._backend)

    async def __aexit__(
        self, exc_type: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        self._scheduler._exit(self._backend)


def check_max_concurrency(value: object) -> int:
    """``value`` when it is a whole number of 1 or more.

    Raises:
        PipelexError: it is not.
    """
    if isinstance(value, bool) or not isinstance(value, int) or value < 1:
        raise PipelexError(f"max_concurrency must be a whole number, 1 or more (it is {value!r})")
    return value
