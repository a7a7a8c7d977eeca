domain = "billing"

[concept.Invoice]
description = "An invoice, modelled by a Python class that is not in the library"
structure = "InvoiceModel"

[concept.Receipt]
description = "A receipt"
structure = 42

[pipe.summarize]
type = "PipeLLM"
description = "Summarize an invoice"
inputs = { invoice = "Invoice" }
output = "Text"
prompt = "Summarize: $invoice"
