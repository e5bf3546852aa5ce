"""A folder of past issues: listing and loading them, search, and repeat warnings against them."""
