"""Tests that read the demo paper (``khabar demo``), built once for them all."""

#: The demo accounts' password while these tests run.
PASSWORD = "demo-password-for-tests"
