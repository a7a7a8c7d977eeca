"""A sequence step with batch_over/batch_as runs once per item and collects the outputs in order."""

from __future__ import annotations

from pathlib import Path

from pipelex import Pipelex

BATCH_PLX = """
domain = "batching"
main_pipe = "shout_all"

[pipe.shout_all]
type = "PipeSequence"
description = "Shout every word, then join them"
inputs = { words = "Text[]" }
output = "Text"
steps = [
    { pipe = "shout", batch_over = "words", batch_as = "word", result = "shouted" },
    { pipe = "join", result = "joined" },
]

[pipe.shout]
type = "PipeCompose"
description = "Upper-case one word"
inputs = { word = "Text" }
output = "Text"
template = "{{ word | upper }}!"

[pipe.join]
type = "PipeCompose"
description = "Join the words"
inputs = { shouted = "Text[]" }
output = "Text"
template = "{{ shouted | join(' ') }}"
"""


def test_batch_step_runs_per_item(tmp_path: Path) -> None:
    plx = tmp_path / "batch.plx"
    plx.write_text(BATCH_PLX)
    output = Pipelex.load(plx).run_sync(inputs={"words": ["tea", "milk", "honey"]})
    assert output.main_text == "TEA! MILK! HONEY!"
    shouted = output.working_memory.get("shouted")
    assert shouted is not None
    assert shouted.is_list
    assert shouted.content == ["TEA!", "MILK!", "HONEY!"]
    assert output.report.calls == []


def test_batch_item_is_visible_to_static_checks(tmp_path: Path) -> None:
    plx = tmp_path / "batch.plx"
    plx.write_text(BATCH_PLX.replace('batch_as = "word"', 'batch_as = "item"'))
    from pipelex.language.library_loader import load_library

    library = load_library([str(plx)])
    assert [diagnostic.kind.name for diagnostic in library.errors] == ["missing_step_input"]
    assert "needs `word`" in library.errors[0].message
