"""Functions of the billing library, called by PipeFunc pipes."""

import asyncio

from invoice_models import InvoiceFacts

from pipelex import pipe_func


@pipe_func(name="fixture_parse_invoice")
async def parse_invoice(invoice_text: str) -> InvoiceFacts:
    """Async: `Vendor: total` on the first line, one invoice line per following line."""
    await asyncio.sleep(0)
    first, *lines = invoice_text.strip().splitlines()
    vendor, total = first.split(":")
    return InvoiceFacts(vendor=vendor.strip(), total=float(total), lines=[line.strip() for line in lines])


@pipe_func
def fixture_shout(summary: str) -> str:
    """Sync: the summary, loud."""
    return summary.upper() + "!"


@pipe_func
def fixture_line_counts(facts: InvoiceFacts) -> dict[str, object]:
    """Sync, returning a dict for a structured output."""
    return {"vendor": facts.vendor, "count": len(facts.lines)}
