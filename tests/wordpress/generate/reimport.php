<?php
/**
 * Import a WXR file into a fresh Debian WordPress with WordPress's own
 * importer plugin, and report what WordPress then holds.
 *
 * Run by reimport.sh, once per phase, each in a fresh PHP process:
 *
 *   php reimport.php install        wp_install() into an empty database
 *   php reimport.php count          what the site holds, as JSON
 *   php reimport.php import FILE    the importer's import(), images
 *                                   fetched ("Download and import file
 *                                   attachments" ticked), every author
 *                                   created as a user
 *
 * Environment: WPRE_DB_NAME, WPRE_DB_HOST, WPRE_CONTENT_DIR (a scratch
 * wp-content with mu-plugins/cap-shim.php) and WPRE_PLUGIN (the importer's
 * src/ folder, from github.com/WordPress/wordpress-importer: it is not in
 * this repository). WPRE_MEDIA_PORT is the port of the local server that
 * hands out the exported images.
 */

if ( PHP_SAPI !== 'cli' ) {
	exit( 1 );
}

$wpre_phase = isset( $argv[1] ) ? $argv[1] : '';
if ( ! in_array( $wpre_phase, array( 'install', 'count', 'import' ), true ) ) {
	fwrite( STDERR, "usage: php reimport.php install|count|import FILE\n" );
	exit( 2 );
}

function wpre_env( $name ) {
	$value = getenv( $name );
	if ( false === $value || '' === $value ) {
		fwrite( STDERR, "reimport.php: set $name (reimport.sh does).\n" );
		exit( 2 );
	}
	return $value;
}

const WPRE_SITE = 'http://wordpress.test';

$_SERVER['HTTP_HOST']       = 'wordpress.test';
$_SERVER['SERVER_NAME']     = 'wordpress.test';
$_SERVER['SERVER_PORT']     = '80';
$_SERVER['REQUEST_URI']     = '/';
$_SERVER['REQUEST_METHOD']  = 'GET';
$_SERVER['SERVER_PROTOCOL'] = 'HTTP/1.1';

define( 'DB_NAME', wpre_env( 'WPRE_DB_NAME' ) );
define( 'DB_USER', 'root' );
define( 'DB_PASSWORD', '' );
define( 'DB_HOST', wpre_env( 'WPRE_DB_HOST' ) );
define( 'DB_CHARSET', 'utf8mb4' );
define( 'DB_COLLATE', '' );
$table_prefix = 'wp_';

// Fixed, public, and only for this throw-away site.
foreach ( array( 'AUTH', 'SECURE_AUTH', 'LOGGED_IN', 'NONCE' ) as $wpre_salt ) {
	define( $wpre_salt . '_KEY', 'khabar-reimport-' . $wpre_salt . '-key' );
	define( $wpre_salt . '_SALT', 'khabar-reimport-' . $wpre_salt . '-salt' );
}

define( 'ABSPATH', '/usr/share/wordpress/' );
define( 'WP_CONTENT_DIR', wpre_env( 'WPRE_CONTENT_DIR' ) );
define( 'WP_CONTENT_URL', WPRE_SITE . '/wp-content' );
define( 'WP_HOME', WPRE_SITE );
define( 'WP_SITEURL', WPRE_SITE );
define( 'DISABLE_WP_CRON', true );
define( 'AUTOMATIC_UPDATER_DISABLED', true );
define( 'WP_AUTO_UPDATE_CORE', false );
define( 'WP_DEBUG', true );
define( 'WP_DEBUG_DISPLAY', false );
define( 'WP_DEBUG_LOG', dirname( WP_CONTENT_DIR ) . '/debug.log' );
if ( 'install' === $wpre_phase ) {
	define( 'WP_INSTALLING', true );
}
if ( 'import' === $wpre_phase ) {
	define( 'WP_LOAD_IMPORTERS', true );
}

require ABSPATH . 'wp-settings.php';

if ( 'install' === $wpre_phase ) {
	wpre_install();
} elseif ( 'import' === $wpre_phase ) {
	wpre_import( isset( $argv[2] ) ? $argv[2] : '' );
} else {
	echo wp_json_encode( wpre_count(), JSON_PRETTY_PRINT | JSON_UNESCAPED_UNICODE | JSON_UNESCAPED_SLASHES ), "\n";
}

function wpre_install() {
	function wp_new_blog_notification( $blog_title, $blog_url, $user_id, $password ) {
	}
	require_once ABSPATH . 'wp-admin/includes/upgrade.php';
	$result = wp_install( 'reimport', 'admin', 'admin@wordpress.test', true, '', 'not-a-secret-password' );
	if ( empty( $result['user_id'] ) ) {
		fwrite( STDERR, "wp_install() did not create the admin user.\n" );
		exit( 1 );
	}
}

function wpre_import( $file ) {
	if ( ! is_file( $file ) ) {
		fwrite( STDERR, "reimport.php: no such file: $file\n" );
		exit( 2 );
	}
	require_once ABSPATH . 'wp-admin/includes/admin.php';
	wp_set_current_user( 1 );

	// The images come from a server on this machine: let WordPress's
	// "safe" HTTP client fetch from it.
	$port = (int) wpre_env( 'WPRE_MEDIA_PORT' );
	add_filter( 'http_request_host_is_external', '__return_true' );
	add_filter(
		'http_allowed_safe_ports',
		function ( $ports ) use ( $port ) {
			$ports[] = $port;
			return $ports;
		}
	);

	require wpre_env( 'WPRE_PLUGIN' ) . '/wordpress-importer.php';
	$importer                    = new WP_Import();
	$importer->fetch_attachments = true;

	// What the importer's form posts when every author is kept as a new
	// user under the login the file gives.
	$parsed = $importer->parse( $file );
	if ( is_wp_error( $parsed ) ) {
		fwrite( STDERR, 'parse: ' . $parsed->get_error_message() . "\n" );
		exit( 1 );
	}
	$_POST['imported_authors'] = array_keys( $parsed['authors'] );
	$_POST['user_map']         = array();
	$_POST['user_new']         = array();

	ob_start();
	$importer->import( $file );
	$log = ob_get_clean();
	// The importer reports per item in HTML; keep its complaints.
	foreach ( preg_split( '/<br\s*\/?>|<\/p>/', $log ) as $line ) {
		$line = trim( wp_strip_all_tags( $line ) );
		if ( '' !== $line && ! preg_match( '/^(All done|Have fun|Remember to update)/', $line ) ) {
			echo "importer: $line\n";
		}
	}
}

function wpre_count() {
	global $wpdb;
	$count = array( 'posts' => array() );
	foreach ( $wpdb->get_results( "SELECT post_type, post_status, COUNT(*) AS n FROM $wpdb->posts GROUP BY post_type, post_status ORDER BY post_type, post_status" ) as $row ) {
		$count['posts'][ $row->post_type ][ $row->post_status ] = (int) $row->n;
	}
	foreach ( array( 'category', 'post_tag', 'author' ) as $taxonomy ) {
		$count['terms'][ $taxonomy ] = (int) $wpdb->get_var( $wpdb->prepare( "SELECT COUNT(*) FROM $wpdb->term_taxonomy WHERE taxonomy = %s", $taxonomy ) );
	}
	$count['child_categories'] = (int) $wpdb->get_var( "SELECT COUNT(*) FROM $wpdb->term_taxonomy WHERE taxonomy = 'category' AND parent <> 0" );
	$count['comments']         = array();
	foreach ( $wpdb->get_results( "SELECT comment_approved, COUNT(*) AS n FROM $wpdb->comments GROUP BY comment_approved ORDER BY comment_approved" ) as $row ) {
		$names = array( '1' => 'approved', '0' => 'held' );
		$name  = isset( $names[ $row->comment_approved ] ) ? $names[ $row->comment_approved ] : $row->comment_approved;
		$count['comments'][ $name ] = (int) $row->n;
	}
	$count['users'] = (int) $wpdb->get_var( "SELECT COUNT(*) FROM $wpdb->users" );

	// Attachments whose file WordPress downloaded and can find.
	$files = 0;
	foreach ( get_posts( array( 'post_type' => 'attachment', 'post_status' => 'any', 'numberposts' => -1, 'fields' => 'ids' ) ) as $id ) {
		$path = get_attached_file( $id );
		$files += ( $path && is_file( $path ) ) ? 1 : 0;
	}
	$count['attachment_files'] = $files;

	// Featured images that point at an attachment of this site.
	$count['featured_images'] = (int) $wpdb->get_var( "SELECT COUNT(*) FROM $wpdb->postmeta m JOIN $wpdb->posts a ON a.ID = m.meta_value AND a.post_type = 'attachment' WHERE m.meta_key = '_thumbnail_id'" );
	foreach ( array( 'views', 'tie_post_sub_title', '_yoast_wpseo_title', '_yoast_wpseo_metadesc' ) as $key ) {
		$count['meta'][ $key ] = (int) $wpdb->get_var( $wpdb->prepare( "SELECT COUNT(*) FROM $wpdb->postmeta WHERE meta_key = %s", $key ) );
	}
	$count['views_total'] = (int) $wpdb->get_var( "SELECT SUM(meta_value) FROM $wpdb->postmeta WHERE meta_key = 'views'" );

	// The block editor's own parser on every post: blocks by name, and
	// any HTML left outside a block (which the editor shows as "Classic").
	$blocks   = array();
	$freeform = 0;
	$images   = 0;
	$walk     = function ( $list ) use ( &$walk, &$blocks, &$freeform, &$images ) {
		foreach ( $list as $block ) {
			if ( null === $block['blockName'] ) {
				$freeform += '' !== trim( $block['innerHTML'] ) ? 1 : 0;
				continue;
			}
			$blocks[ $block['blockName'] ] = ( isset( $blocks[ $block['blockName'] ] ) ? $blocks[ $block['blockName'] ] : 0 ) + 1;
			if ( 'core/image' === $block['blockName'] && ! empty( $block['attrs']['id'] ) && 'attachment' === get_post_type( $block['attrs']['id'] ) ) {
				$images++;
			}
			$walk( $block['innerBlocks'] );
		}
	};
	foreach ( $wpdb->get_col( "SELECT post_content FROM $wpdb->posts WHERE post_type = 'post'" ) as $content ) {
		$walk( parse_blocks( $content ) );
	}
	ksort( $blocks );
	$count['blocks']                  = $blocks;
	$count['html_outside_blocks']     = $freeform;
	$count['image_blocks_attachment'] = $images;
	return $count;
}
