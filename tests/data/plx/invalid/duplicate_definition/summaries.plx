domain = "news"

[concept]
Summary = "A short summary of an article"

[pipe.summarize]
type = "PipeLLM"
description = "Summarize an article"
inputs = { article = "Text" }
output = "Summary"
prompt = "Summarize in two sentences: @article"
