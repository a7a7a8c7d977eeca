"""PipeFunc from Python: library functions (sync and async), program-registered ones, and every failure."""

from __future__ import annotations

import logging
from collections.abc import Iterator
from pathlib import Path

import pytest

from pipelex import InputError, Pipelex, PipeRunError, pipe_func
from pipelex.core.func_registry import func_registry
from pipelex.language.library_loader import load_library

PYTHON_LIBRARY = Path(__file__).resolve().parent.parent / "data" / "plx" / "python_library"

_FUNC_PLX = """domain = "funcs"

[concept.Pair]
description = "Two words"

[concept.Pair.structure]
first = "The first word"
second = "The second word"

[pipe.call]
type = "PipeFunc"
description = "Call the test function"
inputs = {{ text = "Text" }}
output = "{output}"
function_name = "{name}"
"""


@pytest.fixture
def registered() -> Iterator[list[str]]:
    """Names registered by the test, removed afterwards so that no other test sees them."""
    names: list[str] = []
    yield names
    for name in names:
        func_registry().unregister(name)


def _library(tmp_path: Path, name: str, output: str = "Text") -> Path:
    plx = tmp_path / "funcs.plx"
    plx.write_text(_FUNC_PLX.format(name=name, output=output), encoding="utf-8")
    return plx


def test_library_functions_run_sync_and_async() -> None:
    px = Pipelex.load(PYTHON_LIBRARY / "billing.plx")
    output = px.run_sync(inputs={"invoice_text": "ACME Corp: 120.5\nwidgets\nbolts"})
    assert output.main_text == "INVOICE FROM ACME CORP: 120.5 (2 LINES)!"
    facts = output.working_memory.get("facts")
    assert facts is not None
    assert type(facts.content).__name__ == "InvoiceFacts"
    assert facts.plain() == {"vendor": "ACME Corp", "total": 120.5, "issued_on": None, "lines": ["widgets", "bolts"]}


def test_functions_run_for_real_in_a_dry_run_and_dicts_fill_structures() -> None:
    px = Pipelex.load(PYTHON_LIBRARY)
    output = px.run_sync(
        "count_lines", inputs={"facts": {"vendor": "ACME", "total": 3.0, "lines": ["a"]}}, dry_run=True
    )
    assert output.main_json() == {"vendor": "ACME", "count": 1}
    assert output.main_text == "vendor: ACME\ncount: 1"


def test_a_function_the_program_registers_after_loading(tmp_path: Path, registered: list[str]) -> None:
    px = Pipelex.load(_library(tmp_path, "late_split", output="Pair"))

    @pipe_func(name="late_split")
    def split(text: str) -> dict[str, str]:
        first, second = text.split()
        return {"first": first, "second": second}

    registered.append("late_split")
    output = px.run_sync(inputs={"text": "hello world"})
    assert output.main_json() == {"first": "hello", "second": "world"}


def test_a_list_output_takes_a_list(tmp_path: Path, registered: list[str]) -> None:
    @pipe_func
    def test_words(text: str) -> list[str]:
        return text.split()

    registered.append("test_words")
    px = Pipelex.load(_library(tmp_path, "test_words", output="Text[2]"))
    assert px.run_sync(inputs={"text": "a b"}).main_json() == ["a", "b"]
    with pytest.raises(PipeRunError, match=r"returned a value that does not fit its output native\.Text\[2\]"):
        px.run_sync(inputs={"text": "a b c"})


def test_an_unregistered_function_fails_a_run_and_is_mocked_in_a_dry_run(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    plx = _library(tmp_path, "nobody_registered_this_one")
    library = load_library([str(plx)])
    assert [diagnostic.kind.name for diagnostic in library.diagnostics] == ["unresolved_function"]
    px = Pipelex.load(plx)
    with pytest.raises(PipeRunError, match="calls the function `nobody_registered_this_one`, which is not registered"):
        px.run_sync(inputs={"text": "x"})
    with caplog.at_level(logging.WARNING, logger="pipelex"):
        output = px.run_sync(inputs={"text": "x"}, dry_run=True)
    assert output.main_text.startswith("[dry run: mock Text]")
    assert "is not registered; dry run: its output is mocked" in caplog.text


def test_a_raising_function_names_the_pipe_and_the_function(
    tmp_path: Path, registered: list[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    @pipe_func(name="test_explodes")
    def explode(text: str) -> str:
        raise ValueError(f"cannot handle {text!r}")

    registered.append("test_explodes")
    px = Pipelex.load(_library(tmp_path, "test_explodes"))
    with pytest.raises(PipeRunError) as caught:
        px.run_sync(inputs={"text": "x"}, dry_run=True)
    assert str(caught.value) == "pipe `call`: function `test_explodes` raised ValueError: cannot handle 'x'"
    monkeypatch.setenv("PIPELEX_DEBUG", "1")
    with pytest.raises(PipeRunError, match="Traceback"):
        px.run_sync(inputs={"text": "x"})


def test_a_wrong_return_type_says_what_was_expected(tmp_path: Path, registered: list[str]) -> None:
    @pipe_func(name="test_returns_number")
    def number(text: str) -> int:
        return len(text)

    registered.append("test_returns_number")
    px = Pipelex.load(_library(tmp_path, "test_returns_number"))
    with pytest.raises(PipeRunError, match=r"`Text` is text, so return a str \(got a int\)"):
        px.run_sync(inputs={"text": "x"})


def test_a_signature_that_cannot_take_the_inputs_is_an_error(tmp_path: Path, registered: list[str]) -> None:
    @pipe_func(name="test_wrong_params")
    def wrong(content: str) -> str:
        return content

    registered.append("test_wrong_params")
    library = load_library([str(_library(tmp_path, "test_wrong_params"))])
    [diagnostic] = library.diagnostics
    assert diagnostic.kind.name == "invalid_value"
    assert (
        diagnostic.message
        == "pipe `call` cannot call `test_wrong_params`: its parameters `content` are not inputs of the pipe (inputs are passed by name)"
    )


def test_a_missing_structure_class_fails_the_run_that_needs_it(tmp_path: Path) -> None:
    plx = tmp_path / "missing.plx"
    plx.write_text(
        'domain = "m"\n[concept.Report]\ndescription = "r"\nstructure = "NoSuchModel"\n\n'
        '[pipe.write]\ntype = "PipeLLM"\ndescription = "w"\ninputs = { topic = "Text" }\noutput = "Report"\n'
        'prompt = "$topic"\n',
        encoding="utf-8",
    )
    px = Pipelex.load(plx)  # a warning only
    with pytest.raises(PipeRunError, match="structure class `NoSuchModel` was not found"):
        px.run_sync(inputs={"topic": "x"}, dry_run=True)


def test_inputs_of_a_structure_class_take_iso_dates_but_no_numbers_as_text() -> None:
    px = Pipelex.load(PYTHON_LIBRARY)
    facts = {"vendor": "ACME", "total": 3, "issued_on": "2024-01-02", "lines": []}
    output = px.run_sync("count_lines", inputs={"facts": facts})
    stored = output.working_memory.get("facts")
    assert stored is not None
    assert stored.plain()["issued_on"] == "2024-01-02"
    with pytest.raises(InputError, match="`total`"):
        px.run_sync("count_lines", inputs={"facts": {**facts, "total": "3"}})
