"""`make bench`: each script prints one table; big_site.py makes a copy of the project with
many questions; package.json pins Lighthouse."""
