"""What the window does for archive, credits, Zhihu, links and images work, between the panels,
the document and the core.
"""
