"""Pure-Python layouts and edit rules the GUI paints and applies (no Qt), tested without widgets."""
