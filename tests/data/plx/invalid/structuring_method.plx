domain = "reviews"

[concept.Verdict]
description = "A verdict on a text"
[concept.Verdict.structure]
score = { type = "integer", description = "From 1 to 5" }

[pipe.judge]
type = "PipeLLM"
description = "Judge a text"
inputs = { text = "Text" }
output = "Verdict"
model_to_structure = "cheap_llm_for_structure"
structuring_method = "two_steps"
prompt = "Judge this: $text"
