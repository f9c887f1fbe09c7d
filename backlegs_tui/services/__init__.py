"""The application layer: headless objects between the UI and the store (no Textual here)."""
