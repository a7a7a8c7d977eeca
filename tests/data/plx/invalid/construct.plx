domain = "billing"

[concept.Customer]
description = "Who buys"
[concept.Customer.structure]
name = "Full name"

[concept.Invoice]
description = "A bill"
[concept.Invoice.structure]
customer_name = "Who pays"
title = "A title"
currency = "ISO code"

[pipe.make_invoice]
type = "PipeCompose"
description = "Fill an invoice"
inputs = { customer = "Customer" }
output = "Invoice"

[pipe.make_invoice.construct]
customer_name = { from = "customer.full_name" }
titel = { template = "Invoice for $client" }
currency = { from = "order.currency", default = "EUR" }

[pipe.make_summary]
type = "PipeCompose"
description = "A construct needs a structured output"
inputs = { customer = "Customer" }
output = "Text"
template = "Hello $customer"
construct = { text = { from = "customer.name" } }
