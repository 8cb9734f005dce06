<?php
/**
 * The content phase: what an Arabic newsroom's WordPress would hold.
 *
 * Everything goes through WordPress's own functions (wp_insert_post,
 * wp_update_post, wp_insert_attachment, wp_insert_comment, ...) as the
 * logged-in administrator, so slugs, GMT dates, old slugs, revisions and
 * trash suffixes are WordPress's doing, not this script's.
 *
 * Placeholders in bodies are filled once the attachments exist:
 * {{id:KEY}}, {{url:KEY}} (full size) and {{url:KEY:SIZE}}.
 */

require_once ABSPATH . 'wp-admin/includes/image.php';
require_once ABSPATH . 'wp-admin/includes/file.php';
require_once ABSPATH . 'wp-admin/includes/media.php';
require_once ABSPATH . 'wp-admin/includes/nav-menu.php';
require_once __DIR__ . '/posts.php';

function wpgen_fail( $what, $result ) {
	$message = is_wp_error( $result ) ? $result->get_error_message() : var_export( $result, true );
	fwrite( STDERR, "generate.php: $what failed: $message\n" );
	exit( 1 );
}

function wpgen_check( $what, $result ) {
	if ( ! $result || is_wp_error( $result ) ) {
		wpgen_fail( $what, $result );
	}
	return $result;
}

function wpgen_content() {
	global $wp_rewrite;

	wp_set_current_user( 1 );

	update_option( 'blogdescription', 'أخبار محلية ودولية على مدار الساعة' );
	update_option( 'timezone_string', 'Asia/Riyadh' );
	update_option( 'gmt_offset', '' );
	update_option( 'posts_per_page', 10 );
	$wp_rewrite->set_permalink_structure( '/%year%/%monthnum%/%day%/%postname%/' );
	$wp_rewrite->set_category_base( 'section' );
	$wp_rewrite->set_tag_base( 'topic' );
	flush_rewrite_rules( false );

	// The sample post, page and comment, and the draft privacy page, carry the
	// install time as their date; a newsroom deletes them before launch.
	foreach ( get_posts(
		array(
			'post_type'   => 'any',
			'post_status' => 'any',
			'numberposts' => -1,
		)
	) as $sample ) {
		wpgen_check( 'deleting sample content', wp_delete_post( $sample->ID, true ) );
	}

	$users   = wpgen_users();
	$bylines = wpgen_bylines( $users );
	$terms   = wpgen_terms();
	$media   = array();
	foreach ( wpgen_media_specs() as $key => $spec ) {
		if ( empty( $spec['parent'] ) ) {
			$media[ $key ] = wpgen_attachment( $spec, 0 );
		}
	}

	$posts = array();
	foreach ( wpgen_post_specs() as $key => $spec ) {
		$posts[ $key ] = wpgen_post( $spec, $users, $bylines, $terms, $media );
		// Media the editor uploaded into this post, after writing it.
		foreach ( wpgen_media_specs() as $media_key => $media_spec ) {
			if ( isset( $media_spec['parent'] ) && $media_spec['parent'] === $key ) {
				$media[ $media_key ] = wpgen_attachment( $media_spec, $posts[ $key ] );
			}
		}
		if ( isset( $spec['featured'] ) ) {
			wpgen_check( "featured image of $key", set_post_thumbnail( $posts[ $key ], $media[ $spec['featured'] ] ) );
		}
	}

	$pages = array();
	foreach ( wpgen_page_specs() as $key => $spec ) {
		if ( isset( $spec['parent'] ) ) {
			$spec['post_parent'] = $pages[ $spec['parent'] ];
		}
		$pages[ $key ] = wpgen_post( $spec + array( 'post_type' => 'page' ), $users, $bylines, $terms, $media );
	}

	wpgen_comments( $posts + $pages, $users );
	wpgen_after_comments( $posts, $users, $bylines, $terms, $media );
	wpgen_menu( $terms, $pages );
}

function wpgen_users() {
	$ids = array( 'admin' => 1 );
	wpgen_check(
		'renaming admin',
		wp_update_user(
			wp_slash(
				array(
					'ID'           => 1,
					'first_name'   => 'هيئة',
					'last_name'    => 'التحرير',
					'nickname'     => 'هيئة التحرير',
					'display_name' => 'هيئة التحرير',
				)
			)
		)
	);
	$specs = array(
		// login, role, first name, last name.
		array( 'samira', 'editor', 'سميرة', 'الحداد' ),
		array( 'khaled', 'author', 'خالد', 'العمري' ),
		array( 'noura', 'author', 'نورة', 'السبيعي' ),
		// A login that is not its own nicename: /author/omar-farouk/.
		array( 'Omar.Farouk', 'author', 'عمر', 'فاروق' ),
		array( 'yousef', 'contributor', 'يوسف', 'بن علي' ),
		// Writes nothing, so the export's author list leaves her out.
		array( 'hala', 'author', 'هالة', 'منصور' ),
	);
	foreach ( $specs as $spec ) {
		list( $login, $role, $first, $last ) = $spec;
		$ids[ $login ] = wpgen_check(
			"user $login",
			wp_insert_user(
				wp_slash(
					array(
						'user_login'   => $login,
						'user_pass'    => 'not-a-secret-fixture-password',
						'user_email'   => strtolower( str_replace( '.', '-', $login ) ) . '@example.test',
						'first_name'   => $first,
						'last_name'    => $last,
						'nickname'     => "$first $last",
						'display_name' => "$first $last",
						'role'         => $role,
						'description'  => "{$first} {$last}، من فريق تحرير خبر.",
					)
				)
			)
		);
	}
	return $ids;
}

/**
 * Bylines the way Co-Authors Plus stores them: an `author` term per byline
 * (name = login, slug = "cap-" + nicename, description = the searchable
 * fields), and a `guest-author` post for a writer without an account.
 */
function wpgen_bylines( $users ) {
	$terms = array();
	foreach ( array( 'samira', 'khaled' ) as $login ) {
		$user            = get_user_by( 'id', $users[ $login ] );
		$terms[ $login ] = wpgen_byline_term( $user->user_login, $user->user_nicename, $user->display_name, $user->first_name, $user->last_name, $user->ID, $user->user_email );
	}
	$guests = array(
		array( 'reem-haddad', 'ريم', 'حداد', 'مراسلة خبر في بيروت.' ),
		array( 'tarek-mansour', 'طارق', 'منصور', 'مراسل خبر في القاهرة.' ),
	);
	foreach ( $guests as $guest ) {
		list( $login, $first, $last, $bio ) = $guest;
		$display = "$first $last";
		$email   = "$login@example.test";
		$id      = wpgen_check(
			"guest author $login",
			wp_insert_post(
				wp_slash(
					array(
						'post_type'   => 'guest-author',
						'post_status' => 'publish',
						'post_title'  => $display,
						'post_name'   => "cap-$login",
						'post_author' => 1,
						'post_date'   => '2024-02-15 12:00:00',
						'meta_input'  => array(
							'cap-display_name' => $display,
							'cap-user_login'   => $login,
							'cap-first_name'   => $first,
							'cap-last_name'    => $last,
							'cap-user_email'   => $email,
							'cap-description'  => $bio,
						),
					)
				),
				true
			)
		);
		$terms[ $login ] = wpgen_byline_term( $login, $login, $display, $first, $last, $id, $email );
	}
	return $terms;
}

function wpgen_byline_term( $login, $nicename, $display, $first, $last, $id, $email ) {
	$term = wpgen_check(
		"byline $login",
		wp_insert_term(
			$login,
			'author',
			wp_slash(
				array(
					'slug'        => "cap-$nicename",
					'description' => implode( ' ', array( $display, $first, $last, $login, $id, $email ) ),
				)
			)
		)
	);
	return $term['term_id'];
}

function wpgen_terms() {
	$ids = array( 'uncategorized' => (int) get_option( 'default_category' ) );
	$categories = array(
		// key => name, parent key, description, slug given by the editor.
		'politics' => array( 'سياسة', null, 'الأخبار السياسية من الداخل والخارج.', null ),
		'local'    => array( 'شؤون محلية', 'politics', '', null ),
		'world'    => array( 'شؤون دولية', 'politics', 'ما يجري في العالم.', null ),
		'economy'  => array( 'اقتصاد', null, 'المال والأعمال والأسواق.', null ),
		'markets'  => array( 'أسواق', 'economy', '', null ),
		'sports'   => array( 'رياضة', null, '', 'sports' ),
		'culture'  => array( 'ثقافة وفنون', null, 'الأدب والسينما والمسرح.', null ),
	);
	foreach ( $categories as $key => $spec ) {
		list( $name, $parent, $description, $slug ) = $spec;
		$args = array(
			'description' => $description,
			'parent'      => $parent ? $ids[ $parent ] : 0,
		);
		if ( $slug ) {
			$args['slug'] = $slug;
		}
		$term        = wpgen_check( "category $key", wp_insert_term( $name, 'category', wp_slash( $args ) ) );
		$ids[ $key ] = $term['term_id'];
	}
	$tags = array(
		'elections'  => 'الانتخابات',
		'energy'     => 'الطاقة',
		'football'   => 'كرة القدم',
		'climate'    => 'المناخ',
		'education'  => 'التعليم',
		'health'     => 'الصحة',
		'oil'        => 'النفط',
		'tourism'    => 'السياحة',
		'ai'         => 'الذكاء الاصطناعي',
		'cinema'     => 'السينما',
		// The same name, and so the same slug, as a category.
		'economytag' => 'اقتصاد',
	);
	foreach ( $tags as $key => $name ) {
		$term            = wpgen_check( "tag $key", wp_insert_term( $name, 'post_tag' ) );
		$ids[ "#$key" ] = $term['term_id'];
	}
	return $ids;
}

function wpgen_media_specs() {
	return array(
		// key => file name, width, height, upload month, title, alt, parent post key.
		'gold'    => array(
			'file'   => 'سوق-الذهب.jpg',
			'size'   => array( 900, 600 ),
			'month'  => '2024/03',
			'date'   => '2024-03-02 09:00:00',
			'title'  => 'سوق الذهب في المدينة القديمة',
			'alt'    => 'واجهات محلات الذهب',
			'colour' => array( 196, 150, 40 ),
		),
		'rain1'   => array(
			'file'   => 'rain-1.jpg',
			'size'   => array( 600, 400 ),
			'month'  => '2024/03',
			'date'   => '2024-03-02 09:05:00',
			'title'  => 'أمطار غزيرة في وسط المدينة',
			'alt'    => 'شارع تغمره المياه',
			'colour' => array( 60, 90, 140 ),
		),
		'rain2'   => array(
			'file'   => 'rain-2.jpg',
			'size'   => array( 600, 400 ),
			'month'  => '2024/03',
			'date'   => '2024-03-02 09:06:00',
			'title'  => 'سيارات عالقة في المياه',
			'alt'    => '',
			'colour' => array( 40, 70, 110 ),
		),
		'conf'    => array(
			'file'   => 'press-conference.jpg',
			'size'   => array( 600, 400 ),
			'month'  => '2024/03',
			'date'   => '2024-03-03 10:20:00',
			'title'  => 'مؤتمر صحفي في مقر الحكومة',
			'alt'    => 'وزير الاقتصاد خلال المؤتمر الصحفي',
			'colour' => array( 120, 120, 130 ),
			'parent' => 'smallbiz',
		),
		'camel1'  => array(
			'file'   => 'camel-race-1.jpg',
			'size'   => array( 600, 400 ),
			'month'  => '2024/05',
			'date'   => '2024-05-04 17:10:00',
			'title'  => 'انطلاق السباق',
			'alt'    => 'هجن عند خط البداية',
			'colour' => array( 210, 170, 110 ),
			'parent' => 'camels',
		),
		'camel2'  => array(
			'file'   => 'camel-race-2.jpg',
			'size'   => array( 600, 400 ),
			'month'  => '2024/05',
			'date'   => '2024-05-04 17:12:00',
			'title'  => 'لحظة الوصول',
			'alt'    => 'الجمهور يحيي الفائز',
			'colour' => array( 180, 120, 70 ),
			'parent' => 'camels',
		),
	);
}

/**
 * A small JPEG drawn with GD: a few kilobytes, and the same bytes each run.
 */
function wpgen_jpeg( $spec ) {
	list( $width, $height ) = $spec['size'];
	list( $r, $g, $b )      = $spec['colour'];
	$image                  = imagecreatetruecolor( $width, $height );
	for ( $y = 0; $y < $height; $y += 20 ) {
		$shade = imagecolorallocate( $image, min( 255, $r + intdiv( $y, 8 ) ), min( 255, $g + intdiv( $y, 10 ) ), min( 255, $b + intdiv( $y, 12 ) ) );
		imagefilledrectangle( $image, 0, $y, $width, $y + 19, $shade );
	}
	$light = imagecolorallocate( $image, 250, 250, 245 );
	imagefilledellipse( $image, (int) ( $width * 0.7 ), (int) ( $height * 0.35 ), (int) ( $width / 4 ), (int) ( $width / 4 ), $light );
	ob_start();
	imagejpeg( $image, null, 45 );
	imagedestroy( $image );
	return ob_get_clean();
}

function wpgen_attachment( $spec, $parent ) {
	$upload = wp_upload_bits( $spec['file'], null, wpgen_jpeg( $spec ), $spec['month'] );
	if ( ! empty( $upload['error'] ) ) {
		wpgen_fail( 'upload of ' . $spec['file'], $upload['error'] );
	}
	$id = wpgen_check(
		'attachment ' . $spec['file'],
		wp_insert_attachment(
			wp_slash(
				array(
					// media_handle_upload() sets the guid to the file's URL.
					'guid'           => $upload['url'],
					'post_mime_type' => 'image/jpeg',
					'post_title'     => $spec['title'],
					'post_content'   => '',
					'post_excerpt'   => $spec['title'],
					'post_status'    => 'inherit',
					'post_date'      => $spec['date'],
					'post_author'    => 1,
				)
			),
			$upload['file'],
			$parent,
			true
		)
	);
	wp_update_attachment_metadata( $id, wp_generate_attachment_metadata( $id, $upload['file'] ) );
	if ( '' !== $spec['alt'] ) {
		update_post_meta( $id, '_wp_attachment_image_alt', wp_slash( $spec['alt'] ) );
	}
	return $id;
}

function wpgen_fill( $text, $media ) {
	return preg_replace_callback(
		'/\{\{(id|url):([a-z0-9]+)(?::([a-z_]+))?\}\}/',
		function ( $m ) use ( $media ) {
			if ( ! isset( $media[ $m[2] ] ) ) {
				wpgen_fail( 'placeholder ' . $m[0], 'no such attachment yet' );
			}
			$id = $media[ $m[2] ];
			if ( 'id' === $m[1] ) {
				return (string) $id;
			}
			$size = isset( $m[3] ) && '' !== $m[3] ? $m[3] : 'full';
			$src  = wp_get_attachment_image_src( $id, $size );
			return $src[0];
		},
		$text
	);
}

function wpgen_post( $spec, $users, $bylines, $terms, $media ) {
	$post = array(
		'post_type'    => isset( $spec['post_type'] ) ? $spec['post_type'] : 'post',
		'post_status'  => isset( $spec['status'] ) ? $spec['status'] : 'publish',
		'post_title'   => $spec['title'],
		'post_content' => wpgen_fill( $spec['body'], $media ),
		'post_excerpt' => isset( $spec['excerpt'] ) ? $spec['excerpt'] : '',
		'post_author'  => $users[ isset( $spec['author'] ) ? $spec['author'] : 'admin' ],
		'post_date'    => $spec['date'],
		'meta_input'   => isset( $spec['meta'] ) ? $spec['meta'] : array(),
	);
	foreach ( array( 'post_name', 'post_password', 'post_parent', 'menu_order', 'comment_status' ) as $field ) {
		if ( isset( $spec[ $field ] ) ) {
			$post[ $field ] = $spec[ $field ];
		}
	}
	if ( isset( $spec['categories'] ) ) {
		$post['post_category'] = array_map(
			function ( $key ) use ( $terms ) {
				return $terms[ $key ];
			},
			$spec['categories']
		);
	}
	foreach ( $post['meta_input'] as $meta_key => $value ) {
		// Primary-category fields hold a category id, as the plugins store it.
		if ( is_string( $value ) && 0 === strpos( $value, '@cat:' ) ) {
			$post['meta_input'][ $meta_key ] = (string) $terms[ substr( $value, 5 ) ];
		}
		if ( is_array( $value ) && isset( $value['td_primary_cat'] ) ) {
			$post['meta_input'][ $meta_key ]['td_primary_cat'] = (string) $terms[ $value['td_primary_cat'] ];
		}
	}
	$id = wpgen_check( 'post ' . $spec['title'], wp_insert_post( wp_slash( $post ), true ) );
	if ( isset( $spec['tags'] ) ) {
		$tag_ids = array_map(
			function ( $key ) use ( $terms ) {
				return (int) $terms[ "#$key" ];
			},
			$spec['tags']
		);
		wpgen_check( 'tags of ' . $spec['title'], wp_set_post_terms( $id, $tag_ids, 'post_tag' ) );
	}
	if ( isset( $spec['bylines'] ) ) {
		$byline_ids = array_map(
			function ( $login ) use ( $bylines ) {
				return (int) $bylines[ $login ];
			},
			$spec['bylines']
		);
		wpgen_check( 'bylines of ' . $spec['title'], wp_set_object_terms( $id, $byline_ids, 'author' ) );
	}
	if ( isset( $spec['format'] ) ) {
		wpgen_check( 'format of ' . $spec['title'], set_post_format( $id, $spec['format'] ) );
	}
	if ( ! empty( $spec['sticky'] ) ) {
		stick_post( $id );
	}
	return $id;
}

function wpgen_comments( $objects, $users ) {
	$ids = array();
	foreach ( wpgen_comment_specs() as $key => $spec ) {
		$comment = array(
			'comment_post_ID'      => $objects[ $spec['on'] ],
			'comment_author'       => $spec['author'],
			'comment_author_email' => isset( $spec['email'] ) ? $spec['email'] : '',
			'comment_author_url'   => isset( $spec['url'] ) ? $spec['url'] : '',
			'comment_author_IP'    => '192.0.2.' . ( count( $ids ) + 10 ),
			'comment_date'         => $spec['date'],
			'comment_content'      => $spec['text'],
			'comment_approved'     => $spec['approved'],
			'comment_type'         => isset( $spec['type'] ) ? $spec['type'] : 'comment',
			'comment_parent'       => isset( $spec['reply_to'] ) ? $ids[ $spec['reply_to'] ] : 0,
			'comment_agent'        => 'Mozilla/5.0 (fixture)',
			'user_id'              => isset( $spec['user'] ) ? $users[ $spec['user'] ] : 0,
		);
		$ids[ $key ] = wpgen_check( "comment $key", wp_insert_comment( wp_slash( $comment ) ) );
	}
	return $ids;
}

/**
 * Edits made after publication, the way the editor screen makes them.
 */
function wpgen_after_comments( $posts, $users, $bylines, $terms, $media ) {
	// A renamed story: WordPress keeps the old slug in _wp_old_slug.
	wpgen_check(
		'renaming the hospital story',
		wp_update_post(
			wp_slash(
				array(
					'ID'         => $posts['hospital'],
					'post_title' => 'افتتاح مستشفى الشمال بطاقة 300 سرير',
					'post_name'  => 'افتتاح مستشفى الشمال',
				)
			),
			true
		)
	);
	// A story moved to the next day: WordPress keeps the old date in
	// _wp_old_date, for the /yyyy/mm/dd/ of the old permalink.
	wpgen_check(
		'moving the book fair story',
		wp_update_post(
			wp_slash(
				array(
					'ID'            => $posts['bookfair'],
					'post_date'     => '2024-03-19 09:00:00',
					'post_date_gmt' => get_gmt_from_date( '2024-03-19 09:00:00' ),
				)
			),
			true
		)
	);
	// A duplicate trashed (it has a comment, which becomes "post-trashed"),
	// then written again under the same title: the trashed one's slug gets
	// WordPress's __trashed suffix.
	wpgen_check( 'trashing the duplicate', wp_trash_post( $posts['traffic'] ) );
	wpgen_post( wpgen_rewritten_spec(), $users, $bylines, $terms, $media );
}

function wpgen_menu( $terms, $pages ) {
	$menu = wpgen_check( 'menu', wp_create_nav_menu( 'القائمة الرئيسية' ) );
	$items = array(
		array(
			'menu-item-title'     => 'سياسة',
			'menu-item-object'    => 'category',
			'menu-item-object-id' => $terms['politics'],
			'menu-item-type'      => 'taxonomy',
		),
		array(
			'menu-item-title'     => 'من نحن',
			'menu-item-object'    => 'page',
			'menu-item-object-id' => $pages['about'],
			'menu-item-type'      => 'post_type',
		),
		array(
			'menu-item-title' => 'الأرشيف القديم',
			'menu-item-url'   => 'http://archive.example.test/',
			'menu-item-type'  => 'custom',
		),
	);
	foreach ( $items as $item ) {
		wpgen_check( 'menu item', wp_update_nav_menu_item( $menu, 0, wp_slash( $item + array( 'menu-item-status' => 'publish' ) ) ) );
	}
	set_theme_mod( 'nav_menu_locations', array( 'primary' => $menu ) );
}
