"""The window's docked panels."""
