"""Images a PipeLLM prompt references: sent to the model beside the text, shown in the text as `[image N]`.

An Image input reaches the model only where the prompt names it (`$photo`, `@page.page_view`,
`{{ photo }}`); a reference to a page or a list sends the images inside it. The same image named twice is
sent once.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from pipelex.core.media_values import data_url, is_remote, read_media
from pipelex.language.prompt_template import TemplateVariable


class PromptImageError(ValueError):
    """An image named by the prompt cannot be read."""


def take_images(
    values: dict[str, Any], variables: Iterable[TemplateVariable]
) -> tuple[dict[str, Any], tuple[str, ...]]:
    """``values`` with each referenced image replaced by ``[image N]``, and the URLs to send, in order.

    Raises:
        PromptImageError: a local image file cannot be read.
    """
    taken: dict[str, int] = {}
    result = dict(values)
    for variable in variables:
        parts = variable.path.split(".")
        if parts[0] in result:
            result[parts[0]] = _replace_at(result[parts[0]], parts[1:], taken)
    return result, tuple(taken)


def _replace_at(value: Any, path: list[str], taken: dict[str, int]) -> Any:
    if not path:
        return _replace_images(value, taken)
    if isinstance(value, dict) and path[0] in value:
        return {**value, path[0]: _replace_at(value[path[0]], path[1:], taken)}
    return value


def _replace_images(value: Any, taken: dict[str, int]) -> Any:
    if isinstance(value, dict):
        if value.get("kind") == "image" and isinstance(value.get("url"), str):
            url = _sendable(value["url"])
            number = taken.setdefault(url, len(taken) + 1)
            return f"[image {number}]"
        return {key: _replace_images(item, taken) for key, item in value.items()}
    if isinstance(value, list):
        return [_replace_images(item, taken) for item in value]
    return value


def _sendable(url: str) -> str:
    """A URL the provider can read: remote and ``data:`` URLs as they are, local files inlined."""
    if is_remote(url) or url.startswith("data:"):
        return url
    try:
        data, mime_type = read_media(url)
    except ValueError as error:
        raise PromptImageError(str(error)) from None
    return data_url(data, mime_type or "application/octet-stream")
