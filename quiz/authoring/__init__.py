"""Authoring decks by hand: starter template, importers, export to Anki/CSV, round-trip edits."""

from quiz.authoring.template import render_template, write_template

__all__ = ["render_template", "write_template"]
