"""Every figure on the site, drawn by code: `make figures` runs draw.py."""
