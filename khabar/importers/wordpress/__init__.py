"""Bring a WordPress site over: its export (WXR), its bodies, its URLs."""
