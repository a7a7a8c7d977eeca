domain = "bytes"
description = "café"
