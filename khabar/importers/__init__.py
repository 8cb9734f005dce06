"""Archives in and out: JSONL now, WordPress WXR later."""
