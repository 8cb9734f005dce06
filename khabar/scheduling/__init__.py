"""Scheduled publishing and expiry, with no extra process to start."""
