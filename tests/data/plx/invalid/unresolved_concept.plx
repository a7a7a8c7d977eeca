domain = "finance"

[concept]
Invoices = "A batch of invoices"

[pipe.summarize]
type = "PipeLLM"
description = "Summarize an invoice"
inputs = { invoice = "Invoice" }
output = "native.Txt"
prompt = "Summarize @invoice"
