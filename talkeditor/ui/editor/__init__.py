"""The editor pane's widgets and what they do with typed and pasted text."""
