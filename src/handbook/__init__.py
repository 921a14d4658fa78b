"""Mahfooz: build and maintain a bilingual digital-security handbook and blog."""

__version__ = "0.1.0"
