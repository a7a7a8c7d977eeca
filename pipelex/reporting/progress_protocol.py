"""What the engine tells a progress display: units of work added and done, under a label."""

from __future__ import annotations

from typing import Protocol, runtime_checkable


@runtime_checkable
class ProgressProtocol(Protocol):
    """Receives progress; labels are a batch (``pipe · result``) or ``model calls``."""

    def add_work(self, label: str, count: int) -> None:
        """``count`` more units of work are expected under ``label``."""

    def work_done(self, label: str) -> None:
        """One unit of work under ``label`` is finished."""
