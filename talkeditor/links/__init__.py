"""Links the way a host works with them: page titles from URLs, link checks, URL cleaning.

- ``titles``: fetch a page and read its title (``<title>``, else Open Graph), decoded by the
  charset of the headers or the page's ``<meta>``; short timeout, size cap.
- ``urls``: find URLs in a body, bare URLs without a title line, and clean tracking
  parameters and redirect wrappers out of URLs without touching the rest of a line.
- ``check``: check many links at once (HEAD, then GET), bounded in concurrency and time.
- ``issue_links``: the same over a whole issue (fill titles, clean, check) and the
  ``talkeditor links`` command.

Nothing here imports Qt; the app runs the fetches in worker threads.
"""
