"""The Zhihu export: Markdown to Zhihu's dialect, sanitising, post.html / post.md / title.txt, pre-
publish checks.
"""
