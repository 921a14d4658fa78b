"""Write an RSS feed for each language's blog (blog/feed.xml, ur/blog/feed.xml)."""

import os

from mkdocs.config.defaults import MkDocsConfig

from handbook import blog_i18n, languages, ui
from handbook.feeds import FeedItem, render_rss

FEED_NAME = "feed.xml"


def on_config(config: MkDocsConfig) -> MkDocsConfig:
    # Tell templates where this language's feed lives, for <link rel="alternate">.
    lang, default, _ = languages.build_language(config)
    config.extra["feed_url"] = f"{languages.language_prefix(lang, default)}blog/{FEED_NAME}"
    return config


def on_post_build(*, config: MkDocsConfig) -> None:
    lang, _, _ = languages.build_language(config)
    blog = blog_i18n.blog_instances(config).get(lang)
    if blog is None or not blog.config.enabled:
        return
    site = config.site_url or ""
    items = [
        FeedItem(
            title=post.title,
            url=site + post.url,
            date=post.config.date.created,
            description=str(post.meta.get("description", "")),
            categories=tuple(str(c) for c in post.config.categories),
        )
        for post in blog.blog.posts
    ]
    strings = ui.strings(lang)
    index_url = site + blog.blog.file.url
    xml = render_rss(
        title=strings["feed_title"], link=index_url, description=strings["feed_description"],
        language=lang, self_url=index_url + FEED_NAME, items=items,
    )
    target = os.path.join(os.path.dirname(blog.blog.file.abs_dest_path), FEED_NAME)
    with open(target, "wb") as handle:
        handle.write(xml)
