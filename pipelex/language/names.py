"""The rules for the names users write in .plx files: pipe codes, input names, reserved template names."""

from __future__ import annotations

import re

SNAKE_CASE = re.compile(r"^[a-z][a-z0-9_]*$")
"""A pipe code or an input name: lowercase letters, digits and underscores, starting with a letter."""

NB_OUTPUT = "_nb_output"
"""The one private name a template may read: in a PipeLLM prompt, how many items the model is asked for."""


def is_snake_case(name: str) -> bool:
    return SNAKE_CASE.match(name) is not None


def is_valid_input_name(name: str) -> bool:
    """``invoice``, or a dotted path to a field such as ``page.page_view``: every part snake_case."""
    return all(is_snake_case(part) for part in name.split("."))


def snake_case_suggestion(name: str) -> str | None:
    """The snake_case spelling of ``name`` (``SummarizeText`` → ``summarize_text``), if there is one."""
    spaced = re.sub(r"(?<=[a-z0-9])(?=[A-Z])", "_", name)
    candidate = re.sub(r"[^a-z0-9_]+", "_", spaced.lower()).strip("_")
    candidate = re.sub(r"_+", "_", candidate)
    return candidate if is_snake_case(candidate) and candidate != name else None


def is_private(name: str) -> bool:
    """A name templates cannot read: it starts with ``_`` and is not the reserved :data:`NB_OUTPUT`."""
    return name.startswith("_") and name != NB_OUTPUT
