domain = "triage"

[concept.Ticket]
description = "A support ticket"

[concept.Ticket.structure]
category = { type = "text", choices = ["bug", "billing", "other"] }
body = "The ticket's text"

[concept]
Reply = "A reply to a customer"

[concept.Escalation]
description = "A note for the on-call engineer"

[concept.Escalation.structure]
severity = { type = "text", choices = ["low", "high"] }
summary = "What is broken"

[pipe.reply_billing]
type = "PipeLLM"
description = "Answer a billing question"
inputs = { ticket = "Ticket" }
output = "Reply"
prompt = "Answer this billing question: $ticket.body"

[pipe.escalate_bug]
type = "PipeLLM"
description = "Write an escalation note"
inputs = { ticket = "Ticket" }
output = "Escalation"
prompt = "Summarize this bug for the on-call engineer: $ticket.body"

[pipe.triage]
type = "PipeCondition"
description = "Answer or escalate a ticket"
inputs = { ticket = "Ticket" }
output = "Reply"
expression = "ticket.category"
outcomes = { bug = "escalate_bug", billing = "reply_billing", other = "reply_generic" }
default_outcome = "fail"
