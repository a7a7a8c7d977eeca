"""Structure classes of the billing library (found by `structure = "ClassName"`)."""

from datetime import date

from pydantic import BaseModel, Field


class InvoiceFacts(BaseModel):
    vendor: str = Field(description="Who issued the invoice")
    total: float = Field(description="Total to pay")
    issued_on: date | None = None
    lines: list[str] = Field(default_factory=list)
