"""Khabar (خبر): an Arabic-first news publishing platform."""

__version__ = "0.1.0"
