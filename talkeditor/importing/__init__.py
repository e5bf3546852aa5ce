"""Importing past issues written before talkeditor: .txt, .md and .docx to an Issue, and the
series' vocabulary.
"""
