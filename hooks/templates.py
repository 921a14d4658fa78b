"""The build's one Jinja environment: kept for what hooks render, and given the compiled templates of
earlier builds (each language, each `mkdocs serve` rebuild and each new `mkdocs build` would compile them
all again); and the theme's files listed without its hidden icon folders (handbook.templates says why)."""

from jinja2 import Environment
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import Files

from handbook import build_context, templates


def on_config(config: MkDocsConfig) -> MkDocsConfig:
    templates.list_without_hidden(config.theme)  # MkDocs lists the theme's files before any later event
    templates.COMPILED.folder = templates.cache_folder()
    return config


def on_env(env: Environment, *, config: MkDocsConfig, files: Files) -> Environment:
    env.bytecode_cache = templates.COMPILED
    build_context.of_language(config).env = env
    return env
