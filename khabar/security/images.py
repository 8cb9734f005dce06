"""Bound the pixels of the images Khabar decodes.

A PNG of 11,000 × 11,000 plain pixels weighs 117 KB, under any upload limit,
but decoding it for a rendition takes a gigabyte of memory and seconds of
CPU. Two fences, both at ``WAGTAILIMAGES_MAX_IMAGE_PIXELS``
(``KHABAR_MAX_IMAGE_PIXELS``): the upload form refuses such an image with a
message the reporter can act on (:class:`ImageForm`), and Pillow refuses to
open one for a rendition (:func:`limit_decoding`), for images that reached
the library another way (an import, an older limit).
"""

import warnings

from django.conf import settings
from django.utils.translation import gettext as _
from PIL import Image as PILImage
from wagtail.images.forms import BaseImageForm


class ImageForm(BaseImageForm):
    """Wagtail's image form, with an error that says what to do.

    Wagtail's own message gives the pixel count, which it does not know
    when Pillow refused the file first ("unknown number").
    """

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        limit = settings.WAGTAILIMAGES_MAX_IMAGE_PIXELS
        if "file" in self.fields and limit:
            # Wagtail formats this with %: it holds no placeholder of its own.
            self.fields["file"].error_messages["file_too_many_pixels"] = _(
                "This image is too large: at most %(megapixels)s megapixels "
                "(width × height) are accepted. Reduce its size in a photo "
                "editor and upload it again."
            ) % {"megapixels": f"{limit / 1_000_000:g}"}


def limit_decoding():
    """Make Pillow refuse to open an image of more pixels than the limit.

    Pillow warns above ``MAX_IMAGE_PIXELS`` and raises above twice that;
    the warning is made an error, so both mean "refused". Called once, when
    the site's app is ready.
    """
    limit = settings.WAGTAILIMAGES_MAX_IMAGE_PIXELS
    if not limit:
        return
    PILImage.MAX_IMAGE_PIXELS = limit
    warnings.filterwarnings("error", category=PILImage.DecompressionBombWarning)
