"""Grammar files shipped with pipelex: ``plx.lark`` is the TOML 1.0 grammar of .plx files."""
