"""What the window does between the panels, the document and the core: archive, credits,
Zhihu, editing (undo, find) and section commands. Each controller reaches the window only
through ``window_api.WindowApi``.
"""
