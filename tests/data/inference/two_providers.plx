domain = "two_providers"
description = "One pipe per provider, to see where each call goes"

[pipe.ask_claude]
type = "PipeLLM"
description = "Ask a Claude model"
inputs = { topic = "Text" }
output = "Text"
model = { model = "claude-4.5-sonnet", temperature = 0.4 }
prompt = "Say something about $topic."

[pipe.ask_gpt]
type = "PipeLLM"
description = "Ask a GPT model"
inputs = { topic = "Text" }
output = "Text"
model = "gpt-4o-mini"
prompt = "Say something about $topic."

[pipe.ask_smart]
type = "PipeLLM"
description = "Ask through a preset"
inputs = { topic = "Text" }
output = "Text"
model = "$llm_for_claude"
prompt = "Say something about $topic."
