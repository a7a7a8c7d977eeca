domain = "naming"

[concept]
Name = "A product name"

[pipe.propose_name]
type = "PipeLLM"
description = "Propose product names"
inputs = { product = "Text" }
output = "Name"
prompt = "Propose {{ _nb_output }} names for $product."

[pipe.format_names]
type = "PipeCompose"
description = "List the names"
inputs = { names = "Name[]" }
output = "Text"
template = "Candidates: $names"

[pipe.naming]
type = "PipeSequence"
description = "Propose names and list them"
inputs = { product = "Text" }
output = "Text"
steps = [
    { pipe = "propose_name", result = "names", nb_output = 3 },
    { pipe = "format_names", result = "listing", nb_output = 1 },
]
