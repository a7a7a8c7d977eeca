domain = "news"

[concept]
Summary = "A summary for the daily digest"

[pipe.summarize]
type = "PipeLLM"
description = "Summarize an article for the digest"
inputs = { article = "Text" }
output = "Summary"
prompt = "Summarize for a daily digest: @article"

[pipe.daily_digest]
type = "PipeSequence"
description = "Summarize the article of the day"
inputs = { article = "Text" }
output = "Summary"
steps = [{ pipe = "summarize", result = "summary" }]
