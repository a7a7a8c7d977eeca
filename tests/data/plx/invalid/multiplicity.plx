domain = "lists"

[concept.Item]
description = "An item"

[concept.Item.structure]
name = "Its name"

[pipe.make]
type = "PipeLLM"
description = "Make three items"
inputs = { theme = "Text" }
output = "Item[3]"
prompt = "Three items about $theme"

[pipe.name_one]
type = "PipeCompose"
description = "Reads a field of one item"
inputs = { items = "Item" }
output = "Text"
template = "$items.name"

[pipe.list_all]
type = "PipeCompose"
description = "Shows what it gets"
inputs = { items = "Item" }
output = "Text"
template = "@items"

[pipe.flow]
type = "PipeSequence"
description = "Passes a list where one item is expected"
inputs = { theme = "Text" }
output = "Text"
steps = [
    { pipe = "make", result = "items" },
    { pipe = "list_all", result = "shown" },
    { pipe = "name_one", result = "named" },
]
