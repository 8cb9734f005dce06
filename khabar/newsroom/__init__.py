"""The newsroom: the content model and its Wagtail editing."""
