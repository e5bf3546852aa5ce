"""Many contributors on one archive: the structural merge of issues (merge.py, with the
small merges in blocks.py and conflict resolution in resolve.py) and sharing the archive
through git (sync.py, running git through git.py). No Qt here."""
