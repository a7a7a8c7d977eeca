domain = "funcs"

[pipe.clean]
type = "PipeFunc"
description = "Clean a text with a function nobody registered"
inputs = { text = "Text" }
output = "Text"
function_name = "not_registered_anywhere"

[pipe.nameless]
type = "PipeFunc"
description = "A PipeFunc without its function"
inputs = { text = "Text" }
output = "Text"

[pipe.misnamed]
type = "PipeFunc"
description = "A function name that is not a string"
output = "Text"
function_name = 12
function = "oops"
