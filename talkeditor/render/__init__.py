"""Rendering an issue: Issue -> Markdown in the issues' own layout, Markdown -> HTML (one
parse), and the published title line.
"""
