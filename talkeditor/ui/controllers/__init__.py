"""Helper objects of the main window: each owns one area of commands (links, archive …)."""
