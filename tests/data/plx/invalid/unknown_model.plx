domain = "models"

[pipe.hello]
type = "PipeLLM"
description = "A model that is not in the deck"
output = "Text"
model = "gpt-4o-mni"
prompt = "Say hello"
