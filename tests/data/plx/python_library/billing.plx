domain = "billing"
description = "A library with Python modules: a structure class and sync and async functions"
main_pipe = "process_invoice"

[concept.InvoiceFacts]
description = "The facts of an invoice"
structure = "InvoiceFacts"

[concept.LineCount]
description = "How many lines an invoice has"

[concept.LineCount.structure]
vendor = "Who issued it"
count = { type = "integer", description = "Number of lines" }

[pipe.parse_invoice]
type = "PipeFunc"
description = "Read the facts of an invoice text"
inputs = { invoice_text = "Text" }
output = "InvoiceFacts"
function_name = "fixture_parse_invoice"

[pipe.summarize]
type = "PipeCompose"
description = "Summarize the facts"
inputs = { facts = "InvoiceFacts" }
output = "Text"
template = "Invoice from $facts.vendor: {{ facts.total }} ({{ facts.lines | length }} lines)"

[pipe.shout]
type = "PipeFunc"
description = "Shout the summary"
inputs = { summary = "Text" }
output = "Text"
function_name = "fixture_shout"

[pipe.count_lines]
type = "PipeFunc"
description = "Count the lines"
inputs = { facts = "InvoiceFacts" }
output = "LineCount"
function_name = "fixture_line_counts"

[pipe.process_invoice]
type = "PipeSequence"
description = "Parse, summarize, shout"
inputs = { invoice_text = "Text" }
output = "Text"
steps = [
    { pipe = "parse_invoice", result = "facts" },
    { pipe = "summarize", result = "summary" },
    { pipe = "shout", result = "loud_summary" },
]
