"""`python -m khabar` is the same as the `khabar` command."""

from khabar.cli import main

main()
