"""Building the openai SDK client of a backend: ``AsyncOpenAI`` or, for the ``azure_openai`` sdk, ``AsyncAzureOpenAI``.

The workers are the same for both: only the client differs. Azure's client sends the key as ``api-key``,
adds ``?api-version=`` to every call, and turns the ``model`` (the deployment name, our ``model_id``) into
the path ``/openai/deployments/{model}/chat/completions``.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from pipelex.cogt.exceptions import MissingCredentialsError
from pipelex.cogt.model_backends.backend import InferenceBackend
from pipelex.cogt.model_backends.endpoint import check_endpoint
from pipelex.exceptions import ConfigurationError
from pipelex.plugins.backend_client_settings import client_tuning

if TYPE_CHECKING:
    from openai import AsyncOpenAI

OPENAI_SDK = "openai"
AZURE_OPENAI_SDK = "azure_openai"


def build_openai_client(backend: InferenceBackend, api_key: str, sdk: str) -> AsyncOpenAI:
    """The SDK client for ``backend``, its endpoint and tuning values checked first.

    Raises:
        MissingCredentialsError: an Azure backend has no ``endpoint`` or no ``api_version``.
        ConfigurationError: the endpoint, ``max_retries`` or ``timeout_s`` cannot be used.
    """
    endpoint = check_endpoint(backend.name, backend.endpoint)
    tuning = client_tuning(backend)
    try:
        if sdk == AZURE_OPENAI_SDK:
            from openai import AsyncAzureOpenAI

            return AsyncAzureOpenAI(
                api_key=api_key,
                azure_endpoint=_required(backend, "endpoint", endpoint),
                api_version=_required(backend, "api_version", backend.extra_config.get("api_version")),
                max_retries=tuning.max_retries,
                timeout=tuning.timeout_s,
            )
        from openai import AsyncOpenAI

        return AsyncOpenAI(api_key=api_key, base_url=endpoint, max_retries=tuning.max_retries, timeout=tuning.timeout_s)
    except MissingCredentialsError:
        raise
    except Exception as error:
        raise ConfigurationError(
            f"the openai SDK refused the settings of backend `{backend.name}` ({type(error).__name__}): "
            "check its `endpoint`, `api_version`, `max_retries` and `timeout_s` in backends.toml"
        ) from None


def _required(backend: InferenceBackend, key: str, value: object) -> str:
    if isinstance(value, str) and value.strip():
        return value.strip()
    names = backend.missing_env_vars.get(key, ())
    fix = f"set {' and '.join(names)} in the environment or in .env" if names else f"set `{key}` in backends.toml"
    raise MissingCredentialsError(f"backend `{backend.name}` needs its `{key}`: {fix}", provider=backend.name)
