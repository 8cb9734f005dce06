<?php
/**
 * Build an Arabic news site in Debian's WordPress and export it with
 * WordPress's own export_wp().
 *
 * Run by generate.sh, once per phase, each in a fresh PHP process so that
 * every phase loads WordPress the way a request would:
 *
 *   php generate.php install   wp_install() into an empty database
 *   php generate.php content   options, users, terms, media, posts, comments
 *   php generate.php export    export.xml through export_wp(), and
 *                              expected.json read back from WordPress
 *
 * Environment: WPGEN_DB_NAME, WPGEN_DB_HOST, WPGEN_CONTENT_DIR (a scratch
 * wp-content with themes, languages and mu-plugins/cap-shim.php) and
 * WPGEN_OUT_DIR (where export.xml and expected.json are written).
 *
 * Debian's /usr/share/wordpress/wp-config.php only picks
 * /etc/wordpress/config-<host>.php by HTTP_HOST, fills in defaults and
 * requires wp-settings.php. This script does the same job itself (defines
 * the constants, then requires wp-settings.php), so nothing is written
 * under /etc and the package's files are used untouched.
 */

if ( PHP_SAPI !== 'cli' ) {
	exit( 1 );
}

$wpgen_phase = isset( $argv[1] ) ? $argv[1] : '';
if ( ! in_array( $wpgen_phase, array( 'install', 'content', 'export' ), true ) ) {
	fwrite( STDERR, "usage: php generate.php install|content|export\n" );
	exit( 2 );
}

function wpgen_env( $name ) {
	$value = getenv( $name );
	if ( false === $value || '' === $value ) {
		fwrite( STDERR, "generate.php: set $name (generate.sh does).\n" );
		exit( 2 );
	}
	return $value;
}

const WPGEN_SITE = 'http://example.test';

$_SERVER['HTTP_HOST']       = 'example.test';
$_SERVER['SERVER_NAME']     = 'example.test';
$_SERVER['SERVER_PORT']     = '80';
$_SERVER['REQUEST_URI']     = '/';
$_SERVER['REQUEST_METHOD']  = 'GET';
$_SERVER['SERVER_PROTOCOL'] = 'HTTP/1.1';

define( 'DB_NAME', wpgen_env( 'WPGEN_DB_NAME' ) );
define( 'DB_USER', 'root' );
define( 'DB_PASSWORD', '' );
define( 'DB_HOST', wpgen_env( 'WPGEN_DB_HOST' ) );
define( 'DB_CHARSET', 'utf8mb4' );
define( 'DB_COLLATE', '' );
$table_prefix = 'wp_';

// Fixed, public, and only for this throw-away site.
foreach ( array( 'AUTH', 'SECURE_AUTH', 'LOGGED_IN', 'NONCE' ) as $wpgen_salt ) {
	define( $wpgen_salt . '_KEY', 'khabar-wxr-fixture-' . $wpgen_salt . '-key' );
	define( $wpgen_salt . '_SALT', 'khabar-wxr-fixture-' . $wpgen_salt . '-salt' );
}

define( 'ABSPATH', '/usr/share/wordpress/' );
define( 'WP_CONTENT_DIR', wpgen_env( 'WPGEN_CONTENT_DIR' ) );
define( 'WP_CONTENT_URL', WPGEN_SITE . '/wp-content' );
define( 'WP_HOME', WPGEN_SITE );
define( 'WP_SITEURL', WPGEN_SITE );
define( 'DISABLE_WP_CRON', true );
define( 'WP_HTTP_BLOCK_EXTERNAL', true );
define( 'AUTOMATIC_UPDATER_DISABLED', true );
define( 'WP_AUTO_UPDATE_CORE', false );
define( 'WP_DEBUG', true );
define( 'WP_DEBUG_DISPLAY', false );
define( 'WP_DEBUG_LOG', dirname( WP_CONTENT_DIR ) . '/debug.log' );
if ( 'install' === $wpgen_phase ) {
	define( 'WP_INSTALLING', true );
}

require ABSPATH . 'wp-settings.php';

$wpgen_out = wpgen_env( 'WPGEN_OUT_DIR' );

if ( 'install' === $wpgen_phase ) {
	wpgen_install();
} elseif ( 'content' === $wpgen_phase ) {
	require __DIR__ . '/content.php';
	wpgen_content();
} else {
	require __DIR__ . '/expected.php';
	wpgen_export( $wpgen_out );
}

/**
 * Install the site in Arabic, as wp-admin/install.php does with language=ar.
 */
function wpgen_install() {
	// The install notice would go through wp_mail(); there is no mail here.
	function wp_new_blog_notification( $blog_title, $blog_url, $user_id, $password ) {
	}
	require_once ABSPATH . 'wp-admin/includes/upgrade.php';

	if ( load_default_textdomain( 'ar' ) ) {
		$GLOBALS['wp_locale'] = new WP_Locale();
	}
	$result = wp_install(
		'خبر: موقع تجريبي',
		'admin',
		'admin@example.test',
		true,
		'',
		'not-a-secret-fixture-password',
		'ar'
	);
	if ( empty( $result['user_id'] ) ) {
		fwrite( STDERR, "wp_install() did not create the admin user.\n" );
		exit( 1 );
	}
}
