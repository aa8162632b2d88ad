"""The checker (scripts/check_site.py): reads built files only and imports nothing from MkDocs."""
