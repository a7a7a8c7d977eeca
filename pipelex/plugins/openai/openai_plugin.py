"""The ``openai`` plugin: chat completions and images through the openai SDK, for OpenAI, Azure OpenAI and
any OpenAI-compatible endpoint. Core-unconditional."""

from __future__ import annotations

from typing import TYPE_CHECKING

from pipelex.cogt.inference.inference_worker_abstract import InferenceWorkerAbstract
from pipelex.cogt.model_backends.backend import InferenceBackend
from pipelex.cogt.model_backends.model_spec import InferenceModelSpec
from pipelex.plugins.backend_client_settings import checked_api_key
from pipelex.plugins.contract import PLUGIN_API_VERSION
from pipelex.plugins.inference_backend_registry import InferenceFamily, require_sdk
from pipelex.plugins.model_handle import ModelHandle
from pipelex.plugins.openai.openai_client_factory import AZURE_OPENAI_SDK, OPENAI_SDK, build_openai_client
from pipelex.plugins.registrar import PluginRegistrar
from pipelex.plugins.sdk_client_registry import SdkClientRegistry
from pipelex.reporting.reporting_protocol import ReportingProtocol

if TYPE_CHECKING:
    from openai import AsyncOpenAI


def _make_openai_llm_worker(
    *,
    inference_model: InferenceModelSpec,
    backend: InferenceBackend,
    sdk_clients: SdkClientRegistry,
    reporting_delegate: ReportingProtocol | None,
) -> InferenceWorkerAbstract:
    require_sdk(spec="openai", extra=None, msg="The openai SDK is required to use OpenAI models.")
    from pipelex.plugins.openai.openai_llm_worker import OpenAILLMWorker

    api_key = checked_api_key(backend, inference_model)
    model_handle = ModelHandle.make_for_inference_model(inference_model=inference_model)
    client = sdk_clients.get_or_create(
        handle=model_handle, build=lambda: build_openai_client(backend, api_key, inference_model.sdk)
    )
    return OpenAILLMWorker(sdk_instance=client, inference_model=inference_model, reporting_delegate=reporting_delegate)


def _make_openai_img_gen_worker(
    *,
    inference_model: InferenceModelSpec,
    backend: InferenceBackend,
    sdk_clients: SdkClientRegistry,
    reporting_delegate: ReportingProtocol | None,
) -> InferenceWorkerAbstract:
    require_sdk(spec="openai", extra=None, msg="The openai SDK is required to use OpenAI image models.")
    from pipelex.plugins.openai.openai_img_gen_worker import OpenAIImgGenWorker

    api_key = checked_api_key(backend, inference_model)
    model_handle = ModelHandle.make_for_inference_model(inference_model=inference_model)
    client = sdk_clients.get_or_create(
        handle=model_handle, build=lambda: build_openai_client(backend, api_key, inference_model.sdk)
    )
    return OpenAIImgGenWorker(
        sdk_instance=client, inference_model=inference_model, reporting_delegate=reporting_delegate
    )


def build_listing_client(backend: InferenceBackend, api_key: str, sdk: str = OPENAI_SDK) -> AsyncOpenAI:
    """A client for listing the backend's models (same endpoint and settings as the workers')."""
    return build_openai_client(backend, api_key, sdk)


class OpenAIPlugin:
    """Serves the ``openai`` and ``azure_openai`` sdks for LLMs and image generation (the same workers,
    a different client), and lists their models. OpenAI-compatible endpoints (a gateway, Ollama, vLLM)
    use the ``openai`` sdk with their ``endpoint``."""

    name = "openai"
    targets_api = PLUGIN_API_VERSION

    def register(self, registrar: PluginRegistrar) -> None:
        for sdk in (OPENAI_SDK, AZURE_OPENAI_SDK):
            registrar.add_inference_backend(family=InferenceFamily.LLM, sdk=sdk, make_worker=_make_openai_llm_worker)
            registrar.add_inference_backend(
                family=InferenceFamily.IMG_GEN, sdk=sdk, make_worker=_make_openai_img_gen_worker
            )
            registrar.add_model_lister(sdk=sdk, lister=_list_openai_models)


async def _list_openai_models(
    *, sdk: str, backend_name: str, backend: InferenceBackend, flat: bool, any_listed: bool
) -> None:
    from pipelex.plugins.openai.openai_model_lister import list_openai_models

    await list_openai_models(sdk=sdk, backend_name=backend_name, backend=backend, flat=flat, any_listed=any_listed)
