"""Listing the models of an Anthropic backend (``GET /v1/models``, paginated): the lister behind
``pipelex show models BACKEND``."""

from __future__ import annotations

from pipelex.cogt.exceptions import ProviderError
from pipelex.cogt.model_backends.backend import InferenceBackend
from pipelex.cogt.model_backends.endpoint import redact_url
from pipelex.plugins.backend_client_settings import listing_api_key, print_model_ids

_DEFAULT_ENDPOINT = "https://api.anthropic.com"


async def list_anthropic_models(
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
    from pipelex.plugins.anthropic.anthropic_plugin import build_client

    client = build_client(backend, listing_api_key(backend, backend_name))
    from anthropic import AnthropicError

    endpoint = redact_url(backend.endpoint or _DEFAULT_ENDPOINT)
    try:
        ids = sorted([model.id async for model in client.models.list()])
    except AnthropicError as error:
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
