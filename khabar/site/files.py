"""Uploaded files: Wagtail's documents and /media/, their paths checked
first.

Wagtail's document view takes any run of digits as an id, and Django's
``static.serve`` any path: an id past 64 bits reaches the database, a
5,000-digit one ``int()`` refuses, a file name longer than the file
system allows raises ENAMETOOLONG and one with a NUL byte ValueError, each
a 500. Here each is a 404 (docs/security.md). khabar/urls.py routes
/documents/ and /media/ to these views.
"""

import errno
import os

from django.http import Http404
from django.urls import path, re_path
from django.views import static
from wagtail.documents.views import serve as documents

from khabar.inputs import has_control_characters, whole_number

#: The longest name of one file or folder (Linux's NAME_MAX), in bytes.
MAX_NAME_BYTES = 255
#: The longest path below the media folder we look for, in bytes.
MAX_PATH_BYTES = 1024


def serve_document(request, document_id, document_filename):
    """Wagtail's document view, for an id that can be a row's."""
    pk = whole_number(document_id, low=1)
    if pk is None:
        raise Http404("No such document.")
    return documents.serve(request, pk, document_filename)


def _fits(name):
    """Whether *name*, a path below the media folder, can name a file."""
    if has_control_characters(name):
        return False
    try:
        encoded = os.fsencode(name)
    except UnicodeError:
        return False
    return len(encoded) <= MAX_PATH_BYTES and all(
        len(part) <= MAX_NAME_BYTES for part in encoded.split(b"/")
    )


def serve_media(request, path, document_root=None, show_indexes=False):
    """Django's ``static.serve``, for a path that can name a file."""
    if not _fits(path):
        raise Http404("No such file.")
    try:
        return static.serve(request, path, document_root, show_indexes)
    except OSError as error:
        # The media folder's own path counts towards the system's limit.
        if error.errno == errno.ENAMETOOLONG:
            raise Http404("No such file.") from None
        raise


#: Wagtail's document URLs (wagtail.documents.urls), with the id checked.
document_urls = [
    re_path(r"^([0-9]+)/(.*)$", serve_document, name="wagtaildocs_serve"),
    path(
        "authenticate_with_password/<id:restriction_id>/",
        documents.authenticate_with_password,
        name="wagtaildocs_authenticate_with_password",
    ),
]
