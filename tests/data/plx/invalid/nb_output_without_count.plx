domain = "brainstorm"

[concept]
Idea = "A product idea"

[pipe.brainstorm]
type = "PipeLLM"
description = "Brainstorm product ideas"
inputs = { market = "Text" }
output = "Idea[]"
prompt = "Give {{ _nb_output }} product ideas for $market."

[pipe.summarize_ideas]
type = "PipeCompose"
description = "Number the ideas"
inputs = { ideas = "Idea[]" }
output = "Text"
template = "The {{ _nb_output }} ideas: @ideas"
