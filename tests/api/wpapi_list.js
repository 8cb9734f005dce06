// Lists posts through /wp-json/ with wpapi, the WordPress REST client from
// npm, unmodified: prints a JSON array of ids on one line.
//
//   node tests/api/wpapi_list.js BASE all PER_PAGE
//   node tests/api/wpapi_list.js BASE category ID PER_PAGE
//   node tests/api/wpapi_list.js BASE post ID
//
// Pages are walked as a WordPress app walks them: page 1, 2, ... up to
// _paging.totalPages, which wpapi reads from the X-WP-TotalPages header.
'use strict';

const WPAPI = require('wpapi');

async function walk(request, perPage) {
  const ids = [];
  let page = 1;
  let totalPages = 1;
  do {
    const posts = await request().perPage(perPage).page(page);
    ids.push(...posts.map((post) => post.id));
    totalPages = posts._paging ? posts._paging.totalPages : 1;
    page += 1;
  } while (page <= totalPages);
  return ids;
}

async function main() {
  const [base, what, value, perPage] = process.argv.slice(2);
  const wp = new WPAPI({ endpoint: `${base}/wp-json` });
  let ids;
  if (what === 'all') {
    ids = await walk(() => wp.posts(), Number(value));
  } else if (what === 'category') {
    ids = await walk(() => wp.posts().categories(Number(value)), Number(perPage));
  } else if (what === 'post') {
    const post = await wp.posts().id(Number(value));
    ids = [post.id];
  } else {
    throw new Error(`unknown listing: ${what}`);
  }
  process.stdout.write(`${JSON.stringify(ids)}\n`);
}

main().catch((error) => {
  process.stderr.write(`${error.stack || error}\n`);
  process.exit(1);
});
