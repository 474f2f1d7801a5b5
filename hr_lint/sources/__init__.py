"""Where text comes from, other than files in a folder: record streams (`records`)."""
