"""Renderers: results -> text for people, JSON for machines (and SARIF, HTML)."""
