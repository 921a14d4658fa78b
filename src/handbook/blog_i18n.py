"""Make Material's blog plugin and mkdocs-static-i18n work together.

Out of the box they break each other (static-i18n issue #283): i18n rebuilds the file list after the
blog has created its posts and views, dropping the views and turning posts into plain pages. The bridge:

1. one blog plugin instance per language (`blog_dir: en/blog`, `blog_dir: ur/blog`); only the instance
   of the language being built is enabled;
2. before the blog reads its posts, every English post is given to the blog of another language,
   merged with its translation where one exists (structural keys always come from the English post,
   so dates, slugs and therefore URLs match across languages), else as an honest English fallback;
3. after the blog has built its posts and views, they are sheltered from i18n's file rebuild;
4. after i18n, they are put back with language-correct URLs and i18n's alternates, so that the
   language switcher and the sitemap link each blog page to its counterpart.

The pure functions come first; the functions taking MkDocs objects are used by the thin files in hooks/.
"""

from __future__ import annotations

import datetime as dt
import os
import posixpath
from pathlib import Path
from typing import Any, Iterable

import yaml
from material.plugins.blog import structure as blog_structure
from material.plugins.blog.plugin import BlogPlugin
from material.plugins.blog.structure import View
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.structure.files import File, Files, InclusionLevel

from handbook import build_context, frontmatter
from handbook.languages import build_language, i18n_plugin, language_prefix
from handbook.vocabulary import Vocabulary

STRUCTURAL_KEYS = ("date", "slug", "authors", "categories", "tags", "draft", "pin")


class TranslationMismatch(ValueError):
    """A translated post disagrees with its English source on a key that must be shared."""

    def __init__(self, key: str, source: object, translation: object) -> None:
        self.key = key
        super().__init__(
            f"'{key}' is {translation!r} here but {source!r} in the English post "
            f"(remove '{key}' from the translation: it is taken from the English post)"
        )


# --- pure functions -------------------------------------------------------------------------------


def blog_language(blog_dir: str) -> str:
    """The language a blog instance serves: the first folder of its blog_dir ('ur/blog' -> 'ur')."""
    return posixpath.normpath(blog_dir).split("/")[0]


def neutral_dest(dest_uri: str, lang: str) -> str:
    """A blog destination without its language folder ('ur/blog/2017/...' -> 'blog/2017/...')."""
    head = f"{lang}/"
    return dest_uri[len(head):] if dest_uri.startswith(head) else dest_uri


def localise_categories(categories: Iterable[str], lang: str, vocabulary: Vocabulary) -> list[str]:
    """Category ids or labels (any language) as the labels of `lang`."""
    out = []
    for name in categories:
        category = vocabulary.category_id(str(name))
        if category is None:
            known = ", ".join(vocabulary.category_labels("en"))
            raise KeyError(f"category '{name}' is not in data/vocabulary.yml (known: {known})")
        out.append(vocabulary.category_label(category, lang))
    return out


def _comparable(key: str, value: object, vocabulary: Vocabulary) -> object:
    if key == "categories" and isinstance(value, list):
        return [vocabulary.category_id(str(v)) or v for v in value]
    if isinstance(value, dt.datetime):
        return value.date() if value.time() == dt.time() else value
    return value


def merge_translation(
    source: dict[str, Any], translation: dict[str, Any], *, lang: str, vocabulary: Vocabulary
) -> dict[str, Any]:
    """Front matter of a translated post: shared keys from the English post, the rest from the translation."""
    for key in STRUCTURAL_KEYS:
        if key in translation and key in source:
            if _comparable(key, translation[key], vocabulary) != _comparable(key, source[key], vocabulary):
                raise TranslationMismatch(key, source[key], translation[key])
    merged = {**source, **translation}
    for key in STRUCTURAL_KEYS:
        if key in source:
            merged[key] = source[key]
    if "categories" in merged:
        merged["categories"] = localise_categories(merged["categories"], lang, vocabulary)
    return merged


def fallback_meta(source: dict[str, Any], *, lang: str, vocabulary: Vocabulary) -> dict[str, Any]:
    """Front matter of an untranslated post shown in another language's blog."""
    meta = dict(source)
    if "categories" in meta:
        meta["categories"] = localise_categories(meta["categories"], lang, vocabulary)
    return meta


# --- MkDocs glue ----------------------------------------------------------------------------------


def blog_instances(config: MkDocsConfig) -> dict[str, Any]:
    """Every blog plugin instance, by the language it serves."""
    blogs: dict[str, Any] = {}
    for name, plugin in config.plugins.items():
        if name.startswith(("material/blog", "blog")):
            blogs[blog_language(plugin.config.blog_dir)] = plugin
    return blogs


class LanguageBlog(BlogPlugin):
    """The blog of a language added after the default one: identical, except that when the language has
    no blog index of its own it uses the fallback index the bridge provides, instead of writing one into
    docs/ (Material's blog creates a missing index on disk)."""

    def _resolve(self, files: Files, config: MkDocsConfig):
        path = posixpath.join(posixpath.normpath(self.config.blog_dir), "index.md")
        if os.path.isfile(os.path.join(config.docs_dir, path)):
            return super()._resolve(files, config)
        file = files.get_file_from_path(path)
        if file is None:
            raise PluginError(f"no blog index for {path} (the bridge should have provided one)")
        return View(None, file, config)

    def _resolve_posts(self, files: Files, config: MkDocsConfig):
        # Material creates a missing posts folder in docs/; a language without posts of its own gets
        # them all from the bridge, so nothing is written.
        path = posixpath.normpath(self.config.post_dir.format(blog=self.config.blog_dir))
        if os.path.isdir(os.path.join(config.docs_dir, path)):
            yield from super()._resolve_posts(files, config)
            return
        for file in files.documentation_pages():
            if file.src_path.startswith(path + "/"):
                file.inclusion = InclusionLevel.EXCLUDED
                post = self._resolve_post(file, config)
                if not self._is_excluded(post):
                    yield post


def read_post_metadata_through_libyaml() -> bool:
    """Have Material's blog read each post's front matter as handbook.frontmatter does: through libyaml, with
    PyYAML's pure SafeLoader for text libyaml refuses (and its message on an error). The blog calls
    `yaml.load(text, SafeLoader)` with its module's own `SafeLoader`, the pure one: about 4 ms a post, which
    at 1,000 posts in two languages was 5 % of the build. The data is the same: both build it with PyYAML's
    SafeConstructor. Returns False when Material no longer reads posts that way (then nothing is changed;
    tests/test_units.py fails, so that an upgrade is looked at)."""
    current = getattr(blog_structure, "SafeLoader", None)
    if current is frontmatter.LibyamlFirstLoader:
        return True
    if current is not yaml.SafeLoader:
        return False
    blog_structure.SafeLoader = frontmatter.LibyamlFirstLoader
    return True


DERIVED_OPTIONS_SKIPPED = ("pagination_template",)  # deprecated names, never set here


def ensure_blog_instances(config: MkDocsConfig, vocabulary: Vocabulary) -> None:
    """One blog per language, derived from the default language's, so adding a language needs no blog entry."""
    read_post_metadata_through_libyaml()
    i18n = i18n_plugin(config)
    default = i18n.default_language
    blogs = blog_instances(config)
    template = blogs.get(default)
    if template is None:
        raise PluginError(f"mkdocs.yml needs a blog plugin with blog_dir: {default}/blog")
    for lang in i18n.build_languages:
        if lang not in blogs:
            options = {k: v for k, v in template.config.items() if k not in DERIVED_OPTIONS_SKIPPED}
            options["blog_dir"] = f"{lang}/blog"
            if not os.path.isfile(os.path.join(config.docs_dir, lang, "blog", ".authors.yml")):
                options["authors_file"] = f"{default}/blog/.authors.yml"
            plugin = LanguageBlog()
            errors, _ = plugin.load_config(options, config.config_file_path)
            if errors:
                raise PluginError(f"cannot derive the {lang} blog: {errors}")
            plugin.is_serve, plugin.is_dirty = template.is_serve, template.is_dirty
            config.plugins[f"material/blog {lang}"] = plugin
            blogs[lang] = plugin
    from handbook import ui

    for lang, blog in blogs.items():
        blog.config.categories_allowed = vocabulary.category_labels(lang)
        # Material's Urdu name for the archive, «محفوظ شدہ» ("saved"), reads like this site's own name.
        archive = ui.strings(lang).get("blog_archive")
        if archive:
            blog.config.archive_name = archive


def activate_blog(config: MkDocsConfig) -> Any | None:
    """Enable only the blog instance of the language being built; return it."""
    lang, _, _ = build_language(config)
    blogs = blog_instances(config)
    for blog_lang, blog in blogs.items():
        blog.config.enabled = blog_lang == lang
    return blogs.get(lang)


def posts_dir(blog: Any) -> str:
    """The posts folder of a blog instance, as a source URI prefix ('ur/blog/posts/')."""
    path = blog.config.post_dir.format(blog=blog.config.blog_dir)
    return posixpath.normpath(path) + "/"


def _read(file: File, config: MkDocsConfig) -> frontmatter.Document:
    try:
        return frontmatter.split(build_context.text_of(config, file))
    except frontmatter.FrontMatterError as error:
        path = os.path.relpath(file.abs_src_path or file.src_uri)
        raise PluginError(f"{path}:{error.line}: {error.message}" + (f" ({error.hint})" if error.hint else ""))


def prepare_posts(files: Files, config: MkDocsConfig, *, vocabulary: Vocabulary) -> None:
    """Give the blog of a non-default language every English post: translated, or as a fallback."""
    lang, default, _ = build_language(config)
    blogs = blog_instances(config)
    if lang == default or lang not in blogs or default not in blogs:
        return
    blog, source_blog = blogs[lang], blogs[default]
    source_prefix, target_prefix = posts_dir(source_blog), posts_dir(blog)
    pages = list(files.documentation_pages())
    sources = {f.src_uri[len(source_prefix):]: f for f in pages if f.src_uri.startswith(source_prefix)}
    translations = {f.src_uri[len(target_prefix):]: f for f in pages if f.src_uri.startswith(target_prefix)}
    for name in sorted(translations.keys() - sources.keys()):
        path = os.path.relpath(translations[name].abs_src_path)
        raise PluginError(
            f"{path}:1: translated post has no English source "
            f"(expected docs/{source_prefix}{name}; translate an existing post, keeping its file name)"
        )
    context = build_context.of_language(config)
    out_dir = Path(blog.temp_dir) / "handbook-posts"
    index = posixpath.join(posixpath.normpath(blog.config.blog_dir), "index.md")
    if not os.path.isfile(os.path.join(config.docs_dir, index)):
        # A language without a blog index of its own shows the default language's, as a fallback.
        source_index = files.get_file_from_path(posixpath.join(posixpath.normpath(source_blog.config.blog_dir), "index.md"))
        if source_index is not None:
            target = out_dir / index
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_text(build_context.text_of(config, source_index), encoding="utf-8")
            fallback = File(index, str(out_dir), config.site_dir, config.use_directory_urls)
            context.shown_in[fallback.src_uri] = default
            files.append(fallback)
    for name, source in sorted(sources.items()):
        source_doc = _read(source, config)
        translation = translations.get(name)
        try:
            if translation is not None:
                doc = _read(translation, config)
                meta = merge_translation(source_doc.meta, doc.meta, lang=lang, vocabulary=vocabulary)
                body, locale, origin = doc.body, lang, translation
            else:
                meta = fallback_meta(source_doc.meta, lang=lang, vocabulary=vocabulary)
                body, locale, origin = source_doc.body, default, source
        except (TranslationMismatch, KeyError) as error:
            culprit = translation or source
            text = build_context.text_of(config, culprit)
            key = getattr(error, "key", "categories")
            line = frontmatter.key_line(text, key)
            message = error.args[0] if isinstance(error, KeyError) else str(error)
            raise PluginError(f"{os.path.relpath(culprit.abs_src_path)}:{line}: {message}") from None
        target = out_dir / target_prefix / name
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(frontmatter.dump(meta, body), encoding="utf-8")
        if translation is not None:
            files.remove(translation)
        merged = File(target_prefix + name, str(out_dir), config.site_dir, config.use_directory_urls)
        context.shown_in[merged.src_uri] = locale
        context.origins[merged.src_uri] = origin.abs_src_path
        files.append(merged)


def managed_files(blog: Any) -> list[File]:
    """Every file the blog instance manages: entrypoint, posts, views and their paginated pages."""
    seen: dict[int, File] = {}
    root = blog.blog
    for file in [root.file, *(post.file for post in root.posts)]:
        seen[id(file)] = file
    for view in blog._resolve_views(root):
        seen[id(view.file)] = view.file
        for page in view.pages:
            seen[id(page.file)] = page.file
    return list(seen.values())


def _remove_blog_pages(files: Files, config: MkDocsConfig, also: list[File] = ()) -> None:
    """Remove every page under any language's blog folder (and the given files) from the file list."""
    blog_dirs = [posixpath.normpath(b.config.blog_dir) + "/" for b in blog_instances(config).values()]
    extra = {id(file) for file in also}
    for file in list(files):
        if id(file) in extra or (file.is_documentation_page() and file.src_uri.startswith(tuple(blog_dirs))):
            files.remove(file)


def current_blog(config: MkDocsConfig) -> Any | None:
    """This language's blog plugin instance (None if the language has no blog)."""
    lang, _, _ = build_language(config)
    return blog_instances(config).get(lang)


class PostList(list):
    """The blog's posts, answering `page in posts` by identity in constant time.

    Material's blog asks `page not in self.blog.posts` twice for every page of the site, and a list answers
    by comparing pages field by field: 6.2 million comparisons at 1,000 posts. Every post is one Page
    object, so identity gives the same answer.
    """

    def __init__(self, posts: Iterable[Any]) -> None:
        super().__init__(posts)
        self._ids = {id(post) for post in self}

    def __contains__(self, page: object) -> bool:
        return id(page) in self._ids


def shelter_blog_files(files: Files, config: MkDocsConfig) -> None:
    """After the blog has run: take every blog page out of the list i18n is about to rebuild."""
    blog = current_blog(config)
    if blog is None:
        return
    blog.blog.posts = PostList(blog.blog.posts)  # sorted by the blog in its on_files, not changed after
    keep = managed_files(blog)
    _remove_blog_pages(files, config, also=keep)
    build_context.of_language(config).sheltered = keep


def set_dest(file: File, dest_uri: str, config: MkDocsConfig) -> None:
    file.dest_uri = dest_uri
    file.url = file._get_url(config.use_directory_urls)
    file.abs_dest_path = os.path.normpath(os.path.join(config.site_dir, dest_uri))


def add_language_page(files: Files, config: MkDocsConfig, page: str, content: str, slug: str) -> File:
    """Publish a generated page (`page`, e.g. 'changes.md') at <slug>/ in the language being built."""
    lang, default, _ = build_language(config)
    # Listed in the site's nav; a site whose nav leaves it out (a small test site) gets no warning.
    file = File.generated(config, f"{lang}/{page}", content=content, inclusion=InclusionLevel.NOT_IN_NAV)
    dest = f"{slug}/index.html" if config.use_directory_urls else f"{slug}.html"
    set_dest(file, language_prefix(lang, default) + dest, config)
    file.locale = lang
    file.locale_alternate_of = lang
    file.norm_src_uri = page
    attach_alternates(file, config)
    files.append(file)
    return file


def attach_alternates(file: File, config: MkDocsConfig) -> None:
    """Link a page the bridge or a generator made to the same path in every other language."""
    lang, default, languages = build_language(config)
    neutral = neutral_dest(file.dest_uri, lang)
    norm = getattr(file, "norm_src_uri", None) or neutral_dest(file.src_uri, lang)
    has_source = os.path.isfile(os.path.join(config.docs_dir, default, norm))
    file.alternates = {}
    for other in languages:
        if other == lang:
            file.alternates[other] = file
            continue
        twin = File(file.src_uri, config.docs_dir, config.site_dir, config.use_directory_urls,
                    dest_uri=language_prefix(other, default) + neutral)
        # A page with a source file is in `other` only if translated; generated pages (blog views,
        # status pages) are always made in the reader's language.
        translated = not has_source or os.path.isfile(os.path.join(config.docs_dir, other, norm))
        twin.locale = other if translated else default
        file.alternates[other] = twin
    build_context.of_language(config).alternates[file.src_uri] = dict(file.alternates)


def restore_blog_files(files: Files, config: MkDocsConfig) -> None:
    """After i18n: put the blog pages back with language-correct URLs and alternates for the switcher."""
    lang, default, _ = build_language(config)
    blog = current_blog(config)
    if blog is None:
        return
    context = build_context.of_language(config)
    sheltered, context.sheltered = context.sheltered, []
    # i18n may have re-added English posts as plain fallback pages: the blog's own pages replace them.
    _remove_blog_pages(files, config)
    for file in sheltered:
        neutral = neutral_dest(file.dest_uri, lang)
        set_dest(file, language_prefix(lang, default) + neutral, config)
        file.locale = context.shown_in.get(file.src_uri, lang)
        file.localization = lang
        file.locale_alternate_of = lang
        file.norm_src_uri = neutral_dest(file.src_uri, lang)
        attach_alternates(file, config)
        if file.page is not None:
            file.page._set_canonical_url(config.site_url)
        files.append(file)
    i18n = i18n_plugin(config)
    i18n.i18n_files_per_language[lang] = files.documentation_pages()


def reapply_alternates(files: Files, config: MkDocsConfig) -> None:
    """i18n's on_nav rewrites the alternates of files under 'blog/': put the bridge's back."""
    kept = build_context.of_language(config).alternates
    for file in files:
        alternates = kept.get(file.src_uri)
        if alternates:
            file.alternates = dict(alternates)
