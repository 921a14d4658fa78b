"""The quick exit's destination (mkdocs.yml extra.quick_exit_url), checked before it reaches any page."""

from __future__ import annotations

from urllib.parse import urlsplit

# A real, neutral and widely used page, so that the tab a reader lands on raises no question.
DEFAULT_URL = "https://www.google.com/"


class QuickExitError(ValueError):
    """The configured quick-exit address cannot be used."""


def exit_url(value: object) -> str:
    """The configured address, or the default when unset; refuse anything but a plain https:// page."""
    if value is None or value == "":
        return DEFAULT_URL
    if not isinstance(value, str):
        raise QuickExitError(f"extra.quick_exit_url must be an address, not {type(value).__name__}")
    parts = urlsplit(value.strip())
    if parts.scheme != "https" or not parts.hostname:
        raise QuickExitError(
            f"extra.quick_exit_url is {value!r}: it must be a full https:// address of a neutral site "
            f"(for example {DEFAULT_URL}), so that leaving is encrypted and never runs a script"
        )
    if parts.username or parts.password:
        raise QuickExitError(f"extra.quick_exit_url is {value!r}: it must not carry a user name or password")
    return value.strip()


def key_line(config_text: str, key: str) -> int | None:
    """The 1-based line of the first `key:` in a YAML file's text, for error messages."""
    for number, line in enumerate(config_text.splitlines(), start=1):
        if line.lstrip().startswith(f"{key}:"):
            return number
    return None
