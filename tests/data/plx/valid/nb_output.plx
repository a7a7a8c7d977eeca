domain = "naming"
description = "How many items a PipeLLM is asked for: `_nb_output` in its prompt"

[concept]
Name = "A product name"

[pipe.propose_name]
type = "PipeLLM"
description = "Propose names; alone it proposes one, a step can ask for more"
inputs = { product = "Text" }
output = "Name"
prompt = "Propose {{ _nb_output }} name(s) for $product."

[pipe.propose_three_names]
type = "PipeLLM"
description = "Always three names"
inputs = { product = "Text" }
output = "Name[3]"
prompt = "Propose exactly {{ _nb_output }} names for $product."

[pipe.format_names]
type = "PipeCompose"
description = "List the names"
inputs = { names = "Name[]" }
output = "Text"
template = "Candidates: $names"

[pipe.naming]
type = "PipeSequence"
description = "Propose five names and list them"
inputs = { product = "Text" }
output = "Text"
steps = [
    { pipe = "propose_name", result = "names", nb_output = 5 },
    { pipe = "format_names", result = "listing" },
]
