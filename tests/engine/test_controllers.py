"""PipeCondition and PipeParallel, statically and at run time."""

from __future__ import annotations

from pathlib import Path

import pytest

from pipelex import Pipelex, PipeRunError
from pipelex.language.library_loader import load_library

PLX = """
domain = "routing"

[concept.Ticket]
description = "A support ticket"

[concept.Ticket.structure]
category = { type = "text", choices = ["bug", "question", "other"] }
body = "What the user wrote"

[concept.Triage]
description = "Both views of a ticket"

[concept.Triage.structure]
summary = "A summary"
reply = "A reply"

[pipe.route]
type = "PipeCondition"
description = "Route by category"
inputs = { ticket = "Ticket" }
output = "Text"
expression = "ticket.category"
add_alias_from_expression_to = "category"
default_outcome = "fail"

[pipe.route.outcomes]
bug = "file_bug"
question = "answer"

[pipe.route_or_continue]
type = "PipeCondition"
description = "Only bugs are filed; the rest passes through"
inputs = { ticket = "Ticket" }
output = "Text"
expression_template = "{{ ticket.category | upper }}"
outcomes = { BUG = "file_bug" }
default_outcome = "continue"

[pipe.file_bug]
type = "PipeCompose"
description = "File a bug"
inputs = { ticket = "Ticket" }
output = "Text"
template = "BUG: $ticket.body"

[pipe.answer]
type = "PipeCompose"
description = "Answer a question"
inputs = { ticket = "Ticket" }
output = "Text"
template = "ANSWER: $ticket.body"

[pipe.both]
type = "PipeParallel"
description = "Summarize and reply at once"
inputs = { ticket = "Ticket" }
output = "Triage"
combined_output = "Triage"
branches = [
    { pipe = "file_bug", result = "summary" },
    { pipe = "answer", result = "reply" },
]

[pipe.both_as_text]
type = "PipeParallel"
description = "The same, as text"
inputs = { ticket = "Ticket" }
output = "Text"
branches = [
    { pipe = "file_bug", result = "summary" },
    { pipe = "answer", result = "reply" },
]
"""

BUG = {"ticket": {"category": "bug", "body": "it crashes"}}
QUESTION = {"ticket": {"category": "question", "body": "how?"}}


@pytest.fixture
def px(tmp_path: Path) -> Pipelex:
    plx = tmp_path / "routing.plx"
    plx.write_text(PLX)
    return Pipelex.load(plx)


def test_condition_routes_by_expression(px: Pipelex) -> None:
    assert px.run_sync("route", inputs=BUG).main_text == "BUG: it crashes"
    output = px.run_sync("route", inputs=QUESTION)
    assert output.main_text == "ANSWER: how?"
    assert output.working_memory.get("category").content == "question"  # type: ignore[union-attr]


def test_condition_fail_and_continue(px: Pipelex) -> None:
    with pytest.raises(PipeRunError, match="matches no outcome"):
        px.run_sync("route", inputs={"ticket": {"category": "other", "body": "x"}})
    passed = px.run_sync("route_or_continue", inputs=QUESTION)
    assert passed.main_json() == {"category": "question", "body": "how?"}
    assert px.run_sync("route_or_continue", inputs=BUG).main_text == "BUG: it crashes"


def test_parallel_combines_branches(px: Pipelex) -> None:
    output = px.run_sync("both", inputs=BUG)
    assert output.main_json() == {"summary": "BUG: it crashes", "reply": "ANSWER: it crashes"}
    assert output.working_memory.get("reply").content == "ANSWER: it crashes"  # type: ignore[union-attr]
    text = px.run_sync("both_as_text", inputs=BUG).main_text
    assert text == "<summary>\nBUG: it crashes\n</summary>\n\n<reply>\nANSWER: it crashes\n</reply>"


def test_dry_run_of_a_failing_condition_takes_the_first_outcome(px: Pipelex) -> None:
    assert px.run_sync("route", dry_run=True).main_text.startswith("BUG: ")


def test_static_checks_of_controllers(tmp_path: Path) -> None:
    broken = (
        PLX.replace('question = "answer"', 'question = "anwser"')
        .replace('expression = "ticket.category"', 'expression = "tiket.category"')
        .replace(
            '{ pipe = "answer", result = "reply" },\n]\n\n[pipe.both_as_text]',
            '{ pipe = "answer", result = "replies" },\n]\n\n[pipe.both_as_text]',
        )
    )
    plx = tmp_path / "routing.plx"
    plx.write_text(broken)
    library = load_library([str(plx)])
    kinds = sorted(diagnostic.kind.name for diagnostic in library.errors)
    assert kinds == ["invalid_value", "missing_input_variable", "unresolved_pipe_dependency"], [
        d.message for d in library.errors
    ]


BATCH_PLX = """
domain = "batching"

[pipe.shout]
type = "PipeCompose"
description = "Upper-case one word, with a suffix"
inputs = { word = "Text", suffix = "Text" }
output = "Text"
template = "{{ word | upper }}$suffix"

[pipe.shout_all]
type = "PipeBatch"
description = "Shout every word"
inputs = { words = "Text[]", suffix = "Text" }
output = "Text[]"
branch_pipe_code = "shout"
input_list_name = "words"
input_item_name = "word"
concurrency = 2
"""


def test_pipe_batch_runs_per_item(tmp_path: Path) -> None:
    plx = tmp_path / "batch.plx"
    plx.write_text(BATCH_PLX)
    output = Pipelex.load(plx).run_sync(inputs={"words": ["a", "b", "c"], "suffix": "!"})
    assert output.main_json() == ["A!", "B!", "C!"]
    assert output.main_stuff.is_list


def test_pipe_batch_static_checks(tmp_path: Path) -> None:
    plx = tmp_path / "batch.plx"
    plx.write_text(
        BATCH_PLX.replace('words = "Text[]"', 'words = "Text"')
        .replace('output = "Text[]"\nbranch', 'output = "Text"\nbranch')
        .replace('input_item_name = "word"', 'input_item_name = "item"')
    )
    library = load_library([str(plx)])
    messages = sorted(diagnostic.message for diagnostic in library.errors)
    assert len(messages) == 3, messages
    assert any("which is not a list" in message for message in messages)
    assert any("PipeBatch outputs a list" in message for message in messages)
    assert any("needs `word`" in message for message in messages)
