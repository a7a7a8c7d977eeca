"""The ``openai`` plugin: chat completions through the openai SDK. Core-unconditional."""

from __future__ import annotations

from typing import TYPE_CHECKING

from pipelex.cogt.config_values import get_non_negative_int, get_positive_number
from pipelex.cogt.exceptions import MissingCredentialsError
from pipelex.cogt.inference.inference_worker_abstract import InferenceWorkerAbstract
from pipelex.cogt.model_backends.backend import InferenceBackend
from pipelex.cogt.model_backends.endpoint import check_endpoint
from pipelex.cogt.model_backends.model_spec import InferenceModelSpec
from pipelex.exceptions import ConfigurationError
from pipelex.plugins.contract import PLUGIN_API_VERSION
from pipelex.plugins.inference_backend_registry import InferenceFamily, require_sdk
from pipelex.plugins.model_handle import ModelHandle
from pipelex.plugins.registrar import PluginRegistrar
from pipelex.plugins.sdk_client_registry import SdkClientRegistry
from pipelex.reporting.reporting_protocol import ReportingProtocol

if TYPE_CHECKING:
    from openai import AsyncOpenAI

OPENAI_SDK = "openai"
_DEFAULT_MAX_RETRIES = 2
_DEFAULT_TIMEOUT_S = 600.0
# An API key goes in an HTTP header: only visible ASCII characters (no space, no control character) are sent.
_SENDABLE_MIN, _SENDABLE_MAX = 0x21, 0x7E


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
    client = sdk_clients.get_or_create(handle=model_handle, build=lambda: _build_client(backend, api_key))
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
    client = sdk_clients.get_or_create(handle=model_handle, build=lambda: _build_client(backend, api_key))
    return OpenAIImgGenWorker(
        sdk_instance=client, inference_model=inference_model, reporting_delegate=reporting_delegate
    )


def _build_client(backend: InferenceBackend, api_key: str) -> AsyncOpenAI:
    """The SDK client for ``backend``, its endpoint and tuning values checked first.

    Raises:
        ConfigurationError: the endpoint, ``max_retries`` or ``timeout_s`` cannot be used.
    """
    from openai import AsyncOpenAI

    endpoint = check_endpoint(backend.name, backend.endpoint)
    where = f"backend `{backend.name}`"
    max_retries = get_non_negative_int(backend.extra_config, "max_retries", where)
    timeout = get_positive_number(backend.extra_config, "timeout_s", where)
    try:
        return AsyncOpenAI(
            api_key=api_key,
            base_url=endpoint,
            max_retries=_DEFAULT_MAX_RETRIES if max_retries is None else max_retries,
            timeout=_DEFAULT_TIMEOUT_S if timeout is None else timeout,
        )
    except Exception as error:
        raise ConfigurationError(
            f"the openai SDK refused the settings of backend `{backend.name}` ({type(error).__name__}): "
            "check its `endpoint`, `max_retries` and `timeout_s` in backends.toml"
        ) from None


def build_listing_client(backend: InferenceBackend, api_key: str) -> AsyncOpenAI:
    """A client for listing the backend's models (same endpoint and settings as the workers')."""
    return _build_client(backend, api_key)


def checked_api_key(backend: InferenceBackend, inference_model: InferenceModelSpec) -> str:
    """The backend's key, when it is set and can be sent in an HTTP header.

    Raises:
        MissingCredentialsError: the key is unset, or holds spaces, line breaks or non-ASCII characters
            (the message never shows the key or any part of it).
    """
    api_key = backend.api_key
    if not api_key:
        names = backend.missing_env_vars.get("api_key", ())
        where = (
            f"set {' and '.join(names)} in the environment or in .env" if names else "set `api_key` in backends.toml"
        )
        raise MissingCredentialsError(
            f"backend `{backend.name}` needs an API key to call `{inference_model.name}`: {where}",
            provider=backend.name,
            model=inference_model.name,
        )
    if not all(_SENDABLE_MIN <= ord(char) <= _SENDABLE_MAX for char in api_key):
        raise MissingCredentialsError(
            f"the API key of backend `{backend.name}` contains characters that cannot be sent (spaces, line breaks "
            "or non-ASCII characters, often from a copy and paste): check `api_key` in backends.toml and the "
            "variable it names",
            provider=backend.name,
            model=inference_model.name,
        )
    return api_key


class OpenAIPlugin:
    """Serves the ``openai`` sdk for LLMs and image generation."""

    name = "openai"
    targets_api = PLUGIN_API_VERSION

    def register(self, registrar: PluginRegistrar) -> None:
        registrar.add_inference_backend(family=InferenceFamily.LLM, sdk=OPENAI_SDK, make_worker=_make_openai_llm_worker)
        registrar.add_inference_backend(
            family=InferenceFamily.IMG_GEN, sdk=OPENAI_SDK, make_worker=_make_openai_img_gen_worker
        )
        registrar.add_model_lister(sdk=OPENAI_SDK, lister=_list_openai_models)


async def _list_openai_models(
    *, sdk: str, backend_name: str, backend: InferenceBackend, flat: bool, any_listed: bool
) -> None:
    from pipelex.plugins.openai.openai_model_lister import list_openai_models

    await list_openai_models(sdk=sdk, backend_name=backend_name, backend=backend, flat=flat, any_listed=any_listed)
