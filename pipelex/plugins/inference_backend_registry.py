"""The registry of inference backends, keyed by (family, sdk), and the ``MakeWorkerFn`` contract."""

from __future__ import annotations

import importlib.util
from collections.abc import Mapping
from enum import StrEnum
from typing import TYPE_CHECKING, Protocol

from pipelex.exceptions import MissingDependencyError
from pipelex.plugins.exceptions import InferenceBackendNotFoundError

if TYPE_CHECKING:
    from pipelex.cogt.inference.inference_worker_abstract import InferenceWorkerAbstract
    from pipelex.cogt.model_backends.backend import InferenceBackend
    from pipelex.cogt.model_backends.model_spec import InferenceModelSpec
    from pipelex.plugins.sdk_client_registry import SdkClientRegistry
    from pipelex.reporting.reporting_protocol import ReportingProtocol


class InferenceFamily(StrEnum):
    """What kind of model call a backend serves."""

    LLM = "llm"
    IMG_GEN = "img_gen"
    EXTRACT = "extract"
    SEARCH = "search"


class MakeWorkerFn(Protocol):
    """Builds a worker. Core always passes all four keyword arguments."""

    def __call__(
        self,
        *,
        inference_model: InferenceModelSpec,
        backend: InferenceBackend,
        sdk_clients: SdkClientRegistry,
        reporting_delegate: ReportingProtocol | None,
    ) -> InferenceWorkerAbstract: ...


def require_sdk(*, spec: str, extra: str | None, msg: str) -> None:
    """Fail with :class:`MissingDependencyError` when the module ``spec`` cannot be imported.

    Args:
        spec: the importable module name (``acme``).
        extra: the pipelex extra that installs it, for the ``pipelex[<extra>]`` hint.
        msg: what needs it.
    """
    top_level = spec.split(".", 1)[0]
    if importlib.util.find_spec(top_level) is None:
        raise MissingDependencyError(package=top_level, extra=extra, message=msg)


class InferenceBackendRegistry:
    """Lookup of ``make_worker`` by (family, sdk)."""

    def __init__(self, backends: Mapping[tuple[InferenceFamily, str], MakeWorkerFn]) -> None:
        self._backends = dict(backends)

    def lookup(self, *, family: InferenceFamily, sdk: str) -> MakeWorkerFn:
        """The worker factory for (family, sdk).

        Raises:
            InferenceBackendNotFoundError: nothing registered it.
        """
        make_worker = self._backends.get((family, sdk))
        if make_worker is None:
            raise InferenceBackendNotFoundError(
                f"no {family.value} backend is registered for the sdk `{sdk}`. Is its plugin installed and enabled?"
            )
        return make_worker

    def registered(self) -> list[tuple[InferenceFamily, str]]:
        return list(self._backends)
