domain = "templates"

[pipe.translate]
type = "PipeLLM"
description = "Uses variables it does not declare"
inputs = { text = "Text" }
output = "Text"
system_prompt = "You translate into $target_language."
prompt = """
Translate this:

@txt
"""
