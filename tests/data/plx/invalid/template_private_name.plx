domain = "orders"

[concept.Order]
description = "A customer order"

[concept.Order.structure]
customer = "Who ordered"
total = { type = "number", description = "The amount due" }

[pipe.confirm_order]
type = "PipeLLM"
description = "Write an order confirmation"
inputs = { order = "Order" }
output = "Text"
prompt = """
Write a confirmation for {{ order.customer }}, total {{ order.total }}.
Internal reference: {{ order.__class__ }} $_internal_id
"""

[pipe.route_order]
type = "PipeCondition"
description = "Route big orders to a human"
inputs = { order = "Order" }
output = "Text"
expression = "order._fields | length > 2"
outcomes = { "true" = "confirm_order" }
default_outcome = "confirm_order"
