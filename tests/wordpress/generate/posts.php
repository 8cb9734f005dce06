<?php
/**
 * The fixture's stories, pages and comments: invented news, written for
 * this fixture. Dates are the site's local time (Asia/Riyadh, UTC+3);
 * WordPress works out the GMT dates.
 *
 * Post keys name the story; `categories` and `tags` name keys of
 * wpgen_terms(), `author` and `bylines` logins, `featured` a media key.
 * A meta value "@cat:KEY" becomes that category's id.
 */

function wpgen_post_specs() {
	$posts = array();

	// Classic editor HTML, paragraphs split by blank lines (wpautop's input);
	// Yoast, Jannah (tie_*) fields; a featured image uploaded into the post.
	$posts['smallbiz'] = array(
		'title'      => 'الحكومة تعلن خطة جديدة لدعم المشاريع الصغيرة والمتوسطة',
		'date'       => '2024-03-03 10:15:00',
		'author'     => 'khaled',
		'categories' => array( 'economy' ),
		'tags'       => array( 'economytag' ),
		'featured'   => 'conf',
		'excerpt'    => 'قروض ميسرة وإعفاءات ضريبية لثلاث سنوات لأصحاب المشاريع الناشئة.',
		'meta'       => array(
			'tie_views'                      => 1520,
			'tie_post_sub_title'             => 'قروض ميسرة وإعفاءات ضريبية لثلاث سنوات',
			'tie_source'                     => array(
				array(
					'text' => 'وكالة الأنباء الرسمية',
					'url'  => 'https://news-agency.example.test/economy/1234',
				),
			),
			'tie_via'                        => array(
				array(
					'text' => 'موقع وزارة الاقتصاد',
					'url'  => 'https://economy.example.test/',
				),
			),
			'_yoast_wpseo_title'             => '%%title%% %%sep%% %%sitename%%',
			'_yoast_wpseo_metadesc'          => 'تفاصيل خطة الحكومة لدعم المشاريع الصغيرة والمتوسطة بقروض ميسرة وإعفاءات ضريبية.',
			'_yoast_wpseo_focuskw'           => 'المشاريع الصغيرة',
			'_yoast_wpseo_primary_category'  => '@cat:economy',
		),
		'body'       => <<<'EOT'
أعلن وزير الاقتصاد خلال مؤتمر صحفي صباح الأحد عن خطة حكومية جديدة لدعم المشاريع الصغيرة والمتوسطة، تتضمن قروضاً ميسرة بفائدة رمزية وإعفاءات ضريبية لمدة ثلاث سنوات.

وقال الوزير إن الخطة تستهدف <strong>عشرة آلاف مشروع</strong> خلال العام الأول، مع إعطاء الأولوية للمشاريع التي تقودها النساء والشباب في المحافظات البعيدة عن العاصمة.

وأوضح أن التسجيل سيكون عبر منصة إلكترونية موحدة تُطلق الشهر المقبل، وأن البنك المركزي سيضمن جزءاً من القروض لتشجيع المصارف التجارية على المشاركة.
EOT
		,
	);

	// Block editor: paragraph, heading, list (6.1 list-item blocks), quote.
	// Rank Math fields; a featured image with an Arabic file name.
	$posts['oil'] = array(
		'title'      => 'أسعار النفط ترتفع',
		'date'       => '2024-03-05 08:00:00',
		'author'     => 'noura',
		'categories' => array( 'markets' ),
		'tags'       => array( 'oil', 'energy' ),
		'featured'   => 'gold',
		'meta'       => array(
			'post_views_count'           => 640,
			'rank_math_title'            => '%title% %sep% %sitename%',
			'rank_math_description'      => 'ارتفعت أسعار النفط في تعاملات الثلاثاء بعد قرار خفض الإنتاج.',
			'rank_math_focus_keyword'    => 'أسعار النفط',
			'rank_math_primary_category' => '@cat:markets',
		),
		'body'       => <<<'EOT'
<!-- wp:paragraph -->
<p>ارتفعت أسعار النفط في تعاملات الثلاثاء بأكثر من اثنين في المئة، بعد إعلان عدد من الدول المنتجة تمديد خفض الإنتاج حتى نهاية الربع الثاني.</p>
<!-- /wp:paragraph -->

<!-- wp:heading -->
<h2>ماذا يعني القرار للأسواق؟</h2>
<!-- /wp:heading -->

<!-- wp:paragraph -->
<p>يرى محللون أن القرار سيبقي الأسعار مرتفعة خلال الأسابيع المقبلة، وأن أثره سيظهر في أسعار الوقود محلياً:</p>
<!-- /wp:paragraph -->

<!-- wp:list -->
<ul><!-- wp:list-item -->
<li>خام برنت عند أعلى مستوى له منذ أربعة أشهر.</li>
<!-- /wp:list-item -->

<!-- wp:list-item -->
<li>تراجع المخزونات التجارية للأسبوع الثالث على التوالي.</li>
<!-- /wp:list-item --></ul>
<!-- /wp:list -->

<!-- wp:quote -->
<blockquote class="wp-block-quote"><!-- wp:paragraph -->
<p>السوق كانت تنتظر هذه الإشارة منذ بداية العام.</p>
<!-- /wp:paragraph --><cite>محلل في أحد المصارف الاستثمارية</cite></blockquote>
<!-- /wp:quote -->
EOT
		,
	);

	// An English slug typed by the editor; a local time after midnight, so
	// the permalink's day (local) differs from the GMT day; a video post
	// format; a YouTube embed block; WP-PostViews and BetterStudio counters.
	$posts['final'] = array(
		'title'      => 'المنتخب يتأهل إلى النهائي بعد فوز مثير بركلات الترجيح',
		'post_name'  => 'national-team-final',
		'date'       => '2024-03-10 01:30:00',
		'author'     => 'Omar.Farouk',
		'categories' => array( 'sports' ),
		'tags'       => array( 'football' ),
		'format'     => 'video',
		'meta'       => array(
			'views'              => 3305,
			'better-views-count' => 3290,
		),
		'body'       => <<<'EOT'
<!-- wp:paragraph -->
<p>تأهل المنتخب الوطني إلى المباراة النهائية بعد فوزه بركلات الترجيح (4-3) إثر انتهاء الوقتين الأصلي والإضافي بالتعادل الإيجابي بهدف لمثله.</p>
<!-- /wp:paragraph -->

<!-- wp:embed {"url":"https://www.youtube.com/watch?v=aqz-KE-bpKQ","type":"video","providerNameSlug":"youtube","responsive":true,"className":"wp-embed-aspect-16-9 wp-has-aspect-ratio"} -->
<figure class="wp-block-embed is-type-video is-provider-youtube wp-block-embed-youtube wp-embed-aspect-16-9 wp-has-aspect-ratio"><div class="wp-block-embed__wrapper">
https://www.youtube.com/watch?v=aqz-KE-bpKQ
</div><figcaption class="wp-element-caption">ملخص المباراة</figcaption></figure>
<!-- /wp:embed -->

<!-- wp:paragraph -->
<p>ويلتقي المنتخب في النهائي يوم الجمعة المقبل مع الفائز من مباراة نصف النهائي الثانية.</p>
<!-- /wp:paragraph -->
EOT
		,
	);

	// A title whose encoded slug passes 200 characters: WordPress cuts it.
	// tagDiv's settings array, serialised by WordPress.
	$posts['curriculum'] = array(
		'title'      => 'وزارة التعليم تعلن عن إطلاق برنامج وطني شامل لتطوير المناهج الدراسية في المرحلتين الابتدائية والمتوسطة بمشاركة خبراء محليين ودوليين ابتداءً من العام الدراسي المقبل',
		'date'       => '2024-03-11 12:00:00',
		'author'     => 'samira',
		'categories' => array( 'local' ),
		'tags'       => array( 'education' ),
		'meta'       => array(
			'td_post_theme_settings' => array(
				'td_subtitle'    => 'المناهج الجديدة تدخل الفصول بعد عامين من التجريب',
				'td_source'      => 'وزارة التعليم',
				'td_source_url'  => 'https://education.example.test/news/curriculum',
				'td_via'         => 'وكالة الأنباء الرسمية',
				'td_via_url'     => 'https://news-agency.example.test/',
				'td_primary_cat' => 'local',
			),
		),
		'body'       => <<<'EOT'
أعلنت وزارة التعليم عن برنامج وطني لتطوير المناهج الدراسية في المرحلتين الابتدائية والمتوسطة، يبدأ تطبيقه تدريجياً مع العام الدراسي المقبل.

وقالت الوزارة إن البرنامج يركز على مهارات القراءة والرياضيات والتفكير النقدي، وإن المعلمين سيحصلون على دورات تدريبية خلال العطلة الصيفية.
EOT
		,
	);

	// Two stories under one title: the second slug ends in -2.
	$posts['cabinet1'] = array(
		'title'      => 'اجتماع طارئ لمجلس الوزراء',
		'date'       => '2024-03-12 20:00:00',
		'author'     => 'khaled',
		'categories' => array( 'local' ),
		'body'       => "عقد مجلس الوزراء مساء الثلاثاء اجتماعاً طارئاً برئاسة رئيس الحكومة لبحث تداعيات موجة الأمطار الأخيرة.\n\nوقرر المجلس تشكيل لجنة لحصر الأضرار وتعويض المتضررين خلال شهر.",
	);
	$posts['cabinet2'] = array(
		'title'      => 'اجتماع طارئ لمجلس الوزراء',
		'date'       => '2024-03-14 21:30:00',
		'author'     => 'khaled',
		'categories' => array( 'local' ),
		'body'       => "عاد مجلس الوزراء إلى الانعقاد مساء الخميس في اجتماع طارئ ثانٍ خُصص لمناقشة تقرير لجنة حصر الأضرار.\n\nوأقر المجلس صرف الدفعة الأولى من التعويضات الأسبوع المقبل.",
	);

	// Renamed after publication (see wpgen_after_comments): _wp_old_slug.
	$posts['hospital'] = array(
		'title'      => 'وزير الصحة يفتتح مستشفى جديداً',
		'date'       => '2024-03-15 11:00:00',
		'author'     => 'noura',
		'categories' => array( 'local' ),
		'tags'       => array( 'health' ),
		'body'       => "افتتح وزير الصحة صباح الجمعة مستشفى الشمال العام بطاقة استيعابية تبلغ ثلاثمئة سرير.\n\nويضم المستشفى قسماً للطوارئ يعمل على مدار الساعة ووحدة لغسيل الكلى.",
	);

	// Re-dated after publication (see wpgen_after_comments): _wp_old_date.
	$posts['bookfair'] = array(
		'title'      => 'معرض الكتاب يفتح أبوابه',
		'date'       => '2024-03-18 09:00:00',
		'author'     => 'samira',
		'categories' => array( 'culture' ),
		'body'       => "يفتح معرض الكتاب الدولي أبوابه للجمهور بمشاركة أكثر من خمسمئة دار نشر من ثلاثين دولة.\n\nويستضيف المعرض هذا العام ندوات يومية عن الترجمة وأدب الأطفال.",
	);

	// <!--more--> and two <!--nextpage-->: a story in three pages.
	$posts['water'] = array(
		'title'      => 'تقرير: تحديات المياه في المنطقة',
		'date'       => '2024-03-20 14:00:00',
		'author'     => 'samira',
		'categories' => array( 'world' ),
		'tags'       => array( 'climate' ),
		'body'       => <<<'EOT'
تواجه دول المنطقة واحدة من أصعب أزمات المياه في تاريخها الحديث، مع تراجع معدلات الأمطار وارتفاع الطلب.

<!--more-->

ويقول خبراء إن نصيب الفرد من المياه العذبة انخفض إلى أقل من نصف ما كان عليه قبل ثلاثين عاماً.

<!--nextpage-->

<h2>التحلية ليست حلاً كاملاً</h2>

تعتمد دول عدة على محطات التحلية، لكنها مكلفة وتستهلك كميات كبيرة من الطاقة.

<!--nextpage-->

<h2>ما الذي يمكن فعله؟</h2>

يدعو التقرير إلى إعادة استخدام المياه المعالجة في الزراعة، وإصلاح شبكات التوزيع التي تفقد ما يصل إلى ثلث المياه.
EOT
		,
	);

	// Both [caption] forms: attachment id + text after the image, and the
	// older caption="" attribute.
	$posts['festival'] = array(
		'title'      => 'افتتاح مهرجان الربيع في العاصمة',
		'date'       => '2024-03-21 18:00:00',
		'author'     => 'Omar.Farouk',
		'categories' => array( 'culture' ),
		'tags'       => array( 'tourism' ),
		'body'       => <<<'EOT'
افتتح محافظ العاصمة مساء الخميس مهرجان الربيع في دورته العاشرة، بمشاركة فرق فنية من عشر دول.

[caption id="attachment_{{id:gold}}" align="alignnone" width="300"]<img class="size-medium wp-image-{{id:gold}}" src="{{url:gold:medium}}" alt="واجهات محلات الذهب" width="300" height="200" /> سوق الذهب في المدينة القديمة قبيل افتتاح المهرجان[/caption]

ويستمر المهرجان عشرة أيام، وتقام فعالياته في الساحات العامة والحدائق.

[caption caption="الأمطار لم تمنع الزوار من الحضور" align="alignright" width="300"]<img src="{{url:rain2:medium}}" alt="" width="300" height="200" />[/caption]
EOT
		,
	);

	// [gallery ids="..."] of media uploaded earlier, unattached.
	$posts['rain'] = array(
		'title'      => 'صور: الأمطار الغزيرة تغمر شوارع المدينة',
		'date'       => '2024-03-22 16:20:00',
		'author'     => 'khaled',
		'categories' => array( 'local' ),
		'tags'       => array( 'climate' ),
		'body'       => "غمرت مياه الأمطار الغزيرة عدداً من شوارع وسط المدينة مساء الجمعة، وعلقت سيارات في الأنفاق.\n\n[gallery ids=\"{{id:rain1}},{{id:rain2}},{{id:gold}}\" columns=\"3\" size=\"medium\"]\n\nودعا الدفاع المدني السكان إلى تجنب الخروج إلا للضرورة.",
	);

	// [gallery] with no ids: it shows the images attached to the post.
	$posts['camels'] = array(
		'title'      => 'بالصور: السباق الدولي للهجن',
		'date'       => '2024-05-04 17:00:00',
		'author'     => 'Omar.Farouk',
		'categories' => array( 'sports' ),
		'featured'   => 'camel1',
		'body'       => "شارك أكثر من ألف مطية في السباق الدولي للهجن الذي أقيم على مضمار الصحراء الكبير.\n\n[gallery]",
	);

	// Shortcodes a news site carries: [embed], [audio], [video] (their files
	// are not in the uploads tree), a plugin's [foo] nobody has any more, and
	// a bare YouTube URL on its own line (oEmbed).
	$posts['interview'] = array(
		'title'      => 'حوار خاص مع وزير السياحة',
		'date'       => '2024-03-25 13:00:00',
		'author'     => 'noura',
		'categories' => array( 'economy' ),
		'tags'       => array( 'tourism' ),
		'body'       => <<<'EOT'
في حوار خاص مع «خبر»، تحدث وزير السياحة عن خطط الوزارة لمضاعفة عدد الزوار خلال خمس سنوات.

[embed]https://www.youtube.com/watch?v=aqz-KE-bpKQ[/embed]

وقال الوزير إن المواقع الأثرية ستفتح أبوابها مساءً لأول مرة هذا الصيف.

https://www.youtube.com/watch?v=ScMzIvxBSi4

استمع إلى الحوار كاملاً:

[audio src="http://example.test/wp-content/uploads/2024/03/interview.mp3"]

[video src="http://example.test/wp-content/uploads/2024/03/interview.mp4" width="640" height="360"]

[foo bar="1"]
EOT
		,
	);

	// The block editor's range: image, gallery, more, heading, list, quote,
	// html, a Twitter embed, and a block from a plugin that is not installed.
	$posts['climate'] = array(
		'title'      => 'قمة المناخ تختتم أعمالها بإعلان مشترك',
		'date'       => '2024-03-28 19:45:00',
		'author'     => 'samira',
		'categories' => array( 'world' ),
		'tags'       => array( 'climate', 'energy' ),
		'featured'   => 'rain2',
		'body'       => <<<'EOT'
<!-- wp:paragraph -->
<p>اختتمت قمة المناخ الإقليمية أعمالها مساء الخميس بإعلان مشترك يدعو إلى خفض الانبعاثات بنسبة الثلث بحلول عام 2035.</p>
<!-- /wp:paragraph -->

<!-- wp:image {"id":{{id:rain2}},"sizeSlug":"full","linkDestination":"none"} -->
<figure class="wp-block-image size-full"><img src="{{url:rain2}}" alt="" class="wp-image-{{id:rain2}}"/><figcaption class="wp-element-caption">فيضانات الشهر الماضي كانت حاضرة في نقاشات القمة</figcaption></figure>
<!-- /wp:image -->

<!-- wp:more -->
<!--more-->
<!-- /wp:more -->

<!-- wp:heading -->
<h2>أبرز ما جاء في الإعلان</h2>
<!-- /wp:heading -->

<!-- wp:list {"ordered":true} -->
<ol><!-- wp:list-item -->
<li>صندوق إقليمي لتمويل مشاريع الطاقة المتجددة.</li>
<!-- /wp:list-item -->

<!-- wp:list-item -->
<li>شبكة إنذار مبكر مشتركة للفيضانات والعواصف الرملية.</li>
<!-- /wp:list-item --></ol>
<!-- /wp:list -->

<!-- wp:gallery {"linkTo":"none"} -->
<figure class="wp-block-gallery has-nested-images columns-default is-cropped"><!-- wp:image {"id":{{id:rain1}},"sizeSlug":"large","linkDestination":"none"} -->
<figure class="wp-block-image size-large"><img src="{{url:rain1}}" alt="شارع تغمره المياه" class="wp-image-{{id:rain1}}"/></figure>
<!-- /wp:image -->

<!-- wp:image {"id":{{id:gold}},"sizeSlug":"medium_large","linkDestination":"none"} -->
<figure class="wp-block-image size-medium_large"><img src="{{url:gold:medium_large}}" alt="واجهات محلات الذهب" class="wp-image-{{id:gold}}"/></figure>
<!-- /wp:image --></figure>
<!-- /wp:gallery -->

<!-- wp:quote -->
<blockquote class="wp-block-quote"><!-- wp:paragraph -->
<p>لم يعد لدينا ترف الانتظار.</p>
<!-- /wp:paragraph --><cite>رئيس القمة في كلمة الختام</cite></blockquote>
<!-- /wp:quote -->

<!-- wp:html -->
<div class="factbox"><strong>حقائق:</strong> شاركت في القمة 14 دولة و<a href="https://climate.example.test/">منظمات دولية</a>.</div>
<!-- /wp:html -->

<!-- wp:embed {"url":"https://twitter.com/example/status/1772000000000000000","type":"rich","providerNameSlug":"twitter","responsive":true} -->
<figure class="wp-block-embed is-type-rich is-provider-twitter wp-block-embed-twitter"><div class="wp-block-embed__wrapper">
https://twitter.com/example/status/1772000000000000000
</div></figure>
<!-- /wp:embed -->

<!-- wp:acme/poll {"id":3} /-->
EOT
		,
	);

	// A Persian name with a zero-width non-joiner, and a right-to-left mark
	// at the end of the title.
	$posts['film'] = array(
		'title'      => "عرض فيلم «خانه\u{200C}ی دوست» في مهرجان الدوحة\u{200F}",
		'date'       => '2024-04-01 20:00:00',
		'author'     => 'Omar.Farouk',
		'categories' => array( 'culture' ),
		'tags'       => array( 'cinema' ),
		'body'       => "يعرض مهرجان الدوحة السينمائي الليلة نسخة مرممة من فيلم «خانه\u{200C}ی دوست» للمخرج الإيراني عباس كيارستمي.\n\nويأتي العرض ضمن برنامج الكلاسيكيات الذي يضم عشرة أفلام من المنطقة.",
	);

	// Scheduled: a date ahead of the real clock makes WordPress store
	// status "future".
	$posts['satellite'] = array(
		'title'      => 'موعد إطلاق القمر الصناعي الجديد',
		'date'       => '2030-01-15 09:00:00',
		'author'     => 'khaled',
		'categories' => array( 'local' ),
		'tags'       => array( 'ai' ),
		'body'       => "تطلق وكالة الفضاء الوطنية قمرها الصناعي الثالث لرصد الأرض من قاعدة الإطلاق صباح الثلاثاء.\n\nويحمل القمر كاميرات عالية الدقة لمراقبة التصحر والموارد المائية.",
	);
	$posts['clubcup'] = array(
		'title'      => 'انطلاق كأس العالم للأندية',
		'date'       => '2030-06-01 18:30:00',
		'author'     => 'Omar.Farouk',
		'categories' => array( 'sports' ),
		'tags'       => array( 'football' ),
		'body'       => 'تنطلق اليوم منافسات كأس العالم للأندية بمشاركة اثنين وثلاثين فريقاً من ست قارات.',
	);

	// Drafts: WordPress makes no slug for a draft unless one is given.
	$posts['rentdraft'] = array(
		'title'      => 'تحقيق: لماذا ترتفع الإيجارات في الأحياء القديمة؟',
		'status'     => 'draft',
		'date'       => '2024-04-03 10:00:00',
		'author'     => 'samira',
		'categories' => array( 'local' ),
		'body'       => 'مسودة أولى. تنتظر مقابلتين مع ملاك عقارات وتعليق البلدية.',
	);
	$posts['solardraft'] = array(
		'title'      => 'مسودة تقرير عن الطاقة الشمسية',
		'post_name'  => 'الطاقة الشمسية',
		'status'     => 'draft',
		'date'       => '2024-04-04 10:00:00',
		'author'     => 'noura',
		'categories' => array( 'economy' ),
		'tags'       => array( 'energy' ),
		'body'       => 'أرقام محطات الطاقة الشمسية الثلاث، وتكلفة الكيلوواط مقارنة بالعام الماضي.',
	);

	// Pending review: a contributor's story.
	$posts['unemployment'] = array(
		'title'      => 'البطالة بين الشباب تتراجع للمرة الأولى منذ خمس سنوات',
		'status'     => 'pending',
		'date'       => '2024-04-05 09:30:00',
		'author'     => 'yousef',
		'categories' => array( 'economy' ),
		'body'       => "أظهرت بيانات هيئة الإحصاء تراجع معدل البطالة بين الشباب إلى 18 في المئة.\n\nويعزو اقتصاديون التراجع إلى برامج التدريب المهني.",
	);

	// Private, and published behind a password.
	$posts['internal'] = array(
		'title'      => 'ملاحظات داخلية لفريق التحرير',
		'status'     => 'private',
		'date'       => '2024-04-06 08:00:00',
		'author'     => 'admin',
		'body'       => 'تذكير: اجتماع التحرير الأسبوعي ينتقل إلى يوم الإثنين الساعة العاشرة.',
	);
	$posts['budget'] = array(
		'title'         => 'تسريبات الموازنة العامة للعام المقبل',
		'date'          => '2024-04-07 15:00:00',
		'author'        => 'khaled',
		'categories'    => array( 'economy' ),
		'post_password' => 'khabar2024',
		'body'          => "حصل «خبر» على نسخة من مشروع الموازنة العامة قبل عرضه على البرلمان.\n\nويتضمن المشروع زيادة في الإنفاق على الصحة والتعليم وخفضاً في دعم الوقود.",
	);

	// Sticky, with two themes' counters and a Jannah subtitle and source.
	$posts['quake'] = array(
		'title'      => 'عاجل: هزة أرضية بقوة 5 درجات تضرب المنطقة الجنوبية',
		'date'       => '2024-04-08 04:12:00',
		'author'     => 'noura',
		'categories' => array( 'local' ),
		'featured'   => 'rain1',
		'sticky'     => true,
		'meta'       => array(
			'tie_views'          => 15230,
			'post_views_count'   => 15230,
			'tie_post_sub_title' => 'لا إصابات، وفرق الدفاع المدني تتفقد المباني القديمة',
			'tie_source'         => array(
				array(
					'text' => 'المركز الوطني للزلازل',
					'url'  => 'https://seismic.example.test/events/2024-04-08',
				),
			),
		),
		'body'       => "ضربت هزة أرضية بقوة خمس درجات على مقياس ريختر المنطقة الجنوبية فجر الإثنين، وشعر بها سكان عدة مدن.\n\nوقال المركز الوطني للزلازل إن مركز الهزة كان على عمق عشرة كيلومترات، ولم تُسجل إصابات.",
	);

	// Co-Authors Plus: two guest bylines; one account and one guest.
	$posts['migrants'] = array(
		'title'      => 'تحقيق مشترك: رحلة المهاجرين عبر البحر',
		'date'       => '2024-04-10 10:00:00',
		'author'     => 'samira',
		'bylines'    => array( 'reem-haddad', 'tarek-mansour' ),
		'categories' => array( 'world' ),
		'body'       => "تتبع مراسلا «خبر» في بيروت والقاهرة على مدى ثلاثة أشهر رحلة عشرات المهاجرين من السواحل إلى الموانئ الأوروبية.\n\nويكشف التحقيق شبكات التهريب وأسعار الرحلات التي تضاعفت خلال عام.",
	);
	$posts['municipal'] = array(
		'title'      => 'انتخابات بلدية في ثلاث مدن',
		'date'       => '2024-04-12 09:00:00',
		'author'     => 'khaled',
		'bylines'    => array( 'khaled', 'reem-haddad' ),
		'categories' => array( 'politics' ),
		'tags'       => array( 'elections' ),
		'meta'       => array(
			'bs_subtitle' => 'نسبة المشاركة تجاوزت 40 في المئة',
		),
		'body'       => "أدلى الناخبون في ثلاث مدن بأصواتهم في الانتخابات البلدية، وسط إجراءات تنظيمية مشددة.\n\nوتعلن النتائج الأولية صباح الغد.",
	);

	// Trashed after a reader commented (see wpgen_after_comments).
	$posts['traffic'] = array(
		'title'      => 'تحويلات مرورية مؤقتة على الطريق الدائري',
		'date'       => '2024-04-01 07:30:00',
		'author'     => 'noura',
		'categories' => array( 'local' ),
		'body'       => 'تبدأ إدارة المرور تحويلات مؤقتة على الطريق الدائري الشمالي.',
	);

	// BetterStudio (Publisher) subtitle, counter and primary category.
	$posts['newsroomai'] = array(
		'title'      => 'الذكاء الاصطناعي يدخل غرف الأخبار',
		'date'       => '2024-04-15 12:30:00',
		'author'     => 'Omar.Farouk',
		'categories' => array( 'culture', 'economy' ),
		'tags'       => array( 'ai' ),
		'meta'       => array(
			'bs_subtitle'          => 'أدوات جديدة للتحقق من الصور وتفريغ المقابلات',
			'better-views-count'   => 415,
			'_bs_primary_category' => '@cat:culture',
		),
		// The list block as editors before 6.1 saved it: no list-item blocks.
		'body'       => <<<'EOT'
<!-- wp:paragraph -->
<p>بدأت مؤسسات إعلامية عربية استخدام أدوات الذكاء الاصطناعي في التحقق من الصور وتفريغ المقابلات الصوتية.</p>
<!-- /wp:paragraph -->

<!-- wp:list -->
<ul><li>التحقق من مصدر الصور ومكان التقاطها.</li><li>تفريغ التسجيلات باللهجات المحلية.</li></ul>
<!-- /wp:list -->

<!-- wp:paragraph -->
<p>لكن محررين يحذرون من الاعتماد عليها دون مراجعة بشرية.</p>
<!-- /wp:paragraph -->
EOT
		,
	);

	// tagDiv (Newspaper) counter and settings array; WP-PostViews counter.
	$posts['league'] = array(
		'title'      => 'نتائج الدوري: فوز كبير لنادي الشباب',
		'date'       => '2024-04-20 22:15:00',
		'author'     => 'Omar.Farouk',
		'categories' => array( 'sports' ),
		'tags'       => array( 'football' ),
		'meta'       => array(
			'post_views_count'       => 2210,
			'views'                  => 2210,
			'td_post_theme_settings' => array(
				'td_subtitle'    => 'الشباب يبتعد بالصدارة بفارق خمس نقاط',
				'td_primary_cat' => 'sports',
			),
		),
		'body'       => "حقق نادي الشباب فوزاً كبيراً على ضيفه بأربعة أهداف دون رد في الجولة العشرين من الدوري.\n\nوسجل مهاجم الفريق ثلاثية في الشوط الثاني.",
	);

	// A site that moved from Yoast to Rank Math keeps both plugins' fields.
	$posts['tourism'] = array(
		'title'      => 'السياحة الداخلية تسجل أرقاماً قياسية',
		'date'       => '2024-04-25 10:00:00',
		'author'     => 'noura',
		'categories' => array( 'economy' ),
		'tags'       => array( 'tourism' ),
		'meta'       => array(
			'tie_views'                     => 870,
			'_yoast_wpseo_title'            => '%%title%% %%sep%% %%sitename%%',
			'_yoast_wpseo_metadesc'         => 'أرقام قياسية للسياحة الداخلية خلال عطلة الربيع.',
			'_yoast_wpseo_primary_category' => '@cat:economy',
			'rank_math_title'               => '%title% %sep% %sitename%',
			'rank_math_description'         => 'أرقام قياسية للسياحة الداخلية خلال عطلة الربيع.',
			'rank_math_primary_category'    => '@cat:economy',
		),
		'body'       => "سجلت الفنادق في المدن الساحلية نسبة إشغال تجاوزت 90 في المئة خلال عطلة الربيع.\n\nوتقول هيئة السياحة إن عدد الرحلات الداخلية ارتفع بنسبة الربع مقارنة بالعام الماضي.",
	);

	// No category chosen: WordPress files it under the default category.
	$posts['seminar'] = array(
		'title'  => 'ندوة عن مستقبل الصحافة العربية',
		'date'   => '2024-04-28 17:00:00',
		'author' => 'samira',
		'body'   => "تنظم كلية الإعلام ندوة عن مستقبل الصحافة العربية في العصر الرقمي، بمشاركة رؤساء تحرير وأكاديميين.\n\nوتناقش الندوة نماذج التمويل والاشتراكات الرقمية.",
	);

	return $posts;
}

/**
 * The story written again after its duplicate was trashed.
 */
function wpgen_rewritten_spec() {
	return array(
		'title'      => 'تحويلات مرورية مؤقتة على الطريق الدائري',
		'date'       => '2024-04-02 07:45:00',
		'author'     => 'noura',
		'categories' => array( 'local' ),
		'body'       => "تبدأ إدارة المرور صباح الأحد تحويلات مؤقتة على الطريق الدائري الشمالي لمدة أسبوعين، بسبب أعمال صيانة الجسور.\n\nوتنصح الإدارة السائقين باستخدام الطرق البديلة خلال ساعات الذروة.",
	);
}

function wpgen_page_specs() {
	return array(
		'about'   => array(
			'title'      => 'من نحن',
			'date'       => '2024-02-01 12:00:00',
			'menu_order' => 1,
			'body'       => "«خبر» موقع إخباري مستقل يغطي الشؤون المحلية والدولية والاقتصاد والرياضة والثقافة.\n\nتأسس الموقع عام 2024 ويعمل فيه فريق من الصحفيين في ثلاث مدن.",
		),
		'team'    => array(
			'title'      => 'فريق التحرير',
			'parent'     => 'about',
			'date'       => '2024-02-01 12:10:00',
			'menu_order' => 1,
			'body'       => "رئيسة التحرير: سميرة الحداد.\n\nالمحررون: خالد العمري، نورة السبيعي، عمر فاروق.",
		),
		'contact' => array(
			'title'      => 'اتصل بنا',
			'date'       => '2024-02-01 12:20:00',
			'menu_order' => 2,
			'body'       => "لإرسال الأخبار والملاحظات، استخدم النموذج التالي:\n\n[contact-form-7 id=\"5\" title=\"نموذج الاتصال\"]",
		),
	);
}

function wpgen_comment_specs() {
	return array(
		'c1'  => array(
			'on'       => 'smallbiz',
			'author'   => 'أبو محمد',
			'email'    => 'abu.mohammed@example.test',
			'date'     => '2024-03-03 12:40:00',
			'approved' => 1,
			'text'     => 'خطوة ممتازة، لكن نتمنى تبسيط الإجراءات على أصحاب المشاريع في القرى.',
		),
		'c2'  => array(
			'on'       => 'smallbiz',
			'reply_to' => 'c1',
			'author'   => 'سميرة الحداد',
			'email'    => 'samira@example.test',
			'user'     => 'samira',
			'date'     => '2024-03-03 13:05:00',
			'approved' => 1,
			'text'     => 'شكراً لمتابعتك، سننشر تفاصيل التسجيل فور إعلانها.',
		),
		'c3'  => array(
			'on'       => 'smallbiz',
			'author'   => 'ليلى',
			'email'    => 'layla@example.test',
			'date'     => '2024-03-04 08:00:00',
			'approved' => 0,
			'text'     => 'متى يبدأ التسجيل في المنصة؟',
		),
		'c4'  => array(
			'on'       => 'oil',
			'author'   => 'سارة',
			'email'    => 'sara@example.test',
			'url'      => 'https://sara.example.test/',
			'date'     => '2024-03-05 09:30:00',
			'approved' => 1,
			'text'     => "تحليل واضح.\nهل يتوقع المحللون أثراً على أسعار البنزين هنا؟",
		),
		'c5'  => array(
			'on'       => 'oil',
			'author'   => 'ربح سريع',
			'email'    => 'spam@example.test',
			'url'      => 'http://spam.example.test/',
			'date'     => '2024-03-05 10:00:00',
			'approved' => 'spam',
			'text'     => 'اربح المال بسرعة <a href="http://spam.example.test/">من هنا</a>',
		),
		'c6'  => array(
			'on'       => 'final',
			'author'   => 'مشجع',
			'email'    => 'fan@example.test',
			'date'     => '2024-03-10 02:10:00',
			'approved' => 1,
			'text'     => 'مبروك للمنتخب! الحارس كان نجم المباراة.',
		),
		'c7'  => array(
			'on'       => 'final',
			'type'     => 'pingback',
			'author'   => 'مدونة الرياضة',
			'url'      => 'https://sports-blog.example.test/2024/03/final/',
			'date'     => '2024-03-10 09:00:00',
			'approved' => 1,
			'text'     => '[&#8230;] تأهل المنتخب إلى النهائي بعد ركلات الترجيح [&#8230;]',
		),
		'c8'  => array(
			'on'       => 'water',
			'author'   => 'مهندس زراعي',
			'email'    => 'agri@example.test',
			'date'     => '2024-03-21 07:15:00',
			'approved' => 1,
			'text'     => 'الري بالتنقيط وحده يوفر ثلث المياه المستخدمة في الزراعة.',
		),
		'c9'  => array(
			'on'       => 'about',
			'author'   => 'قارئ دائم',
			'email'    => 'reader@example.test',
			'date'     => '2024-02-10 20:00:00',
			'approved' => 1,
			'text'     => 'بالتوفيق لفريق خبر.',
		),
		'c10' => array(
			'on'       => 'quake',
			'author'   => 'أم خالد',
			'email'    => 'umm.khaled@example.test',
			'date'     => '2024-04-08 04:30:00',
			'approved' => 0,
			'text'     => 'شعرنا بها بقوة في الطابق الخامس.',
		),
		'c11' => array(
			'on'       => 'quake',
			'author'   => 'فيصل',
			'email'    => 'faisal@example.test',
			'date'     => '2024-04-08 05:00:00',
			'approved' => 1,
			'text'     => 'رابط خريطة الهزات: <a href="https://seismic.example.test/map">الخريطة</a>',
		),
		'c12' => array(
			'on'       => 'traffic',
			'author'   => 'سائق أجرة',
			'email'    => 'taxi@example.test',
			'date'     => '2024-04-01 08:00:00',
			'approved' => 1,
			'text'     => 'كم تستمر التحويلات؟',
		),
	);
}
