<?php
/**
 * The export phase: export.xml from export_wp(), and expected.json read
 * back from WordPress's database and link functions in the same process.
 *
 * expected.json holds no time that WordPress takes from the clock
 * (modified dates, trash times, the export's own date), so two runs write
 * the same file; export.xml differs between runs only in those.
 */

require_once ABSPATH . 'wp-admin/includes/export.php';

const WPGEN_META_KEYS = array(
	'tie_views',
	'post_views_count',
	'views',
	'better-views-count',
	'tie_post_sub_title',
	'tie_source',
	'tie_via',
	'td_post_theme_settings',
	'bs_subtitle',
	'_bs_primary_category',
	'_yoast_wpseo_title',
	'_yoast_wpseo_metadesc',
	'_yoast_wpseo_focuskw',
	'_yoast_wpseo_primary_category',
	'rank_math_title',
	'rank_math_description',
	'rank_math_focus_keyword',
	'rank_math_primary_category',
	'_wp_old_slug',
	'_wp_old_date',
	'_wp_desired_post_slug',
	'_wp_trash_meta_status',
	'_thumbnail_id',
	'_wp_attachment_image_alt',
	'cap-display_name',
	'cap-user_login',
);

function wpgen_export( $out ) {
	global $wpdb;

	wp_set_current_user( 1 );

	ob_start();
	export_wp( array( 'content' => 'all' ) );
	$xml = ob_get_clean();
	if ( false === strpos( $xml, '<wp:wxr_version>' ) ) {
		fwrite( STDERR, "export_wp() wrote no WXR.\n" );
		exit( 1 );
	}
	file_put_contents( "$out/export.xml", $xml );

	$exported_types = array_values( get_post_types( array( 'can_export' => true ) ) );
	sort( $exported_types );
	$posts = $wpdb->get_results( "SELECT * FROM $wpdb->posts ORDER BY ID" );

	$expected = array(
		'_about'      => 'Written by tests/wordpress/generate/generate.sh from WordPress itself; do not edit by hand.',
		'wordpress'   => array(
			'version'    => $GLOBALS['wp_version'],
			'db_version' => (int) get_option( 'db_version' ),
		),
		'site'        => wpgen_site(),
		'counts'      => wpgen_counts( $posts, $exported_types ),
		'exported_post_types' => $exported_types,
		'feeds'       => array(
			'posts_rss2'    => get_feed_link(),
			'posts_atom'    => get_feed_link( 'atom' ),
			'comments_rss2' => get_feed_link( 'comments_rss2' ),
		),
		'users'       => wpgen_users_expected(),
		'terms'       => wpgen_terms_expected(),
		'posts'       => array(),
		'comments'    => wpgen_comments_expected(),
		'meta'        => wpgen_meta_expected(),
	);
	foreach ( $posts as $row ) {
		if ( 'revision' === $row->post_type ) {
			continue;
		}
		$expected['posts'][] = wpgen_post_expected( $row );
	}

	$json = json_encode( $expected, JSON_PRETTY_PRINT | JSON_UNESCAPED_UNICODE | JSON_UNESCAPED_SLASHES );
	file_put_contents( "$out/expected.json", $json . "\n" );
}

function wpgen_site() {
	global $wp_rewrite;
	return array(
		'home'                 => home_url(),
		'siteurl'              => site_url(),
		'blogname'             => get_option( 'blogname' ),
		'blogdescription'      => get_option( 'blogdescription' ),
		'language'             => get_option( 'WPLANG' ),
		'timezone_string'      => get_option( 'timezone_string' ),
		'utc_offset_hours'     => (float) wp_timezone()->getOffset( new DateTime( '2024-03-01', new DateTimeZone( 'UTC' ) ) ) / 3600,
		'permalink_structure'  => get_option( 'permalink_structure' ),
		'category_base'        => get_option( 'category_base' ),
		'tag_base'             => get_option( 'tag_base' ),
		'author_base'          => $wp_rewrite->author_base,
		'pagination_base'      => $wp_rewrite->pagination_base,
		'upload_url'           => wp_upload_dir( null, false )['baseurl'],
		'default_category'     => (int) get_option( 'default_category' ),
		'sticky_posts'         => array_map( 'intval', get_option( 'sticky_posts' ) ),
		'page_comments'        => (int) get_option( 'page_comments' ),
	);
}

function wpgen_counts( $posts, $exported_types ) {
	global $wpdb;
	$counts = array(
		'database' => array(),
		'exported' => array(),
	);
	foreach ( $posts as $row ) {
		$type   = $row->post_type;
		$status = $row->post_status;
		$counts['database'][ $type ][ $status ] = ( isset( $counts['database'][ $type ][ $status ] ) ? $counts['database'][ $type ][ $status ] : 0 ) + 1;
		// export_wp( content => all ): types with can_export, not auto-drafts.
		if ( in_array( $type, $exported_types, true ) && 'auto-draft' !== $status ) {
			$counts['exported'][ $type ][ $status ] = ( isset( $counts['exported'][ $type ][ $status ] ) ? $counts['exported'][ $type ][ $status ] : 0 ) + 1;
		}
	}
	foreach ( $counts as &$by_type ) {
		ksort( $by_type );
		foreach ( $by_type as &$by_status ) {
			ksort( $by_status );
		}
	}
	unset( $by_type, $by_status );
	$counts['exported_items'] = array_sum( array_map( 'array_sum', $counts['exported'] ) );

	$counts['comments'] = array();
	foreach ( $wpdb->get_results( "SELECT comment_approved, COUNT(*) AS n FROM $wpdb->comments GROUP BY comment_approved ORDER BY comment_approved" ) as $row ) {
		$counts['comments'][ $row->comment_approved ] = (int) $row->n;
	}
	// export_wp() leaves out spam and nothing else.
	$counts['exported_comments'] = (int) $wpdb->get_var(
		"SELECT COUNT(*) FROM $wpdb->comments c JOIN $wpdb->posts p ON p.ID = c.comment_post_ID
		WHERE c.comment_approved <> 'spam' AND p.post_status <> 'auto-draft'"
	);
	$counts['terms'] = array();
	foreach ( $wpdb->get_results( "SELECT taxonomy, COUNT(*) AS n FROM $wpdb->term_taxonomy GROUP BY taxonomy ORDER BY taxonomy" ) as $row ) {
		$counts['terms'][ $row->taxonomy ] = (int) $row->n;
	}
	return $counts;
}

function wpgen_users_expected() {
	global $wpdb;
	$authors = array_map( 'intval', $wpdb->get_col( "SELECT DISTINCT post_author FROM $wpdb->posts WHERE post_status != 'auto-draft'" ) );
	$users   = array();
	foreach ( get_users( array( 'orderby' => 'ID' ) ) as $user ) {
		$users[] = array(
			'ID'            => $user->ID,
			'login'         => $user->user_login,
			'nicename'      => $user->user_nicename,
			'display_name'  => $user->display_name,
			'email'         => $user->user_email,
			'roles'         => array_values( $user->roles ),
			'posts_url'     => get_author_posts_url( $user->ID ),
			'feed'          => get_author_feed_link( $user->ID ),
			'in_export'     => in_array( $user->ID, $authors, true ),
		);
	}
	return $users;
}

function wpgen_terms_expected() {
	$terms = array();
	foreach ( array( 'category', 'post_tag', 'post_format', 'author', 'nav_menu' ) as $taxonomy ) {
		$terms[ $taxonomy ] = array();
		foreach ( get_terms(
			array(
				'taxonomy'   => $taxonomy,
				'hide_empty' => false,
				'orderby'    => 'term_id',
			)
		) as $term ) {
			$link  = get_term_link( $term );
			$entry = array(
				'term_id'     => $term->term_id,
				'name'        => $term->name,
				'slug'        => $term->slug,
				'slug_decoded' => urldecode( $term->slug ),
				'parent'      => $term->parent,
				'count'       => $term->count,
				'description' => $term->description,
				'link'        => is_wp_error( $link ) ? null : $link,
			);
			if ( 'category' === $taxonomy ) {
				$entry['link'] = get_category_link( $term->term_id );
				$entry['feed'] = get_category_feed_link( $term->term_id );
			} elseif ( 'post_tag' === $taxonomy ) {
				$entry['link'] = get_tag_link( $term->term_id );
				$entry['feed'] = get_tag_feed_link( $term->term_id );
			}
			$terms[ $taxonomy ][] = $entry;
		}
	}
	return $terms;
}

function wpgen_post_expected( $row ) {
	global $wpdb, $post, $pages, $numpages, $multipage, $page;

	$entry = array(
		'ID'             => (int) $row->ID,
		'post_type'      => $row->post_type,
		'status'         => $row->post_status,
		'post_name'      => $row->post_name,
		'post_name_decoded' => urldecode( $row->post_name ),
		'title'          => $row->post_title,
		'author'         => get_the_author_meta( 'user_login', $row->post_author ),
		'parent'         => (int) $row->post_parent,
		'menu_order'     => (int) $row->menu_order,
		'has_password'   => '' !== $row->post_password,
		'date'           => $row->post_date,
		'date_gmt'       => $row->post_date_gmt,
		'guid'           => $row->guid,
		'permalink'      => get_permalink( $row->ID ),
	);
	if ( 'nav_menu_item' === $row->post_type ) {
		// Menu items are dated when they are made, which is now, and their
		// guid and permalink carry that date.
		unset( $entry['date'], $entry['date_gmt'], $entry['guid'], $entry['permalink'] );
		$entry['menu_item'] = array(
			'type'      => get_post_meta( $row->ID, '_menu_item_type', true ),
			'object'    => get_post_meta( $row->ID, '_menu_item_object', true ),
			'object_id' => (int) get_post_meta( $row->ID, '_menu_item_object_id', true ),
			'url'       => get_post_meta( $row->ID, '_menu_item_url', true ),
		);
	}
	if ( 'page' === $row->post_type ) {
		$entry['plain_link'] = home_url( '/?page_id=' . $row->ID );
	} elseif ( 'attachment' === $row->post_type ) {
		$entry['plain_link'] = home_url( '/?attachment_id=' . $row->ID );
	} else {
		$entry['plain_link'] = home_url( '/?p=' . $row->ID );
	}
	if ( in_array( $row->post_type, array( 'post', 'page' ), true ) ) {
		$entry['categories']     = wp_get_post_terms( $row->ID, 'category', array( 'fields' => 'slugs' ) );
		$entry['tags']           = wp_get_post_terms( $row->ID, 'post_tag', array( 'fields' => 'slugs' ) );
		$entry['bylines']        = wp_get_object_terms( $row->ID, 'author', array( 'fields' => 'slugs', 'orderby' => 'term_order' ) );
		$entry['post_format']    = get_post_format( $row->ID ) ? get_post_format( $row->ID ) : null;
		$entry['sticky']         = is_sticky( $row->ID );
		$entry['thumbnail_id']   = (int) get_post_thumbnail_id( $row->ID );
		$entry['comment_count']  = (int) $row->comment_count;
		$entry['comments_feed']  = get_post_comments_feed_link( $row->ID );
		$entry['old_slugs']      = get_post_meta( $row->ID, '_wp_old_slug' );
		$entry['old_dates']      = get_post_meta( $row->ID, '_wp_old_date' );
		$entry['has_more']       = false !== strpos( $row->post_content, '<!--more-->' );
		$entry['page_links']     = array();
		if ( false !== strpos( $row->post_content, '<!--nextpage-->' ) ) {
			$post = get_post( $row->ID );
			setup_postdata( $post );
			for ( $i = 1; $i <= $numpages; $i++ ) {
				preg_match( '/href="([^"]+)"/', _wp_link_page( $i ), $m );
				$entry['page_links'][] = html_entity_decode( $m[1] );
			}
			wp_reset_postdata();
		}
	}
	if ( 'attachment' === $row->post_type ) {
		$meta                = wp_get_attachment_metadata( $row->ID );
		$entry['url']        = wp_get_attachment_url( $row->ID );
		$entry['file']       = get_post_meta( $row->ID, '_wp_attached_file', true );
		$entry['mime_type']  = $row->post_mime_type;
		$entry['width']      = $meta['width'];
		$entry['height']     = $meta['height'];
		$entry['alt']        = get_post_meta( $row->ID, '_wp_attachment_image_alt', true );
		$entry['caption']    = $row->post_excerpt;
		$entry['sizes']      = array();
		foreach ( $meta['sizes'] as $size => $info ) {
			$src                      = wp_get_attachment_image_src( $row->ID, $size );
			$entry['sizes'][ $size ] = array(
				'file'   => $info['file'],
				'width'  => $info['width'],
				'height' => $info['height'],
				'url'    => $src[0],
			);
		}
	}
	return $entry;
}

function wpgen_comments_expected() {
	$comments = array();
	foreach ( get_comments(
		array(
			'status'  => 'all',
			'type'    => 'all',
			'orderby' => 'comment_ID',
			'order'   => 'ASC',
		)
	) as $comment ) {
		$comments[] = wpgen_comment_entry( $comment );
	}
	// get_comments( status => all ) leaves out spam, trash and post-trashed.
	foreach ( array( 'spam', 'post-trashed', 'trash' ) as $status ) {
		foreach ( get_comments( array( 'status' => $status, 'type' => 'all' ) ) as $comment ) {
			$comments[] = wpgen_comment_entry( $comment );
		}
	}
	usort(
		$comments,
		function ( $a, $b ) {
			return $a['ID'] - $b['ID'];
		}
	);
	return $comments;
}

function wpgen_comment_entry( $comment ) {
	return array(
		'ID'        => (int) $comment->comment_ID,
		'post_ID'   => (int) $comment->comment_post_ID,
		'parent'    => (int) $comment->comment_parent,
		'approved'  => $comment->comment_approved,
		'type'      => $comment->comment_type,
		'author'    => $comment->comment_author,
		'user_id'   => (int) $comment->user_id,
		'date'      => $comment->comment_date,
		'date_gmt'  => $comment->comment_date_gmt,
		'link'      => 'post-trashed' === $comment->comment_approved || 'spam' === $comment->comment_approved ? null : get_comment_link( $comment ),
		'in_export' => 'spam' !== $comment->comment_approved,
	);
}

function wpgen_meta_expected() {
	global $wpdb;
	$meta = array();
	foreach ( WPGEN_META_KEYS as $key ) {
		$meta[ $key ] = array();
		$rows         = $wpdb->get_results( $wpdb->prepare( "SELECT post_id, meta_value FROM $wpdb->postmeta WHERE meta_key = %s ORDER BY post_id, meta_id", $key ) );
		foreach ( $rows as $row ) {
			$meta[ $key ][] = array(
				'post_ID' => (int) $row->post_id,
				'raw'     => $row->meta_value,
				'value'   => maybe_unserialize( $row->meta_value ),
			);
		}
	}
	return $meta;
}
