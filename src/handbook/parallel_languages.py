"""`mkdocs build` builds each further language in a forked process while the default language builds.

mkdocs-static-i18n builds the languages one after another: the default language, then, inside its
`on_post_build`, each other language on the same configuration. A language's build reads nothing another
language's build makes except the sitemap's list of every language's pages, so on a machine with two cores
the languages can be built at the same time:

1. As the default language's `on_files` begins (the site folder emptied, the docs listed, nothing read yet),
   `start` forks one child per further language. The child builds its language as i18n would
   (`current_language` set, `building` on) into a staging folder of its own inside the site folder, keeps
   its log records instead of printing them, and sends back, through a pipe, the records, its error if it
   failed, and the little of the build's state the default language's `on_post_build` handlers read (`Sent`).
2. Once the default language's pages are listed (its `on_env`), `send_default_pages` writes them, as the
   sitemap template reads them (`Listed`), to a file the child reads when it renders its sitemap
   (`receive_default_pages`), which lists every language's pages, the default language's first.
3. i18n's loop reaches the language and calls `build` (hooks/parallel_languages.py puts its own in its
   place): instead of building, `finish` waits for the child, emits its log records where the language's
   own build would have emitted them (so a strict build counts its warnings), moves its files into the site
   folder over the default language's (as the later build overwrote the earlier's: the sitemap and
   tags.json at the root are the last language's), merges its state and raises its error. A child that was
   never collected (an i18n that no longer calls `build`) fails the build (`collect_leftovers`).

Nothing changes for readers or contributors: tests/test_reproducible.py compares the whole site built this
way with one built one language after the other, byte for byte; tests/test_parallel_languages.py compares
small sites, the web build and the offline copy, and their warnings and errors. `mkdocs serve` builds one
language after the other as before: its caches live in the serving process, which a child's work would not
reach. HANDBOOK_PARALLEL_LANGUAGES=0 turns this off.

What the default language's build keeps from the languages' builds, and how it is merged:
- the inline-script hashes every page's CSP allows (the _headers file lists them all): appended in order;
- the content checks: which of the language's own pages its rendering confirmed (the child confirms only
  pages of its own language's folder, so that no page is confirmed, and reported, twice), and the counts of
  the pages it left, which the checks' last step renders: the child lists them once its pages are rendered
  (`send_checks_left`), and each is rendered by whichever process is free first (`_render_claimed`).
- the chapters' git history is read before the fork (hooks/changes.py), so that one `git log` serves both.
The root 404.html stays the default language's, as the language's own build left it (hooks/not_found_pages).
"""

from __future__ import annotations

import contextlib
import logging
import os
import pickle
import select
import shutil
import sys
import time
import traceback
from dataclasses import dataclass, field
from collections.abc import Iterable
from typing import Any, Callable

import click
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError

from handbook import build_context, forked_map, render_cache
from handbook.checks import active
from handbook.checks.active import Pending
from handbook.languages import build_language, i18n_plugin

ENV = "HANDBOOK_PARALLEL_LANGUAGES"
STAGING_PREFIX = ".handbook-language-"
KEPT_AT_ROOT = ("404.html",)  # written by every language's build; the default language's stays

_enabled = False
_running: dict[str, "Child"] = {}  # by language: the children of this process's build (one build at a time)


def enable(on: bool) -> None:
    """Switch forking on (for `mkdocs build`, not `mkdocs serve` or a dirty build) or off."""
    global _enabled
    _enabled = bool(on) and hasattr(os, "fork") and os.environ.get(ENV, "1") != "0"


def enabled() -> bool:
    return _enabled


@dataclass
class Sent:
    """What a language's child sends back once its build is over."""

    records: list[logging.LogRecord] = field(default_factory=list)
    error: bytes | None = None  # the build's exception, pickled, if it failed (None: it did not, or cannot travel)
    error_text: str = ""  # and as text: "<type>: <message>", with the traceback of an unexpected one
    mkdocs_error: bool = False  # an error MkDocs reports by its message alone (PluginError, Abort, ...)
    csp_hashes: list[str] = field(default_factory=list)
    checks_left: list[str] | None = None  # the pages of its language the checks still wait for
    confirmed_by_build: int = 0
    # Those of them it rendered for the checks' last step (checks.build.settle_rest), by their body: the
    # default language's build renders the others meanwhile (send_checks_left).
    rendered_counts: dict[str, Any] = field(default_factory=dict)


@dataclass
class Child:
    """A language being built in a child process."""

    lang: str
    pid: int
    pipe: int  # the read end of the pipe it sends its result through
    staging: str
    checks_given: frozenset[str] = frozenset()  # the pages of its language the checks waited for at the fork


@dataclass(frozen=True)
class Listed:
    """A page of the default language as the sitemap template reads it (overrides/sitemap.xml): the
    attributes the real File and Page have, and none they lack (the template falls back on a missing one)."""

    attributes: dict[str, Any]

    def __getattr__(self, name: str) -> Any:
        try:
            return self.__dict__["attributes"][name]
        except KeyError:
            raise AttributeError(name) from None


def _listed(obj: Any, names: tuple[str, ...], nested: dict[str, Callable[[Any], Any]] | None = None) -> Listed:
    attributes = {}
    for name in names:
        if hasattr(obj, name):
            value = getattr(obj, name)
            attributes[name] = nested[name](value) if nested and name in nested and value is not None else value
    return Listed(attributes)


def listed_file(file: Any) -> Listed:
    """What the sitemap reads of a page's File: its page, source URI, language and alternates."""
    page = lambda page: _listed(page, ("canonical_url", "update_date", "is_link"))  # noqa: E731
    alternates = lambda alts: {lang: _listed(alt, ("url", "locale")) for lang, alt in alts.items()}  # noqa: E731
    return _listed(file, ("page", "src_uri", "locale", "alternates"), {"page": page, "alternates": alternates})


# The default language's pages, for the sitemap each further language's build writes: sent by the parent
# once they are known (its on_env), read by the child when it renders its sitemap (a file beside its staging
# folder: a pipe would make the parent wait until the child reads, at the very end of its build).
def _listing_path(child_staging: str) -> str:
    return child_staging + ".default-pages"


def _checks_left_path(child_staging: str) -> str:
    return child_staging + ".checks-left"


def _claims_path(child_staging: str) -> str:
    return child_staging + ".claims"


def _remove_listing(child: Child) -> None:
    """The files beside a child's staging folder (the default language's page list for its sitemap, the
    pages its checks left), read or not, whole or half-written."""
    for path in (_listing_path(child.staging), _listing_path(child.staging) + ".partial",
                 _checks_left_path(child.staging), _checks_left_path(child.staging) + ".partial"):
        with contextlib.suppress(FileNotFoundError):
            os.remove(path)
    shutil.rmtree(_claims_path(child.staging), ignore_errors=True)


def _own_pages(pending: dict[str, Any], docs_dir: str, lang: str) -> frozenset[str]:
    folder = os.path.normpath(os.path.join(os.path.abspath(docs_dir), lang)) + os.sep
    return frozenset(key for key in pending if key.startswith(folder))


def start(config: MkDocsConfig, build: Callable[..., None]) -> None:
    """Fork a child for each language after the default one (called in the default language's build)."""
    if not _enabled:
        return
    lang, default, languages = build_language(config)
    if lang != default or i18n_plugin(config).building:
        return
    children = _running
    for other in languages:
        if other == default or other in children:
            continue
        staging = os.path.join(config.site_dir, f"{STAGING_PREFIX}{other}")
        shutil.rmtree(staging, ignore_errors=True)
        os.makedirs(staging)
        checks = build_context.of_build(config).checks
        given = _own_pages(checks.pending, config.docs_dir, other) if checks is not None else frozenset()
        read_end, write_end = os.pipe()
        parent = os.getpid()
        pid = forked_map.fork()
        if pid == 0:  # the child: never returns
            os.close(read_end)
            _in_child["parent"] = parent
            _child(config, other, staging, write_end, given, build)
        os.close(write_end)
        children[other] = Child(other, pid, read_end, staging, given)


_in_child: dict[str, Any] = {}  # in a language's child: its staging folder and its parent's process id


def _child(config: MkDocsConfig, lang: str, staging: str, pipe: int, given: frozenset[str],
           build: Callable[..., None]) -> None:
    sent = Sent()
    _running.clear()  # the parent's other children are not this process's
    _in_child["staging"] = staging
    try:
        recorder = render_cache.Recorder()
        for name in render_cache.LISTENED:
            logger = logging.getLogger(name)
            for handler in list(logger.handlers):
                logger.removeHandler(handler)
            logger.addHandler(recorder)
        context = build_context.of_build(config)
        if context.checks is not None:  # only its own language's pages: the default language confirms the rest
            context.checks.pending = {key: context.checks.pending[key] for key in given}
            context.checks.confirmed_by_build = 0  # counted here, added to the parent's
        i18n = i18n_plugin(config)
        i18n.current_language = lang
        i18n.building = True
        config.site_dir = staging
        try:
            build(config, dirty=False)
        except BaseException as error:  # noqa: BLE001 - sent to the parent, which raises it
            sent.mkdocs_error = isinstance(error, click.ClickException)  # MkDocs' own errors are ClickExceptions
            sent.error_text = f"{type(error).__name__}: {error}"
            if not sent.mkdocs_error:
                sent.error_text += "\n" + traceback.format_exc()
            try:
                sent.error = pickle.dumps(error)
                pickle.loads(sent.error)  # some exceptions pickle but cannot be made again from their arguments
            except Exception:  # noqa: BLE001 - an error that cannot travel is sent as its text
                sent.error = None
        sent.records = list(recorder.records)
        sent.csp_hashes = list(context.csp_hashes)
        if context.checks is not None:
            sent.checks_left = sorted(context.checks.pending)
            sent.confirmed_by_build = context.checks.confirmed_by_build
            if not sent.error_text and "checks_left" in _in_child:  # from the end, the parent from the start
                left = _in_child["checks_left"]
                sent.rendered_counts = _render_claimed(staging, [context.checks.pending.get(k) for k in left],
                                                       reverse=True)
        data = pickle.dumps(sent)
        with os.fdopen(pipe, "wb") as out:
            out.write(data)
        sys.stdout.flush()
        sys.stderr.flush()
    finally:
        os._exit(0)


def send_default_pages(config: MkDocsConfig) -> None:
    """In the default language's build, once its pages are known: hand them to every child's sitemap."""
    if not _running:
        return
    lang, default, _ = build_language(config)
    if lang != default:
        return
    pages = [listed_file(file) for file in i18n_plugin(config).i18n_files_per_language.get(default, [])]
    trainer_views = dict(build_context.of_language(config).trainer_views)
    data = pickle.dumps((pages, trainer_views))
    for child in _running.values():
        _write_whole(_listing_path(child.staging), data)


def _write_whole(path: str, data: bytes) -> None:
    """Write a file the other process polls for: it finds it whole, or not at all (written aside, renamed)."""
    with open(path + ".partial", "wb") as out:
        out.write(data)
    os.replace(path + ".partial", path)


def receive_default_pages(config: MkDocsConfig, *, wait: float = 600) -> None:
    """In a language's child, before its sitemap is rendered: the default language's pages, as the sitemap
    would have had them had the default language been built first (it lists every language's pages)."""
    staging = _in_child.get("staging")
    if staging is None:
        return
    path = _listing_path(staging)
    deadline = time.monotonic() + wait
    while not os.path.exists(path):
        if os.getppid() != _in_child.get("parent") or time.monotonic() > deadline:
            raise RuntimeError("the default language's build never listed its pages for the sitemap")
        time.sleep(0.01)
    with open(path, "rb") as handle:
        pages, trainer_views = pickle.load(handle)
    _, default, _ = build_language(config)
    i18n = i18n_plugin(config)
    others = {lang: files for lang, files in i18n.i18n_files_per_language.items() if lang != default}
    i18n.i18n_files_per_language = {default: pages, **others}  # the default language first, as it was built first
    context = build_context.of_build(config)
    default_context = context.languages.get(default)
    if default_context is None:
        default_context = context.languages[default] = build_context.LanguageContext(default)
    default_context.trainer_views.update(trainer_views)


def send_checks_left(config: MkDocsConfig) -> None:
    """In a language's child, once its pages are rendered (its on_env): the pages its build did not confirm
    (checks.build), which the checks' last step renders. The child would render them as the last thing it
    does; instead, whichever of the two processes is free first renders each one (`_render_claimed`): the
    default language's build while it waits for the child, from the start of the list, and the child once its
    build is over, from the end."""
    staging = _in_child.get("staging")
    checks = build_context.of_build(config).checks
    if staging is None or checks is None:
        return
    left = _in_child["checks_left"] = sorted(checks.pending)
    os.makedirs(_claims_path(staging), exist_ok=True)
    _write_whole(_checks_left_path(staging), pickle.dumps(left))


def _checks_left_by(child: Child) -> list[str]:
    """The pages a child's checks left (send_checks_left), once it says; none if it ends without saying."""
    path = _checks_left_path(child.staging)
    while not os.path.exists(path):
        if select.select([child.pipe], [], [], 0.01)[0]:  # it has finished (or failed) without saying
            break
    try:
        with open(path, "rb") as handle:
            return pickle.load(handle)
    except FileNotFoundError:
        return []


def _claim(claims: str, number: int) -> bool:
    """True for the one process that claims the `number`th page first (a file made only if it is not there)."""
    try:
        os.close(os.open(os.path.join(claims, str(number)), os.O_CREAT | os.O_EXCL | os.O_WRONLY))
    except FileExistsError:
        return False
    return True


def _render_claimed(staging: str, pending: list[Pending | None], *, reverse: bool = False) -> dict[str, Any]:
    """Of a child's left pages (in the order it listed them), render those this process claims first."""
    claims = _claims_path(staging)
    done: dict[str, Any] = {}
    order = range(len(pending) - 1, -1, -1) if reverse else range(len(pending))
    for number in order:
        page = pending[number]
        if page is not None and page.required and _claim(claims, number):
            done[page.body] = active.rendered_counts(page.body)
    return done


def _render_left(pending: Iterable[Pending]) -> None:
    """What the checks' last step (checks.build.settle_rest) will render of these open pages, rendered now
    and kept by their body (active.rendered_counts): a pure function of the body, wherever it is worked out."""
    for page in pending:
        if page.required:
            active.rendered_counts(page.body)


def _receive(child: Child) -> Sent:
    with os.fdopen(child.pipe, "rb") as pipe:
        data = pipe.read()
    _, status = os.waitpid(child.pid, 0)
    if not data:
        code = os.waitstatus_to_exitcode(status)
        raise RuntimeError(f"the '{child.lang}' build's process ended without a result (exit status {code})")
    return pickle.loads(data)


def _move_into(staging: str, site_dir: str) -> None:
    """Everything in the staging folder to its place in the site folder, over what is there: a folder the
    site folder does not have yet (the language's own, such as ur/) in one rename, the rest file by file."""
    _move_entries(staging, site_dir, at_root=True)
    shutil.rmtree(staging)


def _move_entries(source: str, target: str, *, at_root: bool = False) -> None:
    with os.scandir(source) as listing:
        entries = list(listing)  # listed before anything moves out of the folder
    for entry in entries:
        if at_root and entry.name in KEPT_AT_ROOT:
            continue
        destination = os.path.join(target, entry.name)
        if entry.is_dir(follow_symlinks=False) and os.path.isdir(destination):
            _move_entries(entry.path, destination)
        else:
            os.replace(entry.path, destination)


def finish(config: MkDocsConfig, lang: str) -> bool:
    """Take over a language's build from its child, if it has one: False if it has none (build it here)."""
    child = _running.pop(lang, None)
    if child is None:
        return False
    checks = build_context.of_build(config).checks
    if checks is not None:  # while the child works: the pages the checks' last step renders, this build's own
        _render_left(p for key, p in checks.pending.items()
                     if not any(key in other.checks_given for other in [child, *_running.values()]))
        # and the child's that it does not render itself (this build holds every page's open question)
        _render_claimed(child.staging, [checks.pending.get(key) for key in _checks_left_by(child)])
    sent = _receive(child)
    for body, counts in sent.rendered_counts.items():
        active.keep_rendered_counts(body, counts)
    _remove_listing(child)
    render_cache.replay(sent.records)
    context = build_context.of_build(config)
    context.csp_hashes.update(dict.fromkeys(sent.csp_hashes))
    if context.checks is not None and sent.checks_left is not None:
        for key in child.checks_given - set(sent.checks_left):
            context.checks.pending.pop(key, None)
        context.checks.confirmed_by_build += sent.confirmed_by_build
        context.checks.languages_done.add(lang)
    if not sent.error_text:
        _move_into(child.staging, config.site_dir)
        return True
    shutil.rmtree(child.staging, ignore_errors=True)
    raise _error(sent, lang)


def _error(sent: Sent, lang: str) -> BaseException:
    """The exception a failed language's build raised, to be raised where its build would have raised it."""
    if sent.error is not None:
        return pickle.loads(sent.error)
    if sent.mkdocs_error:
        return PluginError(sent.error_text.split(": ", 1)[-1])
    return RuntimeError(f"building the '{lang}' pages failed: {sent.error_text}")


def stop() -> None:
    """End every child still running (the default language's build failed): nothing of theirs is kept."""
    for child in _running.values():
        try:
            os.kill(child.pid, 9)
            os.waitpid(child.pid, 0)
        except OSError:
            pass
        os.close(child.pipe)
        shutil.rmtree(child.staging, ignore_errors=True)
        _remove_listing(child)
    _running.clear()


def collect_leftovers() -> None:
    """After i18n has built every language: a child nobody collected means pages missing from the site."""
    if not _running:
        return
    languages = ", ".join(sorted(_running))
    stop()
    raise PluginError(f"the pages of {languages} were built in a separate process but never collected: "
                      f"mkdocs-static-i18n no longer builds its languages through the `build` it imports "
                      f"(see hooks/parallel_languages.py); build with {ENV}=0 until that is fixed")
