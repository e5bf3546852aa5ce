"""The docked panels: section tree, preview, credits and archive."""
