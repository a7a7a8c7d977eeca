"""Backend endpoints: checking them, and showing them without secrets."""

from __future__ import annotations

from urllib.parse import urlsplit

from pipelex.exceptions import ConfigurationError

UNSHOWN_ENDPOINT = "the configured endpoint"


def redact_url(url: str) -> str:
    """``url`` safe to show: ``scheme://host:port/path``, with any user or password as ``***``.

    The query string and fragment are dropped (they may carry a key, as in ``?api-key=...``).
    """
    try:
        parts = urlsplit(url.strip())
    except ValueError:
        return UNSHOWN_ENDPOINT
    if not parts.scheme or not parts.netloc:
        return UNSHOWN_ENDPOINT
    _userinfo, at, host = parts.netloc.rpartition("@")
    shown_host = f"***@{host}" if at else host
    return f"{parts.scheme}://{shown_host}{parts.path}"


def check_endpoint(backend_name: str, endpoint: str | None) -> str | None:
    """``endpoint`` when it is an http(s) URL an SDK can use (``None``: the SDK's default).

    Raises:
        ConfigurationError: it is not such a URL (the message shows it without user, password or query).
    """
    if endpoint is None:
        return None
    try:
        parts = urlsplit(endpoint)
        valid = parts.scheme in ("http", "https") and bool(parts.hostname) and (parts.port or 1) > 0
    except ValueError:
        valid = False
    if not valid or any(char.isspace() for char in endpoint):
        shown = redact_url(endpoint)
        shown = "" if shown == UNSHOWN_ENDPOINT else f" ({shown})"
        raise ConfigurationError(
            f"the endpoint of backend `{backend_name}`{shown} is not a usable http:// or https:// URL, such as "
            "https://api.openai.com/v1: check `endpoint` in backends.toml and the variable it names"
        )
    return endpoint
