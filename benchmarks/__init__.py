"""Build-performance benchmark: the project against bare Material and a Python-Markdown floor.

Run from the project root (``make bench`` does this)::

    .venv/bin/python -m benchmarks [--sizes 10,100,1000] [--runs 3] [--profile]

It first snapshots the project (the working tree, or ``--ref COMMIT``), so edits made while it
runs change nothing. For each size N it copies the project into a temporary folder, adds N
synthetic exercises (each a real exercise file with a new id, a new name, its descriptive text
reshuffled and its figure slightly changed) and N/10 synthetic routines, checks them with
``python -m build_tools check``, captures the exact Markdown the build converts, and then,
outside of generation, measures:

* the full build, ``mkdocs build --strict`` in its own process, cold (the build's caches
  removed, so every handout PDF is printed) and warm (the caches the cold build left): wall
  time, CPU time and peak RSS, median and range over ``--runs`` runs, runs interleaved;
* the project's own work: the time inside the plugin's event handlers in each of those
  builds, and ``project.load`` + ``render.render_pages`` alone in a fresh process;
* for comparison, the same Markdown as plain ``.md`` files (with the same figure files) built
  by bare Material with the same theme features (navigation.prune among them) and the
  project's navigation, by the same with MkDocs' automatic navigation, and rendered by
  Python-Markdown alone (the floor);
* page weight: one exercise page's HTML and its gzip transfer with same-site CSS, JS and
  images, the median and largest HTML page, and the search index raw and gzipped;
* live reload: ``mkdocs serve`` with the options ``make serve`` uses, then an edit to one
  exercise's summary, timed until the edited page served over HTTP shows the new text;
  afterwards the served search index must still list every exercise page
  (``--serve-plain`` also times plain ``mkdocs serve``, which rebuilds every page).

It also builds the catalogue at 40 and 400 exercises to see whether an exercise page grows
with the catalogue, and with ``--profile`` profiles one warm build at the largest N with
cProfile. The table goes to ``benchmarks/results.md`` (``--output`` to change it); raw numbers
and profiles go to ``benchmarks/out/`` (not committed).

The modules, each with one job:

* ``cli``: the options, the sizes in turn, the results written (``__main__`` runs it);
* ``run``: one size from start to end (and the page-growth check): the order of the parts;
* ``generate``: the snapshot, the project copy, the synthetic exercises and routines, the check;
* ``baseline``: the bare Material projects and the Markdown they build, the floor's command;
* ``timing``: measured runs in their own processes, interleaved, with medians;
* ``pages``: page weight and site sizes;
* ``serve``: the live-reload measurement;
* ``profiling``: cProfile of one warm build;
* ``report``: the targets, their verdicts and ``results.md``;
* ``common``: paths, the environment of the processes started, small helpers.

Run as files, each in a fresh process, with nothing from this package imported: ``floor.py``
(the Python-Markdown floor), ``ownwork.py`` (load + render alone) and two MkDocs hooks, which
the builds that need them get through a copy of mkdocs.yml (``hooks:``): ``hooks/time_handlers.py``
(the plugin's handler times) and ``hooks/capture_markdown.py`` (the pages' Markdown for the baselines).
"""
