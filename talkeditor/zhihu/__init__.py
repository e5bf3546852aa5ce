"""The Zhihu export: the issue's text and title, Markdown to Zhihu's dialect, sanitising,
post.html / post.md / title.txt, pre-publish checks.
"""
