domain = "legacy"
definition = "A pipeline written for an older version"

[pipe.summarize]
type = "PipeLLM"
definition = "Summarize a text"
inputs = { text = "Text" }
output = "Text"
llm = "gpt-4o-mini"
prompt_template = "Summarize: @text"

[pipe.render]
type = "PipeJinja2"
definition = "Render the summary"
inputs = { summary = "Text" }
output = "Text"
jinja2 = "Summary: $summary"
template_category = "markdown"
