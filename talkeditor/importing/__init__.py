"""Importing past issues written before talkeditor: .txt, .md and .docx to an Issue, and the
series' vocabulary; ``open_any.open_issue`` opens any issue file (loads a YAML, imports the rest).
"""
