"""The engine's side of a run: pipes, model deck and plugins, as pipes see them."""

from __future__ import annotations

import logging
from collections.abc import Callable, Mapping
from typing import Any

from pipelex.cogt.extract.extract_worker_abstract import ExtractWorkerAbstract
from pipelex.cogt.img_gen.img_gen_worker_abstract import ImgGenWorkerAbstract
from pipelex.cogt.inference.inference_worker_abstract import InferenceWorkerAbstract
from pipelex.cogt.llm.llm_setting import ResolvedLLM
from pipelex.cogt.llm.llm_worker_abstract import LLMWorkerAbstract
from pipelex.cogt.model_backends.backend import InferenceBackend
from pipelex.cogt.model_backends.model_spec import InferenceModelSpec
from pipelex.cogt.models.family_deck import ResolvedModel
from pipelex.cogt.models.model_deck import ModelDeck
from pipelex.engine.scheduler import DEFAULT_MAX_CONCURRENCY, CallSlot, InferenceScheduler
from pipelex.exceptions import PipelexError, PipeRunError
from pipelex.pipes.pipe_abstract import PipeAbstract
from pipelex.plugins.inference_backend_registry import InferenceBackendRegistry, InferenceFamily
from pipelex.plugins.mock.mock_plugin import MOCK_SDK
from pipelex.plugins.sdk_client_registry import SdkClientRegistry
from pipelex.reporting.progress_protocol import ProgressProtocol
from pipelex.reporting.run_report import RunReport

_log = logging.getLogger("pipelex.run")
LOCAL_BACKEND_KEY = "local"
"""A backend with ``local = true`` runs on this machine without network: dry runs use its extraction for real."""


class RunContext:
    """One run's services: it routes model calls through the registry (to ``mock`` in a dry run)."""

    def __init__(
        self,
        pipes: Mapping[str, PipeAbstract],
        deck: ModelDeck,
        registry: InferenceBackendRegistry,
        *,
        dry_run: bool,
        report: RunReport,
        max_concurrency: int = DEFAULT_MAX_CONCURRENCY,
        progress: ProgressProtocol | None = None,
    ) -> None:
        self._pipes = pipes
        self._deck = deck
        self._registry = registry
        self._dry_run = dry_run
        self.report = report
        self.sdk_clients = SdkClientRegistry()
        self.progress = progress
        self.scheduler = InferenceScheduler(
            max_concurrency,
            backend_limits={
                name: backend.max_concurrency
                for name, backend in deck.backends.items()
                if backend.max_concurrency is not None
            },
            progress=progress,
        )

    @property
    def dry_run(self) -> bool:
        return self._dry_run

    def get_pipe(self, code: str) -> PipeAbstract:
        pipe = self._pipes.get(code)
        if pipe is None:
            raise PipelexError(f"no pipe `{code}` in the library")
        return pipe

    def resolve_llm(self, choice: str | Mapping[str, Any] | None, *, for_object: bool) -> ResolvedLLM:
        try:
            return self._deck.resolve_llm(choice, for_object=for_object)
        except ValueError as error:
            raise PipeRunError(str(error)) from None

    def make_llm_worker(self, resolved: ResolvedLLM) -> LLMWorkerAbstract:
        sdk = MOCK_SDK if self._dry_run else resolved.spec.sdk
        worker = self._make_worker(InferenceFamily.LLM, resolved.spec, sdk)
        if not isinstance(worker, LLMWorkerAbstract):
            raise PipelexError(f"the backend for sdk `{sdk}` built a {type(worker).__name__}, not an LLM worker")
        return worker

    def resolve_extract(self, choice: str | None) -> ResolvedModel:
        try:
            return self._deck.resolve_extract(choice)
        except ValueError as error:
            raise PipeRunError(str(error)) from None

    def resolve_img_gen(self, choice: str | None) -> ResolvedModel:
        try:
            return self._deck.resolve_img_gen(choice)
        except ValueError as error:
            raise PipeRunError(str(error)) from None

    def make_extract_worker(self, resolved: ResolvedModel) -> ExtractWorkerAbstract:
        spec = resolved.spec
        backend = self._deck.backends.get(spec.backend_name)
        is_local = backend is not None and backend.extra_config.get(LOCAL_BACKEND_KEY) is True
        sdk = MOCK_SDK if self._dry_run and not is_local else spec.sdk
        worker = self._make_worker(InferenceFamily.EXTRACT, spec, sdk)
        if not isinstance(worker, ExtractWorkerAbstract):
            raise PipelexError(f"the backend for sdk `{sdk}` built a {type(worker).__name__}, not an extract worker")
        return worker

    def make_img_gen_worker(self, resolved: ResolvedModel) -> ImgGenWorkerAbstract:
        sdk = MOCK_SDK if self._dry_run else resolved.spec.sdk
        worker = self._make_worker(InferenceFamily.IMG_GEN, resolved.spec, sdk)
        if not isinstance(worker, ImgGenWorkerAbstract):
            raise PipelexError(f"the backend for sdk `{sdk}` built a {type(worker).__name__}, not an image worker")
        return worker

    def _make_worker(self, family: InferenceFamily, spec: InferenceModelSpec, sdk: str) -> InferenceWorkerAbstract:
        make_worker = self._registry.lookup(family=family, sdk=sdk)
        backend = self._deck.backends.get(spec.backend_name) or InferenceBackend(name=spec.backend_name)
        return make_worker(
            inference_model=spec, backend=backend, sdk_clients=self.sdk_clients, reporting_delegate=self.report
        )

    @property
    def max_concurrency(self) -> int:
        return self.scheduler.max_concurrency

    def inference_slot(self, spec: InferenceModelSpec) -> CallSlot:
        return self.scheduler.slot(spec.backend_name)

    def track_batch(self, label: str, total: int) -> Callable[[], None]:
        progress = self.progress
        if progress is None:
            return _nothing
        progress.add_work(label, total)
        return lambda: progress.work_done(label)

    def note(self, message: str) -> None:
        _log.info(message)

    async def aclose(self) -> None:
        await self.sdk_clients.aclose()


def _nothing() -> None:
    return None
