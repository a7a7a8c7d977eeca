"""Listing the models of an OpenAI-compatible backend (``GET /models``): the lister behind
``pipelex show models BACKEND`` and ``pipelex validate inference --ping``."""

from __future__ import annotations

from pipelex.cogt.exceptions import ProviderError
from pipelex.cogt.model_backends.backend import InferenceBackend
from pipelex.cogt.model_backends.endpoint import redact_url
from pipelex.plugins.backend_client_settings import listing_api_key, print_model_ids
from pipelex.plugins.inference_backend_registry import require_sdk

_DEFAULT_ENDPOINT = "https://api.openai.com/v1"


async def list_openai_models(
    *,
    sdk: str,
    backend_name: str,
    backend: InferenceBackend,
    flat: bool,
    any_listed: bool,
) -> None:
    """Print the ids of the models the backend serves, one per line (``flat``: prefixed by the backend name).

    Raises:
        MissingCredentialsError: the backend has no key.
        ProviderError: the backend refused or could not be reached (the key is never shown).
    """
    require_sdk(spec="openai", extra=None, msg="The openai SDK is required to list OpenAI models.")
    from openai import OpenAIError

    from pipelex.plugins.openai.openai_plugin import build_listing_client

    client = build_listing_client(backend, listing_api_key(backend, backend_name), sdk)
    endpoint = redact_url(backend.endpoint or _DEFAULT_ENDPOINT)
    try:
        ids = sorted([model.id async for model in client.models.list()])
    except OpenAIError as error:
        status = getattr(error, "status_code", None)
        shown = f"HTTP {status}" if status is not None else type(error).__name__
        raise ProviderError(
            f"backend `{backend_name}` could not list its models at {endpoint} ({shown})",
            provider=backend_name,
            status=status,
        ) from None
    finally:
        await client.close()
    print_model_ids(ids, sdk=sdk, backend_name=backend_name, endpoint=endpoint, flat=flat, any_listed=any_listed)
