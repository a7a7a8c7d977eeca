"""`_nb_output` in a PipeLLM prompt: 1 for one output, N for `X[N]`, a sequence step's `nb_output` when it asks."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from pipelex import Pipelex
from pipelex.language.prompt_template import PromptTemplate
from pipelex.pipes.operators.pipe_llm import PipeLLM

VALID = Path(__file__).resolve().parent.parent / "data" / "plx" / "valid" / "nb_output.plx"


@pytest.fixture
def seen(monkeypatch: pytest.MonkeyPatch) -> list[tuple[str, Any]]:
    """The value of `_nb_output` each PipeLLM rendered its prompt with."""
    calls: list[tuple[str, Any]] = []
    original = PipeLLM.render

    def spy(self: PipeLLM, template: PromptTemplate, values: dict[str, Any]) -> str:
        calls.append((self.code, values.get("_nb_output")))
        return original(self, template, values)

    monkeypatch.setattr(PipeLLM, "render", spy)
    return calls


def test_one_output_renders_one(seen: list[tuple[str, Any]]) -> None:
    px = Pipelex.load(VALID)
    px.run_sync("propose_name", inputs={"product": "tea"}, dry_run=True)
    assert seen == [("propose_name", 1)]


def test_fixed_count_renders_the_count(seen: list[tuple[str, Any]]) -> None:
    px = Pipelex.load(VALID)
    output = px.run_sync("propose_three_names", inputs={"product": "tea"}, dry_run=True)
    assert seen == [("propose_three_names", 3)]
    assert len(output.main_stuff.content) == 3  # type: ignore[arg-type]


def test_step_nb_output_asks_for_that_many(seen: list[tuple[str, Any]]) -> None:
    px = Pipelex.load(VALID)
    output = px.run_sync("naming", inputs={"product": "tea"}, dry_run=True)
    assert seen == [("propose_name", 5)]
    names = output.working_memory.get("names")
    assert names is not None
    assert names.is_list
    assert len(names.content) == 5  # type: ignore[arg-type]
