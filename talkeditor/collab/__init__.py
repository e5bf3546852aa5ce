"""Many contributors on one archive: the structural merge of issues (merge.py) and sharing
the archive through git (sync.py). No Qt here."""
