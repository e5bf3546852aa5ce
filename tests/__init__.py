"""talkeditor test suite."""
