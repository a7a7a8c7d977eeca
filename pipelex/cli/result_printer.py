"""Printing the main result of a run, as saved: media as the paths of their files, never as data URLs.

Texts print as they are; an object prints as a tree of its fields; a list of flat objects as a table;
an image or a document as the path of its saved file. ``--format json`` prints the saved JSON.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from rich.console import Console, RenderableType
from rich.table import Table
from rich.text import Text
from rich.tree import Tree

_MEDIA_KINDS = ("image", "document")
_TABLE_MAX_COLUMNS = 8


def saved_main_result(saved_dir: Path, main_json_name: str) -> dict[str, Any]:
    """The saved main result, with each media file's path made relative to the working directory."""
    data = json.loads((saved_dir / main_json_name).read_text(encoding="utf-8"))
    return _with_media_paths(data, saved_dir)  # type: ignore[no-any-return]


def _with_media_paths(value: Any, saved_dir: Path) -> Any:
    if isinstance(value, list):
        return [_with_media_paths(item, saved_dir) for item in value]
    if not isinstance(value, dict):
        return value
    result = {key: _with_media_paths(item, saved_dir) for key, item in value.items()}
    url = result.get("url")
    if result.get("kind") in _MEDIA_KINDS and isinstance(url, str) and not _is_url(url):
        result["url"] = str(saved_dir / url)
    return result


def _is_url(text: str) -> bool:
    return text.startswith(("data:", "http://", "https://", "/"))


def print_json(console: Console, saved: dict[str, Any]) -> None:
    console.out(json.dumps(saved, indent=2, ensure_ascii=False), highlight=False)


def print_pretty(console: Console, saved: dict[str, Any]) -> None:
    """The content of a saved result, readable: text, tree, table or file paths."""
    content = saved.get("content")
    if isinstance(content, str):
        console.out(content, highlight=False)
        return
    media = [_media_line(item) for item in (content if isinstance(content, list) else [content])]
    if media and all(line is not None for line in media):  # files: one full path a line, easy to copy
        for line in media:
            console.out(str(line), highlight=False)
        return
    console.print(pretty(content, str(saved.get("concept", "result"))))


def pretty(value: Any, label: str) -> RenderableType:
    """``value`` (plain JSON data) as a rich renderable titled ``label``."""
    if isinstance(value, list) and value and _is_flat_records(value):
        return _table(value, label)
    tree = Tree(Text(label, style="bold"))
    _branch(tree, value)
    return tree


def _branch(tree: Tree, value: Any) -> None:
    media = _media_line(value)
    if media is not None:
        tree.add(media)
    elif isinstance(value, dict):
        for key, item in value.items():
            _add_field(tree, str(key), item)
    elif isinstance(value, list):
        if not value:
            tree.add(Text("(empty list)", style="dim"))
        for index, item in enumerate(value, start=1):
            _add_field(tree, f"[{index}]", item)
    else:
        tree.add(_scalar(value))


def _add_field(tree: Tree, key: str, item: Any) -> None:
    media = _media_line(item)
    if media is not None:
        tree.add(Text.assemble((f"{key}: ", "bold"), media, overflow="fold"))
    elif isinstance(item, dict | list) and item:
        _branch(tree.add(Text(key, style="bold")), item)
    else:
        tree.add(Text.assemble((f"{key}: ", "bold"), _scalar(item), overflow="fold"))


def _scalar(value: Any) -> Text:
    if value is None or value in ({}, []):
        return Text("(none)", style="dim")
    if isinstance(value, bool):
        return Text("true" if value else "false")
    return Text(str(value), overflow="fold")


def _media_line(value: Any) -> Text | None:
    if not isinstance(value, dict):
        return None
    kind = value.get("kind")
    if kind in _MEDIA_KINDS and isinstance(value.get("url"), str):
        url = value["url"]
        shown = url.partition(",")[0] + ",…" if url.startswith("data:") else url
        return Text.assemble((f"{kind} ", "dim"), (shown, "cyan"), overflow="fold")
    if kind == "page" and isinstance(value.get("text"), str):
        return Text.assemble((f"page {value.get('page_number', '?')}: ", "dim"), value["text"], overflow="fold")
    return None


def _is_flat_records(items: list[Any]) -> bool:
    if not all(isinstance(item, dict) and _media_line(item) is None for item in items):
        return False
    keys = {key for item in items for key in item}
    flat = all(not isinstance(field, dict | list) for item in items for field in item.values())
    return flat and 0 < len(keys) <= _TABLE_MAX_COLUMNS


def _table(items: list[dict[str, Any]], label: str) -> Table:
    columns = list(dict.fromkeys(key for item in items for key in item))
    table = Table(title=label, title_justify="left", show_lines=False)
    for column in columns:
        table.add_column(column)
    for item in items:
        table.add_row(*(_scalar(item.get(column)) for column in columns))
    return table
