domain = "billing"
description = "Build an invoice from an order and a customer, without any model"

[concept.Customer]
description = "Who buys"
[concept.Customer.structure]
name = "Full name"
city = "City"

[concept.Order]
description = "What was bought"
[concept.Order.structure]
item = "The item"
quantity = { type = "integer", description = "How many" }

[concept.Invoice]
description = "A bill"
[concept.Invoice.structure]
customer_name = "Who pays"
title = "A title"
quantity = { type = "integer", description = "How many" }
currency = "ISO code"
note = { type = "text", description = "Anything else", required = false }

[pipe.make_invoice]
type = "PipeCompose"
description = "Fill an invoice"
inputs = { customer = "Customer", order = "Order" }
output = "Invoice"

[pipe.make_invoice.construct]
customer_name = { from = "customer.name" }
title = { template = "$order.quantity x $order.item for $customer.name ($customer.city)" }
quantity = { from = "order.quantity" }
currency = "EUR"
