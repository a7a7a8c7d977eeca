domain = "articles"

[pipe.SummarizeArticle]
type = "PipeLLM"
description = "Summarize an article in three sentences"
inputs = { article = "Text" }
output = "Text"
prompt = "Summarize in three sentences:\n\n@article"

[pipe."translate-summary"]
type = "PipeLLM"
description = "Translate a summary into French"
inputs = { summary = "Text" }
output = "Text"
prompt = "Translate into French:\n\n@summary"
