"""The open issue: IssueDocument (model, undo, bodies), autosave and the file watcher."""
