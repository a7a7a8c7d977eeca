domain = "emails"

[pipe.write_email]
type = "PipeLLM"
description = "Write an email to each recipient"
inputs = { recipients = "Text[]", subject = "Text" }
output = "Text"
prompt = """
Write an email about $subject to:
{% for person in recipients %}
- {{ person }
{% endfor %}
"""
