"""Rendering an issue: Issue -> Markdown in the issues' own layout, and Markdown -> HTML (one
parse).
"""
