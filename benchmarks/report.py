"""The report: the targets, their verdicts, and ``results.md`` with every table, from the results of a run.

``TARGETS`` are the numbers of issue 9, with issue 17's for the full build (warm and cold); ``evaluate`` judges a run against them (at 1,000
exercises, with the previous build's caches); ``write_report`` writes the Markdown tables and
``notes`` the notes under them. The command line (``cli.py``) calls these once all sizes are measured.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from .timing import TIME_BIN

TARGETS = {
    "build_ratio": 1.00,  # project build with the previous build's caches / bare Material + prune, at 1,000 exercises
    "cold_ratio": 1.50,  # first build (caches removed: every PDF printed) / bare Material + prune, at 1,000 exercises
    "own_share": 0.15,  # project's own work (plugin handlers) / bare Material build, at 1,000 exercises
    "page_growth": 1.30,  # exercise page HTML at 400 / at 40 exercises
    "serve_100": 0.5,  # seconds from edit to served page, N = 100
    "serve_1000": 2.0,  # seconds from edit to served page, N = 1,000
    "search_gz_mb": 1.5,  # search index gzipped, MB (10^6 bytes), N = 1,000
}


def fmt_s(stat: dict[str, Any] | None, digits: int = 2) -> str:
    if not stat:
        return "-"
    if stat["n"] == 1:
        return f"{stat['median']:.{digits}f}"
    return f"{stat['median']:.{digits}f} ({stat['min']:.{digits}f}-{stat['max']:.{digits}f})"


def kb(value: float) -> str:
    return f"{value / 1000:.1f} kB"


def verdict(ok: bool | None) -> str:
    return "n/a" if ok is None else ("**PASS**" if ok else "**FAIL**")


def evaluate(results: dict[str, Any]) -> list[tuple[str, str, str, bool | None]]:
    sizes = {r["n"]: r for r in results["sizes"]}
    rows: list[tuple[str, str, str, bool | None]] = []
    big = sizes.get(max(sizes)) if sizes else None
    big_label = f"N = {big['info']['exercises']} exercises" if big else ""
    if big and big["info"]["exercises"] >= 1000:
        bare_s = big["builds"]["bare"]["wall"]["median"]
        # Issue 17: the build as it usually runs (with the caches the previous build left: make site, make serve,
        # CI with its cache) at most as long as bare Material; the first build on a fresh clone, which prints
        # every handout PDF, at most 1.5 times as long.
        for key, label, limit in (
            ("project_warm", "with the previous build's caches", TARGETS["build_ratio"]),
            ("project", "first build, caches removed: every PDF printed", TARGETS["cold_ratio"]),
        ):
            project_s = big["builds"][key]["wall"]["median"]
            ratio = project_s / bare_s
            cpu_ratio = big["builds"][key]["cpu"]["median"] / big["builds"]["bare"]["cpu"]["median"]
            rows.append(
                (
                    f"full build ({label}) at most {limit:.1f}x bare Material + prune, same pages "
                    f"and navigation ({big_label})",
                    f"{project_s:.2f} s vs {bare_s:.2f} s wall (CPU time ratio {cpu_ratio:.2f}x)",
                    f"{ratio:.2f}x",
                    ratio <= limit,
                )
            )
        for key, label, judged in (
            ("project_warm", "with the previous build's caches", True),
            ("project", "first build: not a target", False),
        ):
            b = big["builds"][key]
            added = b["own"]["median"] / bare_s
            rows.append(
                (
                    f"project's own work adds at most {TARGETS['own_share']:.0%} to the bare build "
                    f"({label}; {big_label})",
                    f"plugin handlers {b['own']['median']:.2f} s, over bare Material's {bare_s:.2f} s "
                    f"({b['share']['median']:.0%} of this build's own {b['wall']['median']:.2f} s)",
                    f"{added:.0%}",
                    (added <= TARGETS["own_share"]) if judged else None,
                )
            )
        gz = big["sizes"]["search_gz"] / 1e6
        rows.append(
            (
                f"search index at most {TARGETS['search_gz_mb']} MB gzipped ({big_label})",
                f"{big['sizes']['search_raw'] / 1e6:.2f} MB raw",
                f"{gz:.2f} MB",
                gz <= TARGETS["search_gz_mb"],
            )
        )
    else:
        rows.append(("targets at 1,000 exercises", "not measured in this run", "-", None))
    growth = results.get("growth") or {}
    if "40" in growth and "400" in growth:
        a, b = growth["40"]["probe"]["html"], growth["400"]["probe"]["html"]
        rows.append(
            (
                f"exercise page HTML at most {TARGETS['page_growth']}x from 40 to 400 exercises",
                f"{a} -> {b} bytes ({growth['40']['probe']['page']})",
                f"{b / a:.2f}x",
                b / a <= TARGETS["page_growth"],
            )
        )
    for n_label, key in (("100", "serve_100"), ("1000", "serve_1000")):
        # By the number of synthetic exercises asked for (--sizes): the real ones come on top of it.
        match = [r for r in results["sizes"] if r["serve"] and r["n"] == int(n_label)]
        if match:
            s = match[0]["serve"]
            ok = s["edit"]["median"] <= TARGETS[key] and s["search_complete"]
            rows.append(
                (
                    f"edited page served within {TARGETS[key]} s under make serve, search complete "
                    f"(N = {match[0]['info']['exercises']} exercises)",
                    f"search lists {s['search_listed']}/{s['search_expected']} exercise pages",
                    f"{s['edit']['median']:.2f} s",
                    ok,
                )
            )
    return rows


def write_report(results: dict[str, Any], path: Path) -> None:
    m = results["machine"]
    lines = [
        "# Build benchmark results",
        "",
        "Written by `python -m benchmarks` (the package in benchmarks/); rerun with `make bench`. Raw numbers and "
        "profiles: "
        "`benchmarks/out/` (not committed).",
        "",
        f"- Date: {results['date']}",
        f"- Machine: {m['nproc']} CPUs ({m['affinity']} usable), {m['cpu']}, {m['ram']} RAM; {m['os']}",
        f"- Python {m['python']}; " + ", ".join(f"{k} {v}" for k, v in m["versions"].items()),
        (
            f"- Project: a snapshot of commit {m['git'].get('head', '?')} (`--ref {m['git']['ref']}`), engine and data "
            "both from that commit"
            if m["git"].get("ref")
            else f"- Project: a snapshot, taken at the start, of the working tree on commit {m['git'].get('head', '?')}, "
            f"with {m['git'].get('changes', '?')} uncommitted changes in build_tools/, mkdocs.yml, theme_overrides/, "
            "exercises/, data/ or content/"
        ),
        f"- Command: `{results['command']}` ({results['elapsed'] / 60:.1f} min in all)",
        "- Each timed build: `mkdocs build --strict --site-dir DIR` in its own process; wall and CPU time (`os.wait4`) "
        + (
            "and peak RSS (`/usr/bin/time -f %M`)"
            if TIME_BIN
            else "and peak RSS from `os.wait4` (an upper bound: it includes the harness's own size; install GNU time)"
        )
        + ". Runs of the four builds are interleaved. Cells: median (min-max).",
        "",
        "N is the number of synthetic exercises added to the real ones; each is a real exercise file with a new id, "
        "a new name, the words of its summary, steps, cues, mistakes and 'feel it' line shuffled (so the "
        "text is not thirteen texts repeated, which would flatter gzip) and its figure's elbows bent a few degrees "
        "where the hands bear no weight (so every figure differs, and a cache keyed by figure data cannot hit "
        "across copies); N/10 synthetic routines use them. "
        "All pass `python -m build_tools --root DIR check`. Generation is not timed.",
        "",
        "## Full build",
        "",
        "Wall seconds. **project, cold** = `mkdocs build --strict` with the build's caches removed first (the "
        "first build on a fresh clone: every YAML file parsed, every figure drawn, every handout PDF printed); "
        "**warm** = the same build again right after, with the caches the cold build left in .cache/hamstrings "
        "(parsed YAML, figures, compiled templates, PDFs), as every later build has them, CI included (it keeps "
        "the folder with actions/cache). **bare** = bare Material with the same theme features (navigation.prune among them) and "
        "the project's navigation (exercise and routine pages not in the sidebar): the target's yardstick. "
        "**bare, auto nav** = the same but MkDocs' automatic navigation, every page in the sidebar.",
        "",
        "| N | exercises / routines / pages | project, cold | project, warm | bare | cold / bare | warm / bare | "
        "bare, auto nav | Python-Markdown floor | warm / floor |",
        "|---:|---|---:|---:|---:|---:|---:|---:|---:|---:|",
    ]
    for r in results["sizes"]:
        b = r["builds"]
        bare_s = b["bare"]["wall"]["median"]
        lines.append(
            f"| {r['n']} | {r['info']['exercises']} / {r['info']['routines']} / {r['info']['md_pages']} | "
            f"{fmt_s(b['project']['wall'])} | {fmt_s(b['project_warm']['wall'])} | {fmt_s(b['bare']['wall'])} | "
            f"{b['project']['wall']['median'] / bare_s:.2f}x | {b['project_warm']['wall']['median'] / bare_s:.2f}x | "
            f"{fmt_s(b['bare_auto']['wall'])} | {fmt_s(b['floor']['wall'])} | "
            f"{b['project_warm']['wall']['median'] / b['floor']['wall']['median']:.1f}x |"
        )
    handouts = [
        (r["n"], line)
        for r in results["sizes"]
        for key in ("project", "project_warm")
        for line in dict.fromkeys(r["builds"][key]["handouts"])
    ]
    if handouts:
        lines += ["", "The plugin's own log of the handout PDFs in those builds:", ""]
        lines += [f"- N = {n}: {line}" for n, line in dict.fromkeys(handouts)]
    else:
        lines += ["", "No handout PDFs were printed in these builds (no Chromium found, or the plugin has no PDFs)."]
    lines += [
        "",
        "CPU seconds (user + system) are less disturbed by other work on the machine than wall time.",
        "",
        "| N | runs (auto nav) | CPU s: project, cold | warm | bare | cold / bare, CPU | warm / bare, CPU | "
        "project ms/page (warm, wall) | peak RSS MiB: project, cold | bare | bare, auto nav | floor |",
        "|---:|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|",
    ]
    for r in results["sizes"]:
        b = r["builds"]
        bare_cpu = b["bare"]["cpu"]["median"]
        lines.append(
            f"| {r['n']} | {b['project']['wall']['n']} ({b['bare_auto']['wall']['n']}) | {fmt_s(b['project']['cpu'])} | "
            f"{fmt_s(b['project_warm']['cpu'])} | {fmt_s(b['bare']['cpu'])} | "
            f"{b['project']['cpu']['median'] / bare_cpu:.2f}x | {b['project_warm']['cpu']['median'] / bare_cpu:.2f}x | "
            f"{1000 * b['project_warm']['wall']['median'] / r['info']['md_pages']:.1f} | "
            f"{fmt_s(b['project']['rss_mib'], 0)} | {fmt_s(b['bare']['rss_mib'], 0)} | "
            f"{fmt_s(b['bare_auto']['rss_mib'], 0)} | {fmt_s(b['floor']['rss_mib'], 0)} |"
        )
    lines += [
        "",
        "## The project's own work",
        "",
        "Time spent inside the plugin's event handlers during the project builds above (each run is the same "
        "`mkdocs build --strict`, given a copy of mkdocs.yml that adds the hook "
        "`benchmarks/hooks/time_handlers.py`, which times the plugin's `on_*` handlers from `on_config` on): "
        "everything build_tools does in a build (loading, validating, rendering, figures, handout PDFs). Then `project.load` (read, validate, cross-check) and `render.render_pages` alone, in a fresh "
        "process (import of `build_tools` not included).",
        "",
        "| N | build | handlers, s | share of the build | handlers by event (median s) |",
        "|---:|---|---:|---:|---|",
    ]
    for r in results["sizes"]:
        for key, label in (("project", "cold"), ("project_warm", "warm")):
            b = r["builds"][key]
            events = ", ".join(
                f"{k} {v:.2f}" for k, v in sorted(b["events"].items(), key=lambda kv: -kv[1]) if v >= 0.005
            )
            share = b["share"]
            lines.append(
                f"| {r['n']} | {label} | {fmt_s(b['own'])} | {share['median']:.0%} "
                f"({share['min']:.0%}-{share['max']:.0%}) | {events} |"
            )
    lines += [
        "",
        "| N | import, s | load, s | render, s | load + render, s |",
        "|---:|---:|---:|---:|---:|",
    ]
    for r in results["sizes"]:
        o = r["own"]
        lines.append(
            f"| {r['n']} | {fmt_s(o['import'])} | {fmt_s(o['load'])} | {fmt_s(o['render'])} | {fmt_s(o['total'])} |"
        )
    lines += [
        "",
        "## Page weight",
        "",
        "gzip at level 6. Transfer = the page plus its same-site CSS, JS and images, each gzipped (first visit, "
        "nothing cached).",
        "",
        "| N | HTML pages | median page | largest page: HTML / gzip | exercise page median | "
        "one exercise page: HTML / gzip | its transfer with assets, gzip | same page, bare auto nav | "
        "search index raw / gzip |",
        "|---:|---:|---:|---|---:|---:|---:|---:|---:|",
    ]
    for r in results["sizes"]:
        s = r["sizes"]
        p = s["probe"]
        lines.append(
            f"| {r['n']} | {s['pages']} | {kb(s['html_median'])} | {kb(s['html_largest'])} / "
            f"{kb(s['largest']['html_gz'])} ({s['largest_page']}) | "
            f"{kb(s['exercise_html_median'])} | {kb(p['html'])} / {kb(p['html_gz'])} | {kb(p['total_gz'])} "
            f"({len(p['assets'])} assets) | {kb(s['bare_auto_probe']['html'])} | "
            f"{kb(s['search_raw'])} / {kb(s['search_gz'])} |"
        )
    lines += [
        "",
        "One exercise page = `"
        + (results["sizes"][0]["sizes"]["probe"]["page"] if results["sizes"] else "")
        + "`, a real exercise, at every N. Its assets: "
        + (
            ", ".join(f"`{a['path']}`" for a in results["sizes"][0]["sizes"]["probe"]["assets"])
            if results["sizes"]
            else ""
        )
        + ".",
    ]
    growth = results.get("growth") or {}
    if growth:
        lines += [
            "",
            "Growth with the catalogue (one build each):",
            "",
            "| exercises | exercise page (HTML) | exercise page median | largest exercise page |",
            "|---:|---:|---:|---:|",
        ]
        for g in growth.values():
            lines.append(
                f"| {g['exercises']} | {g['probe']['html']} bytes ({g['probe']['page']}) | "
                f"{g['exercise_html_median']:.0f} bytes | {g['exercise_html_max']} bytes |"
            )
    serves = [r for r in results["sizes"] if r["serve"]]
    if serves:
        lines += [
            "",
            "## Live reload",
            "",
            "The server runs as `make serve` runs it (`"
            + (serves[0]["serve"]["command"] if serves[0]["serve"] else "mkdocs serve")
            + " --dev-addr 127.0.0.1:PORT`, "
            "the options from build_tools/run.py, which `make serve` runs, in the temporary copy). One exercise's summary is rewritten in "
            "place; the time runs from the write until the edited page, fetched over HTTP every 20 ms, shows the new "
            "text (MkDocs holds requests while it rebuilds). Then the same for the served search index. Afterwards "
            "the served search index must list every exercise page, each page's entries once. Under `--dirty` the "
            "plugin re-renders only the pages the edit can change, MkDocs rebuilds only those, the search index is "
            "merged page by page, and file changes come from the system's notifications instead of MkDocs' "
            "half-second polling (see build_tools/plugin.py). 'plain' is `mkdocs serve --livereload`, which "
            "rebuilds every page (`--serve-plain`).",
            "",
            "| N | server | start-up until first page, s | edits | edit -> page served, s | "
            "edit -> search index updated, s | exercise pages in search index |",
            "|---:|---|---:|---:|---:|---:|---|",
        ]
        for r in serves:
            for label, s in (("make serve", r["serve"]), ("plain", r.get("serve_plain"))):
                if not s:
                    continue
                lines.append(
                    f"| {r['n']} | {label} | {s['startup']:.2f} | {s['edit']['n']} | {fmt_s(s['edit'])} | "
                    f"{fmt_s(s['index'])} | {s['search_listed']} of {s['search_expected']}"
                    f"{'' if s['search_complete'] else ' (incomplete or repeated)'} |"
                )
    lines += ["", "## Targets (issue 9)", "", "| target | measured | value | verdict |", "|---|---|---:|---|"]
    for name, detail, value, ok in evaluate(results):
        lines.append(f"| {name} | {detail} | {value} | {verdict(ok)} |")
    prof = results.get("profile")
    if prof:
        total = prof["total"]
        lines += [
            "",
            f"## Where a build's time goes (cProfile, N = {prof['n']}, one build)",
            "",
            f"Own time (tottime) summed by package, with time in C functions (regular expressions, `str.join`...) "
            f"given to the package that called them; cProfile total {total:.1f} s (profiling slows Python code "
            f"2-3x, so use the shares). Full listing: `{prof['prof']}` and its `.txt` (not committed).",
            "",
            "| package | own time, s | share |",
            "|---|---:|---:|",
        ]
        for name, seconds in prof["by_package"].items():
            if seconds / total >= 0.005:
                lines.append(f"| {name} | {seconds:.2f} | {seconds / total:.0%} |")
        lines += [
            "",
            "By phase (cumulative time of the function that does it; phases overlap where indented):",
            "",
            "| phase | calls | cumulative s | share |",
            "|---|---:|---:|---:|",
        ]
        for row in prof.get("phases", []):
            lines.append(f"| {row['phase']} | {row['calls']} | {row['cumtime']:.2f} | {row['cumtime'] / total:.0%} |")
        lines += [
            "",
            "Top of the profile by cumulative time:",
            "",
            "| function | calls | own s | cumulative s |",
            "|---|---:|---:|---:|",
        ]
        for row in prof["top"][:30]:
            lines.append(f"| `{row['func']}` | {row['ncalls']} | {row['tottime']:.2f} | {row['cumtime']:.2f} |")
        lines += [
            "",
            "The project's own functions (build_tools) by cumulative time:",
            "",
            "| function | calls | own s | cumulative s |",
            "|---|---:|---:|---:|",
        ]
        for row in prof["own"][:15]:
            lines.append(f"| `{row['func']}` | {row['ncalls']} | {row['tottime']:.2f} | {row['cumtime']:.2f} |")
    lines += ["", "## Notes", ""]
    lines += [f"- {note}" for note in results["notes"]]
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")


def notes(args: Any, results: dict[str, Any]) -> list[str]:
    """The notes under the tables: how many runs, the load average, what each baseline is."""
    runs_note = f"{args.runs} runs per build"
    if args.large_runs:
        runs_note += f", {args.large_runs} at N >= 1000"
    return [
        f"{runs_note}; the load average was "
        + ", ".join(
            f"{r['loadavg']['before'][0]:.1f} before and {r['loadavg']['after'][0]:.1f} after N = {r['n']}"
            for r in results["sizes"]
        )
        + " (others may be using this machine; compare columns measured side by side rather than absolute times).",
        "Bare Material: the same Markdown pages, captured from a project build after every plugin (generated pages, "
        "prose pages with citations and inserts expanded, abbreviations appended), with their front matter and "
        "with the figures, handouts and exercise cards written into the Markdown as HTML (the project puts those "
        "into the finished page instead, after Markdown and the search indexer: render.fill_slots), "
        "and the same other files (figures, PDF placeholders), as plain files in docs/; the same theme features "
        "(with navigation.prune), palette and Markdown extensions, "
        "search on; no hamstrings plugin, no custom_dir or extra CSS. 'bare' keeps the project's nav and "
        "not_in_nav; 'bare, auto nav' lets MkDocs list every page (the research anchors' about 6.6 s at 1,000 "
        "pages had pages in 100-page chapters and no navigation.sections; with navigation.sections every "
        "top-level section is always expanded, so prune does not help: all 1,000 exercise links land on every "
        "page).",
        "Floor: the same Markdown files rendered by Python-Markdown with the same extensions, front matter "
        "stripped, written as bare HTML; whole process (start-up included).",
        "Own work is the time inside the plugin's event handlers (everything build_tools does during a "
        "build: loading, validating, rendering, figures, slots, handout PDFs); the target compares it with the "
        "bare build's wall time ('adds at most 15% to it'), and its share of the project's own build is shown too. "
        "Handout PDFs are printed by Chromium in other processes "
        "while the handler waits, so they count as the handler's time. The peak RSS of a cold build includes "
        "Chromium's processes (GNU time reports the largest process in the tree).",
        f"Cold project builds: {args.runs} runs, {args.cold_runs_large} at N >= 1000 (each prints every handout "
        "PDF); the automatic-navigation baseline: "
        f"{args.auto_runs_large} run at N >= 1000. Live reload starts with the caches the builds left.",
    ]
