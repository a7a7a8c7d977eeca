"""A short, one-line preview of a stuff's value, as shown in the graph of a run."""

from __future__ import annotations

from typing import Any

PREVIEW_CHARS = 64


def preview(value: Any, limit: int = PREVIEW_CHARS) -> str:
    """``value`` (plain JSON data) in at most ``limit`` characters: texts quoted, objects as ``key: value``."""
    return _shorten(_flat(value, limit), limit)


def _flat(value: Any, limit: int) -> str:
    if isinstance(value, str):
        return f"“{' '.join(value.split())}”"
    if isinstance(value, list):
        count = f"{len(value)} item" + ("" if len(value) == 1 else "s")
        return f"{count}: {_flat(value[0], limit)}" if value else count
    if isinstance(value, dict):
        return _media(value) or _fields(value, limit)
    if value is None:
        return "(none)"
    return ("true" if value else "false") if isinstance(value, bool) else str(value)


def _fields(value: dict[str, Any], limit: int) -> str:
    parts: list[str] = []
    for key, item in value.items():
        parts.append(f"{key}: {_flat(item, limit)}")
        if sum(len(part) + 3 for part in parts) > limit:
            break
    return "{" + " · ".join(parts) + "}"


def _media(value: dict[str, Any]) -> str | None:
    kind = value.get("kind")
    url = value.get("url")
    if kind in ("image", "document") and isinstance(url, str):
        if url.startswith("data:"):
            return f"{kind} ({url.partition(';')[0].removeprefix('data:') or 'inline'})"
        return f"{kind} {url}"
    if kind == "page" and isinstance(value.get("text"), str):
        return f"page {value.get('page_number', '?')}: “{' '.join(value['text'].split())}”"
    return None


def _shorten(text: str, limit: int) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"
