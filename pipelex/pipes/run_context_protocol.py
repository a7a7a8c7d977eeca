"""What a running pipe may ask of the engine."""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Protocol

if TYPE_CHECKING:
    from pipelex.cogt.llm.llm_setting import ResolvedLLM
    from pipelex.cogt.llm.llm_worker_abstract import LLMWorkerAbstract
    from pipelex.pipes.pipe_abstract import PipeAbstract


class RunContextProtocol(Protocol):
    """The engine's services, as seen from a pipe."""

    @property
    def dry_run(self) -> bool: ...

    def get_pipe(self, code: str) -> PipeAbstract:
        """The runnable pipe called ``code``."""

    def resolve_llm(self, choice: str | Mapping[str, Any] | None, *, for_object: bool) -> ResolvedLLM:
        """Resolve a pipe's ``model`` through the model deck."""

    def make_llm_worker(self, resolved: ResolvedLLM) -> LLMWorkerAbstract:
        """Build the worker for a resolved model (the mock worker in a dry run)."""

    def note(self, message: str) -> None:
        """Record a progress message (shown by the CLI when verbose)."""
