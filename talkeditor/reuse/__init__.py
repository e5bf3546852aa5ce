"""Reusing past issues: the next issue from the last one, copying a format, the 往期精彩 list."""
