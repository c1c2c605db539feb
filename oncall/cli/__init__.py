"""The command-line face of oncall."""
