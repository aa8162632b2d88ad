"""studysite: the code that builds and checks the site, one folder per stage of the data
flow, model -> build -> outputs -> check (each imports only the stages before it);
figures and bench stand apart. Two helpers at the top serve every stage and import none:
built_html.py (the one reader of built HTML) and project.py (where the project is; copy
it, build it). The site's data files sit here too (canon.toml, topics.toml, roles.toml)
and are read from the project being built, beside mkdocs.yml."""
