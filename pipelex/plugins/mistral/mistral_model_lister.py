"""Listing the models of a Mistral backend (``GET /v1/models``): the lister behind ``pipelex show models``."""

from __future__ import annotations

from pipelex.cogt.model_backends.backend import InferenceBackend
from pipelex.cogt.model_backends.endpoint import redact_url
from pipelex.cogt.model_backends.model_spec import InferenceModelSpec
from pipelex.plugins.backend_client_settings import print_model_ids
from pipelex.plugins.inference_backend_registry import require_sdk


async def list_mistral_models(
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
    require_sdk(spec="mistralai", extra=None, msg="The mistralai SDK is required to list Mistral models.")
    from pipelex.plugins.mistral.mistral_call import call_mistral
    from pipelex.plugins.mistral.mistral_client import build_connection, checked_api_key

    connection = build_connection(backend, checked_api_key(backend, None))
    # errors name the backend: the listing is about no model in particular
    listing = InferenceModelSpec(backend_name=backend_name, name="(model listing)", model_id="-", sdk=sdk)
    models = connection.sdk.models
    try:
        result = await call_mistral(models.list_async, listing, connection.settings)
    finally:
        await connection.close()
    found = (getattr(model, "id", None) for model in result.value.data or [])
    ids = sorted({model_id for model_id in found if isinstance(model_id, str)})
    endpoint = redact_url(connection.settings.endpoint)
    print_model_ids(ids, sdk=sdk, backend_name=backend_name, endpoint=endpoint, flat=flat, any_listed=any_listed)
