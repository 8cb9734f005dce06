"""The headers and limits that protect readers and the newsroom.

``csp`` builds the Content-Security-Policy of readers' pages and of the
admin, ``middleware`` sends it with the Permissions-Policy on every
response, and ``images`` bounds the size of the images Khabar decodes.
TLS, HSTS, cookies and redirects are Django's own settings
(khabar/settings.py); docs/security.md explains the whole.
"""
