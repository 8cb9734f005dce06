"""A read-only WordPress REST API (``/wp-json/wp/v2/``) over Khabar's
published articles, so that apps and plugins written for a WordPress site
keep working after the move (docs/wordpress-api.md)."""
