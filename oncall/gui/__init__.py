"""The desktop app (PySide6): a thin main window over a document, models, dialogs and panels."""
