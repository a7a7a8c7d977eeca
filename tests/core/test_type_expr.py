from __future__ import annotations

import pytest

from pipelex.core.type_expr import TypeExpr, TypeExprError, parse_type_expr


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Text", TypeExpr("Text")),
        ("native.Text", TypeExpr("native.Text")),
        ("finance.invoices.Invoice[]", TypeExpr("finance.invoices.Invoice", is_list=True)),
        ("Invoice[3]", TypeExpr("Invoice", is_list=True, count=3)),
        (" Invoice[1000] ", TypeExpr("Invoice", is_list=True, count=1000)),
    ],
)
def test_valid(text: str, expected: TypeExpr) -> None:
    assert parse_type_expr(text) == expected


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("invoice", "PascalCase"),
        ("Invoice[", "PascalCase"),
        ("Invoice[0]", "between 1 and 1000"),
        ("Invoice[1001]", "between 1 and 1000"),
        ("Finance.Invoice", "PascalCase"),
        ("", "PascalCase"),
    ],
)
def test_invalid(text: str, message: str) -> None:
    with pytest.raises(TypeExprError, match=message):
        parse_type_expr(text)
