"""What the window does, grouped by feature: helper objects that hold the window's handlers."""
