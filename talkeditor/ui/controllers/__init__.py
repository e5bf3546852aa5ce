"""What the window does for archive, credits and Zhihu work, between the panels, the document and
the core.
"""
