"""`khabar demo`: fill an empty site with a demo newspaper and its logins."""

import time
from contextlib import contextmanager

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from khabar.demo import accounts, compose, illustrations, loader
from khabar.newsroom import planner
from khabar.newsroom.models import Article


class Command(BaseCommand):
    help = (
        "Fill an empty site with demo content written for Khabar: six sections, "
        f"{compose.ARTICLE_COUNT} Arabic articles over the last "
        f"{compose.SPREAD.days} days (a few breaking, a few scheduled), each with "
        "a lead illustration drawn for the demo (nothing is downloaded; kept in "
        f"VAR_DIR/{illustrations.CACHE_DIR} for the next run), authors and tags; "
        "and create the newsroom logins: admin, chief, editor and "
        f"reporter, sharing one password (${accounts.PASSWORD_ENV}, or a random "
        f"one kept in VAR_DIR/{accounts.PASSWORD_FILE}). Refuses on a site that "
        "already has articles unless given --force or --if-empty."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--seed",
            type=int,
            default=compose.DEFAULT_SEED,
            help="Seed for the text and the illustrations: the same seed writes "
            "the same articles and draws the same pictures (default: %(default)s).",
        )
        mode = parser.add_mutually_exclusive_group()
        mode.add_argument(
            "--force",
            action="store_true",
            help="Add the demo content even if the site has articles "
            "(nothing is deleted).",
        )
        mode.add_argument(
            "--if-empty",
            action="store_true",
            help="On a site that has articles, only print the logins and exit "
            "successfully (for `make run`).",
        )

    def handle(self, *args, seed, force, if_empty, **options):
        existing = Article.objects.count()
        if existing and if_empty:
            self.stdout.write(
                f"The site already has {existing} articles; no demo content added."
            )
            self._logins(accounts.known_password())
            return
        if existing and not force:
            raise CommandError(
                f"The site already has {existing} articles, and `khabar demo` "
                "fills an empty site. Run `khabar demo --force` to add the demo "
                "content anyway (nothing is deleted), or point KHABAR_VAR_DIR or "
                "DATABASE_URL at an empty database."
            )

        started = time.monotonic()
        password = accounts.demo_password()
        with self._progress() as step:
            step("logins")
            try:
                users, created = accounts.ensure_users(password)
            except LookupError as error:
                raise CommandError(str(error)) from None
            step("composing the articles")
            plans = compose.compose(seed=seed)
            step("drawing the illustrations")
            pictures = illustrations.pictures(
                seed, cache_dir=settings.VAR_DIR / illustrations.CACHE_DIR
            )
            loaded = loader.load(plans, users, step=step, pictures=pictures)
            planner.analyze()

        breaking = sum(article.is_breaking for article in loaded.published)
        self.stdout.write(
            f"Demo content: {loaded.sections} sections, "
            f"{len(loaded.published) + len(loaded.scheduled)} articles "
            f"({len(loaded.scheduled)} of them scheduled, {breaking} breaking), "
            f"{loaded.images} illustrations, "
            f"{loaded.authors} authors, {loaded.tags} tags "
            f"in {time.monotonic() - started:.1f} s."
        )
        kept = [name for name in users if name not in created]
        if kept:
            self.stdout.write(
                f"These users already existed and kept their passwords: "
                f"{', '.join(kept)}."
            )
        self.stdout.write(f"Site: {settings.KHABAR_BASE_URL}/")
        self._logins(password)

    def _logins(self, password):
        lines = accounts.login_lines(password)
        if not lines:
            self.stdout.write(
                "No demo logins exist; create one with `khabar createsuperuser`."
            )
        for line in lines:
            self.stdout.write(line)

    @contextmanager
    def _progress(self):
        """A progress display on a terminal, nothing when piped or logged."""
        if not self.stdout.isatty():
            yield lambda label: None
            return
        from rich.console import Console
        from rich.progress import Progress, SpinnerColumn, TextColumn

        with Progress(
            SpinnerColumn(),
            TextColumn("{task.description}"),
            console=Console(),
            transient=True,
        ) as progress:
            task = progress.add_task("Demo")

            def step(label):
                progress.update(task, description=f"Demo: {label}…")

            yield step
