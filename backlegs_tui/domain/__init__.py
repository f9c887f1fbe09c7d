"""The domain core: plain Python data and pure functions. No textual, no sqlalchemy."""
