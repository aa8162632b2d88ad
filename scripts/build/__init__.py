"""What MkDocs calls while it renders the pages: the hooks (hooks.py, the list of build
steps) and the macros, with the steps they use."""
