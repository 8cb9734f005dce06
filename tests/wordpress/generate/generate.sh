#!/bin/sh
# Regenerate tests/wordpress/arabic/ (export.xml, expected.json, uploads/)
# with Debian's WordPress, MariaDB and php-cli:
#
#   apt-get install -y php-cli php-mysql wordpress
#   tests/wordpress/generate/generate.sh
#
# The scratch database (WPGEN_DB_NAME, default wp_khabar) is dropped and
# made again on every run; MariaDB's root account is used without a
# password (WPGEN_DB_HOST, default 127.0.0.1). Nothing is written outside
# the scratch database, a temporary directory and tests/wordpress/arabic/.
set -eu

here=$(cd "$(dirname "$0")" && pwd)
out=$(cd "$here/.." && pwd)/arabic
db=${WPGEN_DB_NAME:-wp_khabar}
host=${WPGEN_DB_HOST:-127.0.0.1}

if [ ! -f /usr/share/wordpress/wp-settings.php ]; then
    echo "generate.sh: Debian's WordPress is missing: apt-get install -y php-cli php-mysql wordpress" >&2
    exit 1
fi
case $db in
    *[!a-z0-9_]*) echo "generate.sh: WPGEN_DB_NAME may hold only a-z, 0-9 and _." >&2; exit 2 ;;
esac

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT INT TERM
content=$work/wp-content
mkdir -p "$content/mu-plugins" "$out"
ln -s /usr/share/wordpress/wp-content/themes "$content/themes"
ln -s /usr/share/wordpress/wp-content/languages "$content/languages"
cp "$here/cap-shim.php" "$content/mu-plugins/"

mysql -h "$host" -u root -e "DROP DATABASE IF EXISTS $db; CREATE DATABASE $db CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_520_ci"

export WPGEN_DB_NAME="$db" WPGEN_DB_HOST="$host" WPGEN_CONTENT_DIR="$content" WPGEN_OUT_DIR="$out"
for phase in install content export; do
    php "$here/generate.php" "$phase"
done

# WordPress 6.1 on PHP 8.2 logs deprecations in its own bundled code; any
# other line (a warning, a notice, or anything from this generator) fails.
if [ -s "$work/debug.log" ]; then
    if grep -v 'PHP Deprecated: .* in /usr/share/wordpress/' "$work/debug.log" >&2; then
        echo "generate.sh: WordPress logged the problems above." >&2
        exit 1
    fi
fi

rm -rf "$out/uploads"
cp -R "$content/uploads" "$out/uploads"
python3 "$here/check_export.py" "$out"
