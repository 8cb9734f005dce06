"""Demo content written for Khabar: a plausible Arabic newspaper to explore."""
