"""Newsroom accounts: sign-in protection, second factor and audit."""
