domain = "drafts"

[pipe.improve_draft]
type = "PipeLLM"
description = "Improve a draft"
inputs = { draft = "Text" }
output = "Text"
prompt = "Improve this draft: @draft"

[pipe.polish]
type = "PipeSequence"
description = "Improve, then check again"
inputs = { draft = "Text" }
output = "Text"
steps = [
    { pipe = "improve_draft", result = "draft" },
    { pipe = "check_draft", result = "draft" },
]

[pipe.check_draft]
type = "PipeCondition"
description = "Polish again until the draft is short"
inputs = { draft = "Text" }
output = "Text"
expression = "draft | length < 500"
outcomes = { "True" = "improve_draft" }
default_outcome = "polish"
