"""Credits: names, inline signatures, who is credited where, renames, and the roster across issues.
"""
