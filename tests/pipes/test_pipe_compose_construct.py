"""PipeCompose `[construct]`: a structured output built field by field from inputs, templates and literals."""

from __future__ import annotations

from pathlib import Path

import pytest

from pipelex import Pipelex
from pipelex.exceptions import OutputValidationError

VALID = Path(__file__).resolve().parent.parent / "data" / "plx" / "valid" / "construct.plx"
CUSTOMER = {"name": "Ada Lovelace", "city": "London"}


def test_construct_builds_the_output_without_a_model() -> None:
    output = Pipelex.load(VALID).run_sync(inputs={"customer": CUSTOMER, "order": {"item": "notebook", "quantity": 3}})
    assert output.main_stuff.concept.code == "Invoice"
    assert output.main_stuff.plain() == {
        "customer_name": "Ada Lovelace",
        "title": "3 x notebook for Ada Lovelace (London)",
        "quantity": 3,
        "currency": "EUR",
        "note": None,
    }
    assert output.report.calls == []


def test_a_value_that_does_not_fit_the_field_is_reported(tmp_path: Path) -> None:
    plx = tmp_path / "bad.plx"
    plx.write_text(
        VALID.read_text(encoding="utf-8").replace('quantity = { from = "order.quantity" }', 'quantity = "many"'),
        encoding="utf-8",
    )
    with pytest.raises(OutputValidationError, match=r"the constructed `Invoice` does not fit its concept: `quantity`"):
        Pipelex.load(plx).run_sync(inputs={"customer": CUSTOMER, "order": {"item": "pen", "quantity": 1}})
