"""Serve Material's lazily loaded scripts (and the offline shim) from this site, never from a CDN."""

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority
from mkdocs.structure.files import File, Files

from handbook.vendored import OFFLINE_SHIM, BundleChanged, localise_bundle
from handbook import event_order as order


@event_priority(order.BEFORE_OFFLINE_CONFIG)  # before the offline plugin's on_config, which adds unpkg's shim if none is set
def on_config(config: MkDocsConfig) -> MkDocsConfig:
    offline = config.plugins.get("material/offline")
    if offline is not None and offline.config.enabled:
        config.extra["polyfills"] = [OFFLINE_SHIM]
    return config


@event_priority(order.VENDOR_ASSETS)  # after i18n has rebuilt the file list
def on_files(files: Files, *, config: MkDocsConfig) -> Files:
    for file in list(files):
        uri = file.src_uri
        if uri.startswith("assets/javascripts/bundle.") and uri.endswith(".min.js"):
            try:
                patched = localise_bundle(file.content_string)
            except BundleChanged as error:
                raise PluginError(str(error)) from None
            files.remove(file)
            files.append(File.generated(config, uri, content=patched))
    return files
