"""How the newsroom writes dates and times, per language (FORMAT_MODULE_PATH)."""
