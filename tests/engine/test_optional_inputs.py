"""An input used only as `@?name` may be left out (or given as null): its block disappears."""

from __future__ import annotations

from pathlib import Path

import pytest

from pipelex import InputError, Pipelex

PLX = """
domain = "optional"

[pipe.greet]
type = "PipeCompose"
description = "Greets, with an optional note"
inputs = { name = "Text", note = "Text" }
output = "Text"
template = "Hello $name.@?note"
"""


@pytest.fixture
def px(tmp_path: Path) -> Pipelex:
    plx = tmp_path / "optional.plx"
    plx.write_text(PLX)
    return Pipelex.load(plx)


def test_optional_input_left_out(px: Pipelex) -> None:
    assert px.run_sync(inputs={"name": "Ann"}).main_text == "Hello Ann."
    assert px.run_sync(inputs={"name": "Ann", "note": None}).main_text == "Hello Ann."


def test_optional_input_given(px: Pipelex) -> None:
    assert px.run_sync(inputs={"name": "Ann", "note": "hi"}).main_text == "Hello Ann.<note>\nhi\n</note>"


def test_required_input_still_required(px: Pipelex) -> None:
    with pytest.raises(InputError, match="missing input `name`"):
        px.run_sync(inputs={})
