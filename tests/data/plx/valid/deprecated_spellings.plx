domain = "legacy"
definition = "Older key names still load, with a warning each"

[concept.Summary]
definition = "A short summary"

[pipe.summarize]
type = "PipeLLM"
definition = "Summarize a text"
inputs = { text = "Text" }
output = "Summary"
llm = "cheap_llm_for_text"
prompt_template = "Summarize: @text"

[pipe.wrap]
type = "PipeJinja2"
definition = "Wrap the summary"
inputs = { summary = "Summary" }
output = "Text"
jinja2 = "Summary: {{ summary }}"
template_category = "markdown"
