"""The editor pane: the metadata form, a section's title, fields table and Markdown body, find and
replace, and what pasting and dropping into a body does.
"""
