"""Use cases shared by the CLI and the GUI (they never import each other)."""
