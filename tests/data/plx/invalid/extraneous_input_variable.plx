domain = "translation"

[pipe.translate]
type = "PipeLLM"
description = "Translate a text"
inputs = { text = "Text", target_language = "Text", tone = "Text" }
output = "Text"
prompt = "Translate into $target_language:\n\n@text"
