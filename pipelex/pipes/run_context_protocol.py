"""What a running pipe may ask of the engine."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from contextlib import AbstractAsyncContextManager
from typing import TYPE_CHECKING, Any, Protocol

if TYPE_CHECKING:
    from pipelex.cogt.extract.extract_worker_abstract import ExtractWorkerAbstract
    from pipelex.cogt.img_gen.img_gen_worker_abstract import ImgGenWorkerAbstract
    from pipelex.cogt.llm.llm_setting import ResolvedLLM
    from pipelex.cogt.llm.llm_worker_abstract import LLMWorkerAbstract
    from pipelex.cogt.model_backends.model_spec import InferenceModelSpec
    from pipelex.cogt.models.family_deck import ResolvedModel
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

    def resolve_extract(self, choice: str | None) -> ResolvedModel:
        """Resolve a PipeExtract's ``model`` through the model deck."""

    def resolve_img_gen(self, choice: str | None) -> ResolvedModel:
        """Resolve a PipeImgGen's ``model`` through the model deck."""

    def make_extract_worker(self, resolved: ResolvedModel) -> ExtractWorkerAbstract:
        """Build the extraction worker (the mock in a dry run, unless its backend is local)."""

    def make_img_gen_worker(self, resolved: ResolvedModel) -> ImgGenWorkerAbstract:
        """Build the image worker (the mock worker in a dry run)."""

    @property
    def max_concurrency(self) -> int:
        """The run's bound on concurrent model calls (also how many batch items run at once by default)."""

    def inference_slot(self, spec: InferenceModelSpec) -> AbstractAsyncContextManager[None]:
        """Hold this around one model call: it waits for the run's and the backend's bounds."""

    def track_batch(self, label: str, total: int) -> Callable[[], None]:
        """Announce a batch of ``total`` items; call the function returned as each item finishes."""

    def note(self, message: str) -> None:
        """Record a progress message (shown by the CLI when verbose)."""
