from __future__ import annotations

from pathlib import Path

import pytest

from pipelex import InputError, Pipelex
from tests.conftest import EXAMPLES_DIR


@pytest.fixture(scope="module")
def invoices() -> Pipelex:
    return Pipelex.load(EXAMPLES_DIR / "invoice_summary" / "invoice_summary.plx")


def test_every_problem_is_listed_at_once(invoices: Pipelex) -> None:
    with pytest.raises(InputError) as caught:
        invoices.run_sync("write_summary", inputs={"fact": [], "extra": 1})
    message = str(caught.value)
    assert "`fact` is not an input of `write_summary` (did you mean `facts`?)" in message
    assert "`extra` is not an input" in message
    assert "missing input `facts` (invoices.Invoice[])" in message


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("one invoice", "expected a list of Invoice"),
        ([{"vendor": "A"}], "does not fit `Invoice`: `invoice_number`: Field required"),
        ([{"vendor": "A", "invoice_number": "1", "total_amount": "lots", "currency": "EUR"}], "`total_amount`"),
        ([{"vendor": "A", "invoice_number": "1", "total_amount": 1, "currency": "YEN"}], "`currency`"),
        ([3], "is an object with fields vendor, invoice_number"),
        ({"concept": "invoices.InvoiceText", "content": []}, "`invoices.InvoiceText` is not a `invoices.Invoice`"),
    ],
)
def test_misshapen_values(invoices: Pipelex, value: object, expected: str) -> None:
    with pytest.raises(InputError, match=None) as caught:
        invoices.run_sync("write_summary", inputs={"facts": value})
    assert expected in str(caught.value)


def test_explicit_concept_form_and_refinement(invoices: Pipelex, tmp_path: Path) -> None:
    output = invoices.run_sync(
        "summarise_invoices",
        inputs={"invoices": {"concept": "invoices.InvoiceText", "content": ["a", "b"]}},
        dry_run=True,
    )
    assert output.working_memory.get("invoices").concept.code == "InvoiceText"  # type: ignore[union-attr]


def test_text_must_be_a_string(invoices: Pipelex) -> None:
    with pytest.raises(InputError, match="`InvoiceText` is text, so give a string"):
        invoices.run_sync("summarise_invoices", inputs={"invoices": [1, 2]}, dry_run=True)


def test_structured_inputs_are_validated_strictly(invoices: Pipelex) -> None:
    fact = {"vendor": "A", "invoice_number": "1", "total_amount": 10, "currency": "EUR", "is_paid": "yes"}
    with pytest.raises(InputError, match="`is_paid`"):
        invoices.run_sync("write_summary", inputs={"facts": [fact]})
    fact["is_paid"] = True
    assert "| A | 1 | 10.0 EUR | yes |" in invoices.run_sync("write_summary", inputs={"facts": [fact]}).main_text


def test_inputs_must_be_a_mapping(invoices: Pipelex) -> None:
    with pytest.raises(InputError, match="inputs must be a mapping"):
        invoices.run_sync("write_summary", inputs=[("facts", [])])  # type: ignore[arg-type]


def test_run_sync_inside_an_event_loop_says_to_await(invoices: Pipelex) -> None:
    import asyncio

    from pipelex import PipelexError

    async def inside() -> None:
        with pytest.raises(PipelexError, match=r"use `await px\.run"):
            invoices.run_sync("write_summary", inputs={"facts": []})

    asyncio.run(inside())


def test_load_needs_a_path() -> None:
    from pipelex import PipelexError

    with pytest.raises(PipelexError, match="at least one"):
        Pipelex.load()


def test_lone_surrogates_are_refused(invoices: Pipelex) -> None:
    with pytest.raises(InputError, match=r"input `invoices\[0\]` contains text that is not valid Unicode"):
        invoices.run_sync("summarise_invoices", inputs={"invoices": ["\ud800"]}, dry_run=True)


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [
        ({"pipe_code": 5}, "pipe_code must be a string"),
        ({"inputs": {1: "x"}}, "names of the inputs must be strings"),
        ({"dry_run": "no"}, "dry_run must be True or False"),
    ],
)
def test_api_argument_types(invoices: Pipelex, kwargs: dict[str, object], message: str) -> None:
    from pipelex import PipelexError

    with pytest.raises(PipelexError, match=message):
        invoices.run_sync(**kwargs)  # type: ignore[arg-type]
