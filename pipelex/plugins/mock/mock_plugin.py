"""The ``mock`` plugin: the workers of a dry run."""

from __future__ import annotations

from pipelex.cogt.inference.inference_worker_abstract import InferenceWorkerAbstract
from pipelex.cogt.model_backends.backend import InferenceBackend
from pipelex.cogt.model_backends.model_spec import InferenceModelSpec
from pipelex.plugins.contract import PLUGIN_API_VERSION
from pipelex.plugins.inference_backend_registry import InferenceFamily
from pipelex.plugins.registrar import PluginRegistrar
from pipelex.plugins.sdk_client_registry import SdkClientRegistry
from pipelex.reporting.reporting_protocol import ReportingProtocol

MOCK_SDK = "mock"


def _make_mock_llm_worker(
    *,
    inference_model: InferenceModelSpec,
    backend: InferenceBackend,  # noqa: ARG001
    sdk_clients: SdkClientRegistry,  # noqa: ARG001
    reporting_delegate: ReportingProtocol | None,
) -> InferenceWorkerAbstract:
    from pipelex.plugins.mock.mock_llm_worker import MockLLMWorker

    return MockLLMWorker(inference_model=inference_model, reporting_delegate=reporting_delegate)


def _make_mock_extract_worker(
    *,
    inference_model: InferenceModelSpec,
    backend: InferenceBackend,  # noqa: ARG001
    sdk_clients: SdkClientRegistry,  # noqa: ARG001
    reporting_delegate: ReportingProtocol | None,
) -> InferenceWorkerAbstract:
    from pipelex.plugins.mock.mock_extract_worker import MockExtractWorker

    return MockExtractWorker(inference_model=inference_model, reporting_delegate=reporting_delegate)


def _make_mock_img_gen_worker(
    *,
    inference_model: InferenceModelSpec,
    backend: InferenceBackend,  # noqa: ARG001
    sdk_clients: SdkClientRegistry,  # noqa: ARG001
    reporting_delegate: ReportingProtocol | None,
) -> InferenceWorkerAbstract:
    from pipelex.plugins.mock.mock_img_gen_worker import MockImgGenWorker

    return MockImgGenWorker(inference_model=inference_model, reporting_delegate=reporting_delegate)


class MockPlugin:
    """Serves the ``mock`` sdk: dry runs route every model call here."""

    name = "mock"
    targets_api = PLUGIN_API_VERSION

    def register(self, registrar: PluginRegistrar) -> None:
        registrar.add_inference_backend(family=InferenceFamily.LLM, sdk=MOCK_SDK, make_worker=_make_mock_llm_worker)
        registrar.add_inference_backend(
            family=InferenceFamily.EXTRACT, sdk=MOCK_SDK, make_worker=_make_mock_extract_worker
        )
        registrar.add_inference_backend(
            family=InferenceFamily.IMG_GEN, sdk=MOCK_SDK, make_worker=_make_mock_img_gen_worker
        )
