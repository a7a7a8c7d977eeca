domain = "pages"

[pipe.describe_page]
type = "PipeLLM"
description = "Describe a page of a report"
inputs = { "page.page_view" = "Image", "Page_Title" = "Text", "page..number" = "Text" }
output = "Text"
prompt = """
Describe the page titled $Page_Title, number $page.
"""
