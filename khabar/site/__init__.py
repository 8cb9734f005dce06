"""The reader's side: public views, templates and static files."""
