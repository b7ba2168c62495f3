"""The command engine: dialogue toolkit, command registry and the CLI session."""
