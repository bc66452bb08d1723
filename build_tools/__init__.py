"""build_tools: turns the project's YAML data into pages for a MkDocs + Material site.

The flow runs one way: ``loader`` (YAML -> ``models`` -> ``Catalogue``), then
``render`` (Catalogue -> Markdown pages, pure functions over Jinja templates), then
``plugin`` (the only module that imports MkDocs) hands those pages to MkDocs.
``cli`` offers the same loading and rendering without a site build.
"""

__version__ = "0.1.0"
