"""Issue files: the YAML format (load, dump, validation), atomic writes and the issue folder,
its images (assets/), autosaved drafts.
"""
