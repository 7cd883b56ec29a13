"""Renderers: turn frames and reports into terminal tables, files and text."""
