domain = "flow"

[pipe.summarize]
type = "PipeLLM"
description = "Summarize"
inputs = { article = "Text" }
output = "Text"
prompt = "Summarize @article"

[pipe.flow]
type = "PipeSequence"
description = "The step needs `article` but the sequence only has `text`"
inputs = { text = "Text" }
output = "Text"
steps = [{ pipe = "summarize", result = "summary" }]
