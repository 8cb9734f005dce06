"""The `khabar` console command: every Django management command, from anywhere."""

import os
import sys


def version():
    """Khabar's version, and the Django and Wagtail it runs on."""
    import django
    import wagtail

    import khabar

    return (
        f"khabar {khabar.__version__} "
        f"(Django {django.get_version()}, Wagtail {wagtail.__version__})"
    )


def main(argv=None):
    args = sys.argv[1:] if argv is None else argv
    if args == ["--version"]:
        # Django's own --version would print only Django's.
        print(version())  # noqa: T201
        return
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "khabar.settings")
    from django.core.management import execute_from_command_line

    execute_from_command_line(["khabar", *args])


if __name__ == "__main__":
    main()
