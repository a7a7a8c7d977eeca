domain = "summaries"

[concept]
Summary = "A short summary"

[pipe.summarize_chapters]
type = "PipeLLM"
description = "Summarize each chapter"
inputs = { chapters = "list[Text]" }
output = "Summary[0]"
prompt = "Summarize each chapter: @chapters"
