"""Cross-links: "Related posts" on chapters, "Guidance for this story" on posts, in the reader's language."""

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority
from mkdocs.structure.files import Files

from handbook import related_pages
from handbook.related_site import RelatedError
from handbook import event_order as order


@event_priority(order.RELATED)  # once per language, when every page of the language is known
def on_files(files: Files, *, config: MkDocsConfig) -> Files:
    try:
        related_pages.attach(files, config)
    except RelatedError as error:
        raise PluginError(str(error)) from None
    return files
