<?php
/**
 * Plugin Name: Khabar fixture: Co-Authors Plus storage shim
 * Description: Registers what Co-Authors Plus registers for storage, and
 * nothing of its behaviour: the non-hierarchical `author` taxonomy whose terms
 * are bylines (slug `cap-<user_nicename>`, name = login) and the private
 * `guest-author` post type that holds bylines without a WordPress account.
 * The generator copies it into the scratch site's mu-plugins, so every
 * phase, including export_wp(), sees the same registrations a site running
 * the plugin would.
 */

add_action(
	'init',
	function () {
		register_post_type(
			'guest-author',
			array(
				'label'               => 'Guest Authors',
				'public'              => false,
				'publicly_queryable'  => false,
				'exclude_from_search' => true,
				'show_ui'             => false,
				'supports'            => array( 'thumbnail' ),
				'rewrite'             => false,
				'query_var'           => false,
				// can_export is left at WordPress's default (true), as the
				// plugin does, so guest authors travel in a full export.
			)
		);
		register_taxonomy(
			'author',
			array( 'post', 'page' ),
			array(
				'hierarchical'          => false,
				'update_count_callback' => '_update_post_term_count',
				'label'                 => false,
				'query_var'             => false,
				'rewrite'               => false,
				'public'                => false,
				'sort'                  => true,
				'args'                  => array( 'orderby' => 'term_order' ),
				'show_ui'               => false,
			)
		);
	}
);
