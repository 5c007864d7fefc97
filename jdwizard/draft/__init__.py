"""Drafts: the file format, a drafting session and how it saves, migration between template
versions, the lock beside an open draft, managing and listing drafts, and company profiles."""
