"""Arabic text: month names and dates. Pure text; imports nothing of Khabar."""
