domain = "reading"
description = "Read a PDF with the local extractor, then summarize its pages"
main_pipe = "summarize_document"

[concept]
Summary = "A short summary of a document"

[pipe.summarize_document]
type = "PipeSequence"
description = "Extract the pages, then summarize them"
inputs = { document = "PDF" }
output = "Summary"
steps = [
    { pipe = "read_pages", result = "pages" },
    { pipe = "summarize_pages", result = "summary" },
]

[pipe.read_pages]
type = "PipeExtract"
description = "The text of each page, and a rendering of it"
inputs = { document = "PDF" }
output = "Page[]"
model = "extract_text_from_pdf"
page_views = true
page_views_dpi = 36

[pipe.summarize_pages]
type = "PipeLLM"
description = "Summarize the pages"
inputs = { pages = "Page[]" }
output = "Summary"
prompt = """
Summarize this document:
{% for page in pages %}
Page {{ page.page_number }}: {{ page.text }}
{% endfor %}
"""
