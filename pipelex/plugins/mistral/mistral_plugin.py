"""The ``mistral`` plugin: Mistral chat models (LLM) and Mistral OCR (EXTRACT), through the mistralai SDK."""

from __future__ import annotations

from pipelex.cogt.inference.inference_worker_abstract import InferenceWorkerAbstract
from pipelex.cogt.model_backends.backend import InferenceBackend
from pipelex.cogt.model_backends.model_spec import InferenceModelSpec
from pipelex.plugins.contract import PLUGIN_API_VERSION
from pipelex.plugins.inference_backend_registry import InferenceFamily, require_sdk
from pipelex.plugins.model_handle import ModelHandle
from pipelex.plugins.registrar import PluginRegistrar
from pipelex.plugins.sdk_client_registry import SdkClientRegistry
from pipelex.reporting.reporting_protocol import ReportingProtocol

MISTRAL_SDK = "mistral"
_MISSING_MSG = "The mistralai SDK is required to use Mistral models."


def _make_mistral_llm_worker(
    *,
    inference_model: InferenceModelSpec,
    backend: InferenceBackend,
    sdk_clients: SdkClientRegistry,
    reporting_delegate: ReportingProtocol | None,
) -> InferenceWorkerAbstract:
    require_sdk(spec="mistralai", extra=None, msg=_MISSING_MSG)
    from pipelex.plugins.mistral.mistral_client import build_connection, checked_api_key
    from pipelex.plugins.mistral.mistral_llm_worker import MistralLLMWorker

    api_key = checked_api_key(backend, inference_model.name)
    handle = ModelHandle.make_for_inference_model(inference_model=inference_model)
    connection = sdk_clients.get_or_create(handle=handle, build=lambda: build_connection(backend, api_key))
    return MistralLLMWorker(
        sdk_instance=connection, inference_model=inference_model, reporting_delegate=reporting_delegate
    )


def _make_mistral_ocr_worker(
    *,
    inference_model: InferenceModelSpec,
    backend: InferenceBackend,
    sdk_clients: SdkClientRegistry,
    reporting_delegate: ReportingProtocol | None,
) -> InferenceWorkerAbstract:
    require_sdk(spec="mistralai", extra=None, msg=_MISSING_MSG)
    from pipelex.plugins.mistral.mistral_client import build_connection, checked_api_key
    from pipelex.plugins.mistral.mistral_ocr_worker import MistralOcrWorker

    api_key = checked_api_key(backend, inference_model.name)
    handle = ModelHandle.make_for_inference_model(inference_model=inference_model)
    connection = sdk_clients.get_or_create(handle=handle, build=lambda: build_connection(backend, api_key))
    return MistralOcrWorker(
        sdk_instance=connection, inference_model=inference_model, reporting_delegate=reporting_delegate
    )


async def _list_mistral_models(
    *, sdk: str, backend_name: str, backend: InferenceBackend, flat: bool, any_listed: bool
) -> None:
    from pipelex.plugins.mistral.mistral_model_lister import list_mistral_models

    await list_mistral_models(sdk=sdk, backend_name=backend_name, backend=backend, flat=flat, any_listed=any_listed)


class MistralPlugin:
    """Serves the ``mistral`` sdk for LLMs and extraction (OCR), and lists a backend's models."""

    name = "mistral"
    targets_api = PLUGIN_API_VERSION

    def register(self, registrar: PluginRegistrar) -> None:
        registrar.add_inference_backend(
            family=InferenceFamily.LLM, sdk=MISTRAL_SDK, make_worker=_make_mistral_llm_worker
        )
        registrar.add_inference_backend(
            family=InferenceFamily.EXTRACT, sdk=MISTRAL_SDK, make_worker=_make_mistral_ocr_worker
        )
        registrar.add_model_lister(sdk=MISTRAL_SDK, lister=_list_mistral_models)
