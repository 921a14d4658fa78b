"""A page's HTML as its template rendered it, kept between `mkdocs serve` rebuilds, and reused when nothing
the template is given has changed.

Once the Markdown of unchanged pages is no longer rendered again (handbook.render_cache), most of a rebuild
is Jinja: Material's templates lay out every page's navigation, header and footer again, 0.8 s of a 2.9 s
rebuild of this site. A page's template output is a function of:

- the templates: every file of the project's theme folder (overrides/), and the installed theme's version;
- the context the template is given, after every on_page_context handler: the page with its HTML and table
  of contents, the navigation, the configuration (i18n rewrites its language links for every page), and what
  hooks add. It is walked whole (handbook.context_digest), each plugin by its configuration only;
- the site's other pages and files, which the navigation and links name (title, URL, metadata, place in the
  navigation). They are described once per language's build, without their HTML, and each page's walk
  names them. So a changed title renders every page again (every navigation shows it); a changed paragraph
  renders its own page only. A page that shows other pages' text gets it through its context (a blog
  index's excerpts are not site pages), where the walk reads it;
- Jinja's filters and globals: functions of their arguments and of the page (code does not change while
  `mkdocs serve` runs).

A context the walk cannot describe faithfully is never served from the cache: the page is rendered. The
on_post_page handlers run on the HTML either way, so what they collect (the CSP's hashes) is collected.
It is on when handbook.render_cache is, only under `mkdocs serve` (hooks/render_cache.py); `mkdocs build`
renders every page.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
import types
from pathlib import Path
from typing import Any

import jinja2
import markdown
import pathspec
from mkdocs.config.base import Config
from mkdocs.plugins import BasePlugin
from mkdocs.structure.files import File, Files
from mkdocs.structure.pages import Page

from handbook import build_context, render_cache
from handbook.blog_i18n import PostList
from handbook.context_digest import Undescribed, Walker, attributes

# What a page's own rendering produced, or what changes while the site is built: never read from another page
# by a template (its own page is walked whole), and left out of the description of the site's pages.
_NOT_SHOWN_ELSEWHERE = frozenset({
    "content", "markdown", "toc", "links_to_anchors", "present_anchor_ids", "excerpt", "_Page__active",
    "_content", "_content_bytes",
})
# What no template reads of its own page either: what link checking needs of a rendering.
_LINK_CHECKING = frozenset({"links_to_anchors", "present_anchor_ids"})
# MkDocs gives every template the time of the build, which no template of this theme shows (Material's only
# use of the context's version is the generator tag, which hooks/privacy removes); tests/test_page_html_cache.py
# fails if one starts to. Left in, it would make every page's key new on every rebuild.
_CHANGES_EVERY_BUILD = ("build_date_utc",)
# Of a file, what no template reads: a generated file's text (its page's HTML is walked where shown), its page
# (named on its own), and where it is on disk (the blog bridge writes Urdu posts to a new temporary folder for
# every build; pages link by URL).
_FILE_UNREAD = frozenset({"_content", "_content_bytes", "src_dir", "abs_src_path"})
_FILE_LEFT_OUT = _FILE_UNREAD | {"page"}


@dataclass
class SiteDescription:
    """One language build's configuration, pages and files, as each page's walk names them."""

    walker: Walker  # names them
    digest: str
    config_digest: str  # the configuration without `extra`, as it was before the first page
    keep: list[Any] = field(default_factory=list)  # the named objects, alive while their ids are names


_outputs: dict[tuple[str, str], tuple[str, str]] = {}  # (language, page's destination) -> (key, HTML)
counts: Counter[str] = Counter()  # "hit", "miss" and "undescribed"


def clear() -> None:
    """Forget every page (`mkdocs serve` stopped, or a build that is not serve's started)."""
    _outputs.clear()
    counts.clear()


def _patterns(spec: pathspec.PathSpec) -> list[tuple[bool | None, str | None]]:
    return [(pattern.include, getattr(pattern.regex, "pattern", None)) for pattern in spec.patterns]


def _walker(names: dict[int, str]) -> Walker:
    return Walker(
        names,
        describe={
            Config: lambda config: dict(config.items()),
            BasePlugin: lambda plugin: plugin.config,
            types.ModuleType: lambda module: f"module {module.__name__}",  # hooks: their files are in the site's inputs
            pathspec.PathSpec: _patterns,  # exclude_docs, not_in_nav
            # The converter a blog excerpt was rendered with (Material keeps it on the excerpt): the excerpt's
            # HTML and table of contents are what templates show, and are walked.
            markdown.Markdown: lambda converter: "Markdown",
            PostList: list,  # its index of ids is for lookups, and new every build
        },
        skip={File: _FILE_UNREAD},  # a copy of a file, as a blog excerpt has
    )


def _config_digest(walker: Walker, config: Config) -> str:
    """The configuration's digest, but for `extra`: mkdocs-static-i18n writes the language links there for
    every page, so each page's key reads it (page_key)."""
    return walker.digest({key: value for key, value in config.items() if key != "extra"})


def describe_site(files: Files, config: Config, inputs: Iterable[str | bytes]) -> SiteDescription:
    """Name the configuration and every file and page of a language's build, and digest what templates read
    of them on other pages, with the `inputs` (template_inputs())."""
    names: dict[int, str] = {id(files): "files", id(config): "config"}
    keep: list[Any] = [files, config]
    for file in files:
        names[id(file)] = f"file:{file.src_uri}"
        keep.append(file)
        if file.page is not None:
            names[id(file.page)] = f"page:{file.src_uri}"
            keep.append(file.page)
    walker = _walker(names)
    config_digest = _config_digest(walker, config)
    described: list[Any] = []  # one digest for them all: a pickle each would cost 70 ms a rebuild
    for file in files:
        described.append(attributes(file, _FILE_LEFT_OUT))
        page = file.page
        if page is not None:
            described += [attributes(page, _NOT_SHOWN_ELSEWHERE), page.title]  # the title: a property
    digest = render_cache.digest([*inputs, config_digest, walker.digest(described)])
    return SiteDescription(walker, digest, config_digest, keep)


def config_changed(site: SiteDescription, config: Config) -> bool:
    """Whether the configuration (but for `extra`) differs from what it was when the site was described: a
    handler changed it while pages were built, and pages kept this build may have keys that missed it."""
    return _config_digest(site.walker, config) != site.config_digest


def forget(language: str) -> None:
    """Drop every page kept for a language."""
    for slot in [slot for slot in _outputs if slot[0] == language]:
        del _outputs[slot]


def template_inputs(theme: str, custom_dir: str | None, hook_files: Iterable[str]) -> list[str | bytes]:
    """The code that turns a context into HTML: the theme (its name and version), every file of the project's
    theme folder, and the hook files (MkDocs loads them again for every rebuild, so an edited hook runs)."""
    parts: list[str | bytes] = [theme]
    if custom_dir:
        parts.append(render_cache.tree_digest(Path(custom_dir).parent, [Path(custom_dir).name]))
    for hook in sorted(hook_files):
        parts += [hook, Path(hook).read_bytes()]
    return parts


def page_key(site: SiteDescription, template_name: str, page: Page, context: dict[str, Any]) -> str | None:
    """The key of a page's HTML, or None if its context holds something the walk cannot describe. The page
    is walked whole (its HTML too), and the configuration's `extra`; elsewhere in the context, the page, the
    configuration and the site's other pages are names."""
    walker = site.walker
    config = context.get("config")
    try:
        walked = walker.digest({k: v for k, v in context.items() if k not in _CHANGES_EVERY_BUILD})
        own = walker.digest_of_attributes(page, leave_out=_LINK_CHECKING)
        extra = walker.digest(getattr(config, "extra", None))
    except Undescribed:
        return None
    return render_cache.digest([site.digest, template_name, own, repr(page.title), extra, walked])


def render(template_name: str, page: Page, context: dict[str, Any], site: SiteDescription, slot: tuple[str, str],
           render_template: Callable[[], str]) -> str:
    """The page's HTML: the last rebuild's if its key is unchanged, else `render_template()`, kept."""
    key = page_key(site, template_name, page, context)
    if key is None:
        counts["undescribed"] += 1
        return render_template()
    kept = _outputs.get(slot)
    if kept is not None and kept[0] == key:
        counts["hit"] += 1
        return kept[1]
    counts["miss"] += 1
    html = render_template()
    _outputs[slot] = (key, html)
    return html


class PageTemplate(jinja2.Template):
    """Jinja's template, which renders a page's own template (the one MkDocs renders the page with) through
    the cache while it is on; any other rendering, and every rendering under `mkdocs build`, is Jinja's."""

    def render(self, *args: Any, **kwargs: Any) -> str:
        context = dict(*args, **kwargs)
        page, config = context.get("page"), context.get("config")
        if (not render_cache.enabled() or not isinstance(page, Page) or config is None
                or getattr(config, "_current_page", None) is not page
                or self.name != page.meta.get("template", "main.html")):
            return super().render(context)
        language = build_context.of_language(config)
        if language.page_html is None:
            return super().render(context)
        return render(self.name, page, context, language.page_html, (language.lang, page.file.dest_uri),
                      lambda: super(PageTemplate, self).render(context))
