"""The ``mock`` plugin: the workers of a dry run.

Mock workers answer at once, or after a simulated latency (for benchmarks and for trying concurrency
settings): ``PIPELEX_MOCK_LATENCY_MS`` in the environment, else ``mock_latency_ms`` on the backend the
model is routed to in ``backends.toml`` (so a dry run can mimic each provider's speed).
"""

from __future__ import annotations

import importlib
import os

from pipelex.cogt.inference.inference_worker_abstract import InferenceWorkerAbstract
from pipelex.cogt.model_backends.backend import InferenceBackend
from pipelex.cogt.model_backends.model_spec import InferenceModelSpec
from pipelex.exceptions import ConfigurationError
from pipelex.plugins.contract import PLUGIN_API_VERSION
from pipelex.plugins.inference_backend_registry import InferenceFamily, MakeWorkerFn
from pipelex.plugins.registrar import PluginRegistrar
from pipelex.plugins.sdk_client_registry import SdkClientRegistry
from pipelex.reporting.reporting_protocol import ReportingProtocol

MOCK_SDK = "mock"
MOCK_LATENCY_ENV = "PIPELEX_MOCK_LATENCY_MS"
MOCK_LATENCY_KEY = "mock_latency_ms"


def mock_latency_s(backend: InferenceBackend) -> float:
    """The simulated latency of a mock call, in seconds (0: answer at once).

    Raises:
        ConfigurationError: the value is not a number of 0 or more.
    """
    written = os.environ.get(MOCK_LATENCY_ENV)
    where = f"the environment variable {MOCK_LATENCY_ENV}"
    value: object = written
    if not written:
        value = backend.extra_config.get(MOCK_LATENCY_KEY)
        where = f"`{MOCK_LATENCY_KEY}` of backend `{backend.name}`"
    if value is None:
        return 0.0
    try:
        milliseconds = float(value) if isinstance(value, str | int | float) and not isinstance(value, bool) else -1.0
    except ValueError:
        milliseconds = -1.0
    if not 0 <= milliseconds < float("inf"):
        raise ConfigurationError(f"{where} must be a number of milliseconds, 0 or more (it is {value!r})")
    return milliseconds / 1000


# Where each family's mock worker lives, imported only when a dry run first needs it.
_WORKERS: dict[InferenceFamily, tuple[str, str]] = {
    InferenceFamily.LLM: ("pipelex.plugins.mock.mock_llm_worker", "MockLLMWorker"),
    InferenceFamily.EXTRACT: ("pipelex.plugins.mock.mock_extract_worker", "MockExtractWorker"),
    InferenceFamily.IMG_GEN: ("pipelex.plugins.mock.mock_img_gen_worker", "MockImgGenWorker"),
    InferenceFamily.SEARCH: ("pipelex.plugins.mock.mock_search_worker", "MockSearchWorker"),
}


def _mock_worker_factory(family: InferenceFamily) -> MakeWorkerFn:
    module_name, class_name = _WORKERS[family]

    def make_worker(
        *,
        inference_model: InferenceModelSpec,
        backend: InferenceBackend,
        sdk_clients: SdkClientRegistry,  # noqa: ARG001
        reporting_delegate: ReportingProtocol | None,
    ) -> InferenceWorkerAbstract:
        worker_class = getattr(importlib.import_module(module_name), class_name)
        # Search answers at once: a simulated latency is for the model calls that benchmarks time.
        latency = {} if family is InferenceFamily.SEARCH else {"latency_s": mock_latency_s(backend)}
        worker: InferenceWorkerAbstract = worker_class(
            inference_model=inference_model, reporting_delegate=reporting_delegate, **latency
        )
        return worker

    return make_worker


class MockPlugin:
    """Serves the ``mock`` sdk: dry runs route every model call here."""

    name = "mock"
    targets_api = PLUGIN_API_VERSION

    def register(self, registrar: PluginRegistrar) -> None:
        for family in _WORKERS:
            registrar.add_inference_backend(family=family, sdk=MOCK_SDK, make_worker=_mock_worker_factory(family))
