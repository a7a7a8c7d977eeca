"""Older spellings of the model deck (seed 001), accepted with a deprecation warning naming the new key.

=============================  ==============================
older                          now
=============================  ==============================
``[llm_presets]``              ``[llm.presets]``
``[llm_choice_defaults]``      ``[llm.choice_defaults]``
``[extract_presets]``          ``[extract.presets]``
``[img_gen_presets]``          ``[img_gen.presets]``
``llm_handle = "..."``         ``model = "..."``
``ocr_handle = "..."``         ``model = "..."``
``img_gen_handle = "..."``     ``model = "..."``
=============================  ==============================

An older and a newer spelling in the same file are merged, the newer winning for an entry set twice.
"""

from __future__ import annotations

import logging
from pathlib import Path
from typing import Any

from pipelex.cogt.exceptions import ModelsManagerError

_log = logging.getLogger("pipelex.config")

RENAMED_SECTIONS: dict[str, tuple[str, str]] = {
    "llm_presets": ("llm", "presets"),
    "llm_choice_defaults": ("llm", "choice_defaults"),
    "extract_presets": ("extract", "presets"),
    "img_gen_presets": ("img_gen", "presets"),
}
RENAMED_ENTRY_KEYS: dict[str, str] = {"llm_handle": "model", "ocr_handle": "model", "img_gen_handle": "model"}
_ENTRY_TABLES = (("aliases",), ("llm", "presets"), ("extract", "presets"), ("img_gen", "presets"))


def upgrade_deck_document(document: dict[str, Any], path: Path) -> dict[str, Any]:
    """``document`` with the older spellings rewritten to the current ones (a warning for each kind found).

    Raises:
        ModelsManagerError: an older section is not a table, or would replace a non-table.
    """
    upgraded = dict(document)
    for old, (parent, child) in RENAMED_SECTIONS.items():
        if old not in upgraded:
            continue
        table = upgraded.pop(old)
        if not isinstance(table, dict):
            raise ModelsManagerError(f"{path}: `{old}` must be a table (write it as [{parent}.{child}])")
        _log.warning("%s: [%s] is deprecated, write [%s.%s]", path, old, parent, child)
        section = upgraded.setdefault(parent, {})
        if not isinstance(section, dict):
            raise ModelsManagerError(f"{path}: `{parent}` must be a table")
        upgraded[parent] = section = dict(section)
        current = section.get(child, {})
        if not isinstance(current, dict):
            raise ModelsManagerError(f"{path} [{parent}]: `{child}` must be a table")
        section[child] = {**table, **current}
    for section_path in _ENTRY_TABLES:
        _rename_entry_keys(upgraded, section_path, path)
    return upgraded


def _rename_entry_keys(document: dict[str, Any], section_path: tuple[str, ...], path: Path) -> None:
    parent: Any = document
    for part in section_path[:-1]:
        parent = parent.get(part) if isinstance(parent, dict) else None
    if not isinstance(parent, dict) or not isinstance(parent.get(section_path[-1]), dict):
        return
    table = dict(parent[section_path[-1]])
    warned: set[str] = set()
    for name, written in table.items():
        if not isinstance(written, dict):
            continue
        entry = dict(written)
        for old, new in RENAMED_ENTRY_KEYS.items():
            if old not in entry:
                continue
            if old not in warned:
                warned.add(old)
                where = ".".join(section_path)
                _log.warning("%s: [%s] %s: `%s` is deprecated, write `%s`", path, where, name, old, new)
            value = entry.pop(old)
            entry.setdefault(new, value)
        table[name] = entry
    parent[section_path[-1]] = table
