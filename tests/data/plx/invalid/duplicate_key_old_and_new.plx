domain = "legacy"

[pipe.summarize]
type = "PipeLLM"
description = "Summarize a text"
definition = "Summarize a text (old)"
inputs = { text = "Text" }
output = "Text"
prompt = "Summarize: @text"
