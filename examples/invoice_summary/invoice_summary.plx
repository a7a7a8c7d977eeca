domain = "invoices"
description = "Extract the key facts of invoices given as text, then summarise them"
main_pipe = "summarise_invoices"

[concept.InvoiceText]
description = "The text of an invoice, as copied from an email or a PDF"
refines = "Text"

[concept.Invoice]
description = "The key facts of an invoice"

[concept.Invoice.structure]
vendor = "Who issued the invoice"
invoice_number = "The invoice's identifier"
total_amount = { type = "number", description = "The total to pay, taxes included" }
currency = { type = "text", description = "ISO 4217 code", choices = ["EUR", "USD", "GBP", "CHF"] }
is_paid = { type = "boolean", description = "Whether the invoice says it is already paid", required = false }

[pipe.summarise_invoices]
type = "PipeSequence"
description = "Read each invoice's facts, then write a summary for the accountant"
inputs = { invoices = "InvoiceText[]" }
output = "Text"
steps = [
    { pipe = "extract_invoices", result = "facts" },
    { pipe = "write_summary", result = "summary" },
]

[pipe.extract_invoices]
type = "PipeLLM"
description = "Read the facts of every invoice"
inputs = { invoices = "InvoiceText[]" }
output = "Invoice[]"
model = { model = "gpt-4o-mini", temperature = 0.1 }
prompt = """
Extract the key facts of each of these invoices, in the order given.

@invoices
"""

[pipe.write_summary]
type = "PipeCompose"
description = "A short table of the invoices"
inputs = { facts = "Invoice[]" }
output = "Text"
template = """
| vendor | number | total | paid |
|---|---|---|---|
{% for invoice in facts -%}
| {{ invoice.vendor }} | {{ invoice.invoice_number }} | {{ invoice.total_amount }} {{ invoice.currency }} | {{ "yes" if invoice.is_paid else "no" }} |
{% endfor %}
"""
