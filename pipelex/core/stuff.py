"""Stuff: a named, typed value in working memory."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, TypeAlias

from pydantic import BaseModel

from pipelex.core.concepts import Concept
from pipelex.core.media_values import render_media, template_media

Content: TypeAlias = "str | int | float | bool | BaseModel | dict[str, Any] | list[Content] | None"


@dataclass(frozen=True, slots=True)
class Stuff:
    """A value produced or consumed by pipes.

    Attributes:
        name: its name in working memory.
        concept: what it is.
        content: ``str`` for text concepts, a pydantic model for structured ones, a list for ``X[]``.
        is_list: ``True`` when it holds several items of ``concept``.
    """

    name: str
    concept: Concept
    content: Content
    is_list: bool = False

    @property
    def type_label(self) -> str:
        return f"{self.concept.ref}[]" if self.is_list else self.concept.ref

    def plain(self) -> Any:
        """The content as plain JSON-ready data."""
        return to_plain(self.content)

    def to_json(self) -> dict[str, Any]:
        return {"concept": self.type_label, "content": self.plain()}

    def as_text(self) -> str:
        """A readable rendering, as printed at the end of a run."""
        return render_text(self.plain())


class TextValue(str):
    """A text as templates see it: a string that also answers ``.text`` (as ``$input.text`` expects)."""

    __slots__ = ()

    @property
    def text(self) -> str:
        return str(self)


def template_value(stuff: Stuff) -> Any:
    """The value of a stuff for templates: plain data, with texts as :class:`TextValue`."""
    plain = stuff.plain()
    if isinstance(plain, str):
        return TextValue(plain)
    if isinstance(plain, list):
        return [TextValue(item) if isinstance(item, str) else template_media(item) for item in plain]
    return template_media(plain)


def to_plain(content: Content) -> Any:
    if isinstance(content, BaseModel):
        return content.model_dump(mode="json")
    if isinstance(content, list):
        return [to_plain(item) for item in content]
    return content


def render_text(value: Any, indent: str = "") -> str:
    """Plain data as readable text: strings as they are, media as Markdown, objects as ``key: value`` lines."""
    media = render_media(value)
    return media if media is not None else _render_plain(value, indent)


def _bullets(items: list[Any], indent: str) -> str:
    """The items of a list inside an object, one ``- item`` each; an object's first line follows its dash."""
    rendered = []
    for item in items:
        text = render_text(item, indent + "  ") if isinstance(item, dict | list) else render_text(item)
        if isinstance(item, dict) and text.startswith(indent + "  "):
            text = text[len(indent) + 2 :]
        rendered.append(f"{indent}- {text}")
    return "\n".join(rendered)


def _render_plain(value: Any, indent: str) -> str:
    if isinstance(value, str):
        return value
    if isinstance(value, dict):
        lines = []
        for key, item in value.items():
            if isinstance(item, list):
                lines.append(f"{indent}{key}:\n{_bullets(item, indent + '  ')}" if item else f"{indent}{key}: (none)")
            elif item is None or item == {}:
                lines.append(f"{indent}{key}: (none)")
            elif isinstance(item, dict):
                lines.append(f"{indent}{key}:\n{render_text(item, indent + '  ')}")
            else:
                lines.append(f"{indent}{key}: {render_text(item)}")
        return "\n".join(lines)
    if isinstance(value, list):
        return "\n\n".join(render_text(item, indent) for item in value)
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    return str(value)
