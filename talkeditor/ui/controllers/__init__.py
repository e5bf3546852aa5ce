"""What the window does between the panels, the document and the core: archive, credits,
Zhihu, links and images, editing (undo, find), section commands and help. Each controller
reaches the window only through ``window_api.WindowApi``.
"""
