domain = "Customer Support"
description = "Answers support tickets"

[pipe.answer_ticket]
type = "PipeLLM"
description = "Draft an answer to a support ticket"
inputs = { ticket = "Text" }
output = "Text"
prompt = "Draft a polite answer to this ticket:\n\n@ticket"
