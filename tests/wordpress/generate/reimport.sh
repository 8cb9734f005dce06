#!/bin/sh
# Prove that WordPress's own importer reads what `khabar export-wxr` writes:
# import FILE into a fresh Debian WordPress with the official importer
# plugin, images downloaded from MEDIA_ROOT, and print what WordPress holds
# before and after (JSON, from WordPress's database).
#
#   apt-get install -y php-cli php-mysql wordpress
#   # the plugin is not in this repository: fetch it, e.g.
#   git clone https://github.com/WordPress/wordpress-importer /tmp/wordpress-importer
#   khabar export-wxr --output export.xml --base-url http://127.0.0.1:8089
#   WPRE_PLUGIN=/tmp/wordpress-importer/src \
#       tests/wordpress/generate/reimport.sh export.xml "$KHABAR_MEDIA_ROOT" 8089
#
# The export's --base-url must be http://127.0.0.1:PORT: a small server on
# that port hands out MEDIA_ROOT under /media/ while WordPress imports. The
# scratch database (WPRE_DB_NAME, default wp_khabar_reimport) is dropped
# and made again; MariaDB's root account is used without a password.
set -eu

if [ $# -ne 3 ]; then
    echo "usage: reimport.sh FILE MEDIA_ROOT PORT" >&2
    exit 2
fi
file=$(cd "$(dirname "$1")" && pwd)/$(basename "$1")
media=$(cd "$2" && pwd)
port=$3
here=$(cd "$(dirname "$0")" && pwd)
db=${WPRE_DB_NAME:-wp_khabar_reimport}
host=${WPRE_DB_HOST:-127.0.0.1}
plugin=${WPRE_PLUGIN:-}

if [ ! -f /usr/share/wordpress/wp-settings.php ]; then
    echo "reimport.sh: Debian's WordPress is missing: apt-get install -y php-cli php-mysql wordpress" >&2
    exit 1
fi
if [ -z "$plugin" ] || [ ! -f "$plugin/wordpress-importer.php" ]; then
    echo "reimport.sh: set WPRE_PLUGIN to the src/ folder of github.com/WordPress/wordpress-importer (fetch it first)." >&2
    exit 1
fi
case $db in
    *[!a-z0-9_]*) echo "reimport.sh: WPRE_DB_NAME may hold only a-z, 0-9 and _." >&2; exit 2 ;;
esac

work=$(mktemp -d)
server=
cleanup() {
    if [ -n "$server" ]; then kill "$server" 2>/dev/null || true; fi
    rm -rf "$work"
}
trap cleanup EXIT INT TERM
content=$work/wp-content
mkdir -p "$content/mu-plugins" "$content/uploads" "$work/www"
ln -s /usr/share/wordpress/wp-content/themes "$content/themes"
cp "$here/cap-shim.php" "$content/mu-plugins/"
ln -s "$media" "$work/www/media"

python3 -m http.server --bind 127.0.0.1 --directory "$work/www" "$port" >"$work/http.log" 2>&1 &
server=$!

mysql -h "$host" -u root -e "DROP DATABASE IF EXISTS $db; CREATE DATABASE $db CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_520_ci"

export WPRE_DB_NAME="$db" WPRE_DB_HOST="$host" WPRE_CONTENT_DIR="$content" WPRE_PLUGIN="$plugin" WPRE_MEDIA_PORT="$port"
php "$here/reimport.php" install
echo "== before the import"
php "$here/reimport.php" count
php "$here/reimport.php" import "$file"
echo "== after the import"
php "$here/reimport.php" count

if [ -s "$work/debug.log" ]; then
    if grep -v 'PHP Deprecated: ' "$work/debug.log" >&2; then
        echo "reimport.sh: WordPress logged the problems above." >&2
        exit 1
    fi
fi
