"""Rebuilding after an edit: incremental rendering, the caches, and the slots filled after the build.

The incremental renderer must give exactly what a full render gives, whatever is edited; the
caches must never hand back something other than what the data would make.
"""

from __future__ import annotations

import dataclasses
import re
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from build_tools import cache, figures, incremental, project, prose, render, urls, vocabulary
from build_tools.catalogue import Catalogue
from build_tools.loader import ParseCache, load_catalogue
from build_tools.problems import DataError
from build_tools.urls import SiteInfo

ROOT = Path(__file__).resolve().parent.parent
SITE = SiteInfo()


@pytest.fixture(scope="module")
def real() -> Catalogue:
    return project.load(ROOT)


def _replace(catalogue: Catalogue, collection: str, rid: str, **changes: object) -> Catalogue:
    records = dict(getattr(catalogue, collection))
    records[rid] = records[rid].model_copy(update=changes)
    return dataclasses.replace(catalogue, **{collection: records})


def _edits(catalogue: Catalogue) -> list:
    """Edits of every kind a page can depend on: own text, names shown elsewhere, links, doses, sources."""
    exercises = sorted(catalogue.exercises)
    routines = sorted(catalogue.routines)
    signs = sorted(catalogue.signs)
    sources = sorted(catalogue.sources)
    glossary = sorted(catalogue.glossary)
    red_flags = sorted(catalogue.red_flags)

    def exercise(c: Catalogue, i: int, what: int) -> Catalogue:
        eid = exercises[i % len(exercises)]
        ex = c.exercises[eid]
        if what == 0:
            return _replace(c, "exercises", eid, summary=ex.summary + " Edited.")
        if what == 1:
            return _replace(c, "exercises", eid, name=ex.name + " (edited)")
        if what == 2:
            others = [e for e in exercises if e != eid and e not in ex.regressions]
            return _replace(c, "exercises", eid, progressions=others[i % len(others) :][:1])
        if what == 3:
            return _replace(c, "exercises", eid, dose=ex.dose.model_copy(update={"sets": ex.dose.sets % 4 + 1}))
        return _replace(c, "exercises", eid, cues=list(reversed(ex.cues)))

    def routine(c: Catalogue, i: int, what: int) -> Catalogue:
        rid = routines[i % len(routines)]
        routine = c.routines[rid]
        if what % 2 == 0:
            return _replace(c, "routines", rid, name=routine.name + " (edited)")
        return _replace(c, "routines", rid, exercises=list(reversed(routine.exercises)))

    def sign(c: Catalogue, i: int, what: int) -> Catalogue:
        sid = signs[i % len(signs)]
        return _replace(c, "signs", sid, name=c.signs[sid].name + " (edited)")

    def source(c: Catalogue, i: int, what: int) -> Catalogue:
        sid = sources[i % len(sources)]
        if what % 2 == 0:
            return _replace(c, "sources", sid, title=c.sources[sid].title + " Edited")
        return _replace(c, "sources", sid, authors="Aaaa " + c.sources[sid].authors)  # renumbers every source

    def term(c: Catalogue, i: int, what: int) -> Catalogue:
        gid = glossary[i % len(glossary)]
        return _replace(c, "glossary", gid, definition=c.glossary[gid].definition + " Edited.")

    def red_flag(c: Catalogue, i: int, what: int) -> Catalogue:
        fid = red_flags[i % len(red_flags)]  # every routine page names the urgent ones, listed by it or not
        return _replace(c, "red_flags", fid, name=c.red_flags[fid].name + " (edited)")

    return [exercise, routine, sign, source, term, red_flag]


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(steps=st.lists(st.tuples(st.integers(0, 5), st.integers(0, 200), st.integers(0, 4)), min_size=1, max_size=4))
def test_incremental_render_equals_a_full_render(real: Catalogue, steps: list[tuple[int, int, int]]) -> None:
    renderer = incremental.PageRenderer()
    first = renderer.render(real, SITE)
    assert first.full and first.pages == render.render_pages(real, SITE)
    catalogue = real
    edits = _edits(real)
    for kind, index, what in steps:
        catalogue = edits[kind](catalogue, index, what)
        result = renderer.render(catalogue, SITE)
        assert result.pages == render.render_pages(catalogue, SITE)


@pytest.fixture
def rendered(monkeypatch: pytest.MonkeyPatch) -> set[str]:
    """The src_uris of the exercise and routine pages the renderer asks ``render`` for."""
    asked: set[str] = set()
    exercise_pages, routine_pages = render.render_exercise_pages, render.render_routine_pages

    def exercises(catalogue, ids):
        ids = list(ids)
        asked.update(urls.exercise_uri(i) for i in ids)
        return exercise_pages(catalogue, ids)

    def routines(catalogue, ids, site=SITE):
        ids = list(ids)
        asked.update(urls.routine_uri(i) for i in ids)
        return routine_pages(catalogue, ids, site)

    monkeypatch.setattr(render, "render_exercise_pages", exercises)
    monkeypatch.setattr(render, "render_routine_pages", routines)
    return asked


def test_one_edit_renders_only_what_it_can_change(real: Catalogue, rendered: set[str]) -> None:
    renderer = incremental.PageRenderer()
    renderer.render(real, SITE)
    eid = next(
        e
        for e, ex in real.exercises.items()
        if any(item.exercise == e for r in real.routines.values() for item in r.exercises)
    )
    edited = _replace(real, "exercises", eid, summary="A new summary for the test.")
    rendered.clear()
    result = renderer.render(edited, SITE)
    assert not result.full
    assert urls.exercise_uri(eid) in rendered
    using = {urls.routine_uri(rid) for rid, r in real.routines.items() if any(i.exercise == eid for i in r.exercises)}
    assert using <= rendered  # the routines showing it
    exercise_pages = {urls.exercise_uri(e) for e in real.exercises}
    assert len(exercise_pages & rendered) < len(exercise_pages)  # not every exercise page
    assert result.pages[urls.exercise_uri(eid)] != renderer.render(real, SITE).pages[urls.exercise_uri(eid)]


def test_a_source_shown_through_an_exercise_renders_the_routines_again(real: Catalogue) -> None:
    """Two hops: a routine page lists its exercises' dose sources, which the routine itself need not name."""
    reached = sorted(
        {
            (sid, rid)
            for rid, routine in real.routines.items()
            for item in routine.exercises
            for sid in real.exercises[item.exercise].dose.sources
            if sid not in incremental._mentions(routine)
        }
    )
    assert reached, "the real data has such a source"
    for sid, rid in reached:
        edited = _replace(real, "sources", sid, title=real.sources[sid].title + " Edited")
        renderer = incremental.PageRenderer()
        renderer.render(real, SITE)
        result = renderer.render(edited, SITE)
        assert not result.full
        assert result.pages[urls.routine_uri(rid)] == render.render_pages(edited, SITE)[urls.routine_uri(rid)], sid


def test_an_exercise_edit_does_not_render_pages_two_hops_away(real: Catalogue, rendered: set[str]) -> None:
    """Of an exercise, a page shows only what names it or what it names: not the pages of the exercises
    that name the same harder exercise (two hops away), which a summary edit used to render again."""
    mentions = {eid: incremental._mentions(ex) for eid, ex in real.exercises.items()}
    two_away = {
        (eid, harder, other)
        for eid, ex in real.exercises.items()
        for harder in ex.progressions
        for other, found in mentions.items()
        if harder in found and other != eid and eid not in found and other not in mentions[eid]
    }
    assert two_away, "the real data has an exercise two hops from another"
    eid, harder, _ = sorted(two_away)[0]
    renderer = incremental.PageRenderer()
    renderer.render(real, SITE)
    rendered.clear()
    edited = _replace(real, "exercises", eid, summary="A new summary for the test.")
    result = renderer.render(edited, SITE)
    assert {urls.exercise_uri(eid), urls.exercise_uri(harder)} <= rendered
    assert not {urls.exercise_uri(other) for e, _, other in two_away if e == eid} & rendered
    assert result.pages == render.render_pages(edited, SITE)


def test_a_new_record_or_a_new_site_address_renders_everything(real: Catalogue, rendered: set[str]) -> None:
    renderer = incremental.PageRenderer()
    renderer.render(real, SITE)
    rendered.clear()
    again = renderer.render(real, SITE)
    assert not again.full and rendered == set()  # nothing changed: only the catalogue-wide pages
    assert renderer.render(real, SiteInfo(url="https://elsewhere.example/")).full
    base = sorted(real.exercises)[0]
    added = dataclasses.replace(
        real,
        exercises={
            **real.exercises,
            "added-for-test": real.exercises[base].model_copy(update={"name": "Added for the test"}),
        },
        paths={**real.paths, ("exercises", "added-for-test"): "exercises/added-for-test.yml"},
    )
    result = renderer.render(added, SITE)
    assert result.full and urls.exercise_uri("added-for-test") in result.pages


def _slot_edits(catalogue: Catalogue) -> list:
    """Edits of everything a slot is drawn from: an exercise's text, name, level, kind, equipment and figure,
    a routine, a red flag, a source, a self-test's figure, the safety rules."""
    exercises = sorted(catalogue.exercises)
    eid, other = exercises[0], exercises[-1]
    ex = catalogue.exercises[eid]
    pose = ex.figure.poses[-1]
    figure = ex.figure.model_copy(
        update={"poses": [*ex.figure.poses[:-1], pose.model_copy(update={"hip": pose.hip + 3})]}
    )
    rid = sorted(catalogue.routines)[0]
    fid = sorted(catalogue.red_flags)[0]
    tid = next(t for t, test in sorted(catalogue.self_tests.items()) if test.figure is not None)
    test_figure = catalogue.self_tests[tid].figure
    assert test_figure is not None
    test_pose = test_figure.poses[0]
    moved = test_figure.model_copy(update={"poses": [test_pose.model_copy(update={"knee": test_pose.knee + 5})]})
    kinds = [k for k in vocabulary.KINDS if k != catalogue.exercises[other].kind]
    levels = [v for v in vocabulary.LEVELS if v != ex.level]
    safety_rules = catalogue.safety_rules
    return [
        lambda c: _replace(c, "exercises", eid, summary="A new summary for the slot test."),
        lambda c: _replace(c, "exercises", other, name="Renamed for the slot test"),
        lambda c: _replace(c, "exercises", eid, level=levels[0]),
        lambda c: _replace(c, "exercises", other, kind=kinds[0]),
        lambda c: _replace(c, "exercises", eid, equipment=["none"]),
        lambda c: _replace(c, "exercises", eid, figure=figure),
        lambda c: _replace(c, "routines", rid, name=c.routines[rid].name + " (edited)"),
        lambda c: _replace(c, "red_flags", fid, name=c.red_flags[fid].name + " (edited)"),
        lambda c: _replace(c, "sources", sorted(c.sources)[0], title="Retitled for the slot test"),
        lambda c: _replace(c, "self_tests", tid, figure=moved),
        lambda c: dataclasses.replace(
            c, safety=safety_rules.model_copy(update={"stop_now": safety_rules.stop_now[1:]})
        ),
    ]


def test_kept_slots_equal_freshly_filled_ones_after_every_edit(
    real: Catalogue, monkeypatch: pytest.MonkeyPatch
) -> None:
    from build_tools import slots

    pages = dict(render.render_pages(real, SITE))
    for path in (ROOT / "content").rglob("*.md"):  # the hand-written pages' inserts hold slots too
        uri = path.relative_to(ROOT / "content").as_posix()
        pages[uri] = prose.expand(path.read_text(encoding="utf-8"), real, uri)
    markers = sorted({(m.group(0), uri) for uri, text in pages.items() for m in slots.SLOT.finditer(text)})
    assert {slots.SLOT.fullmatch(m)["kind"] for m, _ in markers} >= {  # type: ignore[index]
        "moving-figure",
        "figure",
        "exercise-print",
        "handout",
        "exercise-cards",
        "exercise-browse",
        "self-test-figure",
    }
    memo = slots.SlotMemo()
    memo.start(incremental.template_stamps())
    catalogue, site = real, SITE
    for marker, uri in markers:
        assert memo.fill(marker, catalogue, site, uri) == slots.fill_slots(marker, catalogue, site, uri)
    filled: list[tuple[str, str]] = []
    for kind, filler in list(slots._SLOT_FILLERS.items()):
        monkeypatch.setitem(
            slots._SLOT_FILLERS, kind, lambda *a, _f=filler, _k=kind: filled.append((_k, a[3])) or _f(*a)
        )
    for step, edit in enumerate([*_slot_edits(real), lambda c: c]):
        catalogue = edit(catalogue)
        site = SiteInfo(url="https://hamstrings.test/") if step == 3 else site  # the site's address, once
        memo.start(incremental.template_stamps())
        refilled: list[tuple[str, str]] = []
        for marker, uri in markers:
            filled.clear()
            kept = memo.fill(marker, catalogue, site, uri)
            refilled += filled
            assert kept == slots.fill_slots(marker, catalogue, site, uri), (step, marker, uri)
        if step == 0:  # a summary: its own figures, its kind's cards and the whole-catalogue slots; no browse list
            edited = sorted(real.exercises)[0]
            kinds = {kind for kind, _ in refilled}
            assert {"moving-figure", "exercise-cards", "handout"} <= kinds and "exercise-browse" not in kinds
            assert {arg for kind, arg in refilled if "figure" in kind or kind == "exercise-print"} == {edited}
    assert refilled == [], "nothing changed in the last step: every slot is kept"
    memo.start((("a template", 1),))  # a template edited under serve: every slot is filled again
    filled.clear()
    for marker, uri in markers:
        memo.fill(marker, catalogue, site, uri)
    assert len(filled) == len(markers)


def test_kept_expansions_equal_fresh_ones_after_every_edit(real: Catalogue, monkeypatch: pytest.MonkeyPatch) -> None:
    """A hand-written page is expanded again when its text, a catalogue field it read or a template changed."""
    pages = {
        path.relative_to(ROOT / "content").as_posix(): path.read_text(encoding="utf-8")
        for path in (ROOT / "content").rglob("*.md")
    }
    kept = prose.KeptExpansions()
    templates = incremental.template_stamps()
    for uri, text in pages.items():
        kept.expand(text, real, uri, templates)
    expanded: list[str] = []
    fresh = prose.expand
    monkeypatch.setattr(prose, "expand", lambda text, c, uri: expanded.append(uri) or fresh(text, c, uri))
    catalogue = real
    edits = [*_slot_edits(real), *(lambda c, e=e, i=i: e(c, i, i) for i, e in enumerate(_edits(real)))]
    for step, edit in enumerate(edits):
        catalogue = edit(catalogue)
        expanded.clear()
        for uri, text in pages.items():
            assert kept.expand(text, catalogue, uri, templates) == fresh(text, catalogue, uri), (step, uri)
        if step == 0:  # an exercise's summary: only the pages that show exercises are expanded again
            assert 0 < len(expanded) < len(pages)
    expanded.clear()
    uri, text = next(iter(pages.items()))
    assert kept.expand(text + "\nMore.\n", catalogue, uri, templates) == fresh(text + "\nMore.\n", catalogue, uri)
    kept.expand(text, catalogue, uri, (("a template", 1),))
    assert len(expanded) == 2, "the page's own text and a template edit each expand it again"


# -- caches ------------------------------------------------------------------------------


def test_parse_cache_gives_the_same_catalogue_and_still_finds_errors(mini: Path, tmp_path: Path) -> None:
    parsed = ParseCache()
    assert load_catalogue(mini, cache=parsed) == load_catalogue(mini)
    entries = parsed.entries()
    cache.write(tmp_path / "yaml.cache", "code", entries)
    saved = cache.read(tmp_path / "yaml.cache", "code")
    assert saved == entries and len(saved) == len(entries)
    again = ParseCache(saved)
    assert load_catalogue(mini, cache=again) == load_catalogue(mini)
    # An edited file is parsed afresh: its new error is found, with its line.
    path = mini / "exercises" / "bridge.yml"
    path.write_text(path.read_text(encoding="utf-8").replace("name:", "nmae:", 1), encoding="utf-8")
    with pytest.raises(Exception) as raised:
        load_catalogue(mini, cache=again)
    assert "exercises/bridge.yml" in str(raised.value) and "nmae" in str(raised.value)


def test_figure_checks_are_kept_by_the_whole_figure_and_an_edit_reaches_them(
    mini: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from build_tools import loader

    parsed = ParseCache()
    load_catalogue(mini, cache=parsed)
    calls: list[int] = []
    real_sliding = loader.sliding_contacts
    monkeypatch.setattr(
        loader, "sliding_contacts", lambda poses, sliding: calls.append(1) or real_sliding(poses, sliding)
    )
    load_catalogue(mini, cache=parsed)
    assert calls == [], "no figure changed: none is checked again"
    path = mini / "exercises" / "bridge.yml"
    good = path.read_text(encoding="utf-8")
    assert "      hip: 8\n" in good
    path.write_text(good.replace("      hip: 8\n", "      hip: 60\n", 1), encoding="utf-8")
    with pytest.raises(DataError) as raised:
        load_catalogue(mini, cache=parsed)
    assert calls == [1], "only the edited figure is checked again"
    assert any(p.path == "exercises/bridge.yml" and p.field.startswith("figure.poses.1") for p in raised.value.problems)
    path.write_text(good, encoding="utf-8")
    assert load_catalogue(mini, cache=parsed) == load_catalogue(mini), "fixed again: no kept problem stays"


def test_cache_files_from_other_code_or_damaged_are_ignored(tmp_path: Path) -> None:
    path = tmp_path / "c.cache"
    cache.write(path, "code-1", {"a": 1})
    assert cache.read(path, "code-1") == {"a": 1}
    assert cache.read(path, "code-2") == {}
    path.write_bytes(b"not a cache")
    assert cache.read(path, "code-1") == {}
    assert cache.read(tmp_path / "missing.cache", "code-1") == {}


def test_a_cached_drawing_serves_every_page_with_its_own_ids(mini: Path) -> None:
    catalogue = load_catalogue(mini)
    exercise = catalogue.exercises["bridge"]
    direct = figures._figure_svg("x-bridge", exercise, False)
    drawings = figures.Drawings()
    assert figures.figure_svg("x-bridge", exercise) == direct
    assert figures.figure_svg("x-bridge", exercise, drawings=drawings) == direct
    assert figures.figure_svg("y-bridge", exercise, drawings=drawings) == direct.replace("x-bridge", "y-bridge")
    entries = drawings.entries()
    assert len(entries) == 1 and all(figures._UID in svg for svg in entries.values())
    assert drawings.entries() == {}, "a drawing no page asked for since the last save is dropped"


def test_warm_build_reuses_caches_and_gives_the_same_site(mini: Path, tmp_path: Path) -> None:
    from conftest import mkdocs_build

    first, second = tmp_path / "one", tmp_path / "two"
    assert mkdocs_build(mini, first).returncode == 0
    assert (mini / ".cache/hamstrings/yaml.cache").is_file() and (mini / ".cache/hamstrings/figures.cache").is_file()
    assert mkdocs_build(mini, second).returncode == 0
    differ = [
        p.relative_to(first)
        for p in first.rglob("*")
        if p.is_file() and p.read_bytes() != (second / p.relative_to(first)).read_bytes()
    ]
    assert differ == []


# -- slots ---------------------------------------------------------------------------------


def test_slots_are_filled_and_data_cannot_write_one(mini: Path) -> None:
    catalogue = load_catalogue(mini)
    pages = render.render_pages(catalogue)
    page = pages["exercises/bridge.md"]
    assert "<!-- hs-slot: moving-figure bridge -->" in page and "<svg" not in page
    filled = render.fill_slots(page, catalogue, SITE, "exercises/bridge.md")
    assert "<!-- hs-slot:" not in filled and 'aria-labelledby="f-bridge-t f-bridge-d"' in filled
    # A marker typed into a text field is refused by the loader (no HTML comments in plain text).
    path = mini / "exercises" / "bridge.yml"
    text = path.read_text(encoding="utf-8")
    path.write_text(re.sub(r"(?m)^summary:.*$", "summary: '<!-- hs-slot: handout starter -->'", text), encoding="utf-8")
    with pytest.raises(DataError) as raised:
        load_catalogue(mini)
    assert any(p.field == "summary" and "HTML" in p.message for p in raised.value.problems)
