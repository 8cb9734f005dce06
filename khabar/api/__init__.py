"""The read API under /api/v1/: plain JSON for programs."""
