"""The pose page under `make serve` (build_tools/serve/poses.py): angles in, the build's SVG and checks out."""

from __future__ import annotations

import json
import re
import types
from pathlib import Path

import pytest

from build_tools import figures, kinematics, loader, models, project
from build_tools.serve import poses
from conftest import MINI

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture(scope="module")
def catalogue():
    return project.load(MINI)


@pytest.fixture(scope="module")
def pages(catalogue) -> poses.PosePages:
    return poses.PosePages(lambda: catalogue)


def _json(pages: poses.PosePages, path: str, query: str = "") -> dict:
    status, content_type, body = pages.answer(path, query)
    assert status == "200 OK", body
    assert content_type.startswith("application/json")
    return json.loads(body)


def test_angles_in_give_the_builds_own_drawing_and_yaml(pages, catalogue) -> None:
    exercise = catalogue.exercises["stretch"]
    before = _json(pages, "/_pose/stretch/draw")
    moved = _json(pages, "/_pose/stretch/draw", "p2.hip=60&p1.shoulder=50")
    assert before["svg"] == figures.figure_svg("pose-stretch", exercise, standalone=True)  # one home for drawing
    assert moved["svg"] != before["svg"]
    figure = poses.moved_figure(exercise.figure, {(2, "hip"): 60, (1, "shoulder"): 50})
    assert figure.poses[1].hip == 60 and figure.poses[0].shoulder == 50
    assert moved["svg"] == figures.figure_svg(
        "pose-stretch", exercise.model_copy(update={"figure": figure}), standalone=True
    )
    assert "hip: 60" in moved["yaml"] and "shoulder: 50" in moved["yaml"]
    assert moved["alt"] and "<" not in moved["alt"]


def test_the_checks_are_the_builds_checks(pages, catalogue) -> None:
    assert _json(pages, "/_pose/stretch/draw")["checks"] == []
    # The back flat on the floor with the hip bent up: the build refuses this trunk angle.
    answer = _json(pages, "/_pose/stretch/draw", "p1.trunk=-40")
    figure = poses.moved_figure(catalogue.exercises["stretch"].figure, {(1, "trunk"): -40})
    build = list(loader.exercise_figure_problems("stretch", figure))
    assert build, "the moved pose should fail a check"
    assert len(answer["checks"]) == len(build)
    assert all(message in shown for (_, message), shown in zip(build, answer["checks"], strict=True))
    assert answer["checks"][0].startswith("pose 1 (Start)")


def test_unchanged_yaml_is_the_files_block_and_a_pasted_block_loads_as_drawn(tmp_path: Path, catalogue) -> None:
    file = MINI / "exercises" / "stretch.yml"
    text = file.read_text(encoding="utf-8")
    exercise = catalogue.exercises["stretch"]
    assert poses.figure_yaml(poses.moved_figure(exercise.figure, {})) in text
    angles = {(1, "knee"): 12, (2, "other_hip"): 5, (2, "shoulder"): 90}
    moved = poses.moved_figure(exercise.figure, angles)
    block = poses.figure_yaml(moved)
    start = text.index("figure:\n")
    end = re.search(r"^\S", text[start + 8 :], flags=re.M)
    assert end is not None
    pasted = text[:start] + block + text[start + 8 + end.start() :]
    (tmp_path / "exercises").mkdir()
    (tmp_path / "exercises" / "stretch.yml").write_text(pasted, encoding="utf-8")
    record, problems = loader.read_record(tmp_path, "exercises/stretch.yml", models.Exercise)
    assert problems == [] and isinstance(record, models.Exercise)
    assert record.figure == moved
    assert kinematics.angles_of(record.figure.poses[0])["knee"] == 12
    assert record.figure.poses[1].other_hip == 5


def test_the_other_leg_is_written_only_when_it_differs(catalogue) -> None:
    figure = catalogue.exercises["stretch"].figure  # no other_knee in the file: it follows the knee
    assert "other_knee" not in poses.figure_yaml(poses.moved_figure(figure, {}))
    same = poses.moved_figure(figure, {(1, "knee"): 20, (1, "other_knee"): 20})
    assert "other_knee" not in poses.figure_yaml(same).split("- label: Stretch")[0]
    differs = poses.moved_figure(figure, {(1, "knee"): 20, (1, "other_knee"): 0})
    assert "other_knee: 0" in poses.figure_yaml(differs)


@pytest.mark.parametrize(
    ("query", "message"),
    [
        ("p1.hip=<script>alert(1)</script>", "p1.hip: give a whole number of degrees from -30 to 140"),
        ("p1.hip=141", "p1.hip: give a whole number of degrees from -30 to 140"),
        ("p1.hip=1.5", "p1.hip: give a whole number of degrees from -30 to 140"),
        ("p1.<img src=x>=3", "unknown field: fields are p<pose number>.<joint angle>, e.g. p1.hip"),
        ("p1.label=3", "unknown field: fields are p<pose number>.<joint angle>, e.g. p1.hip"),
        ("p3.hip=10", "this figure has 2 poses: p3 is not one"),
        ("p1.hip=" + "1" * 5000, "the request is too long"),
    ],
)
def test_bad_input_is_refused_in_plain_words_never_reflected(pages, query: str, message: str) -> None:
    for action in ("draw", "", "figure.svg"):
        status, content_type, body = pages.answer(f"/_pose/stretch/{action}", query)
        assert status == "400 Bad Request"
        assert content_type == "text/plain; charset=utf-8"
        assert body.decode("utf-8") == message + "\n"
        assert b"<script" not in body and b"<img" not in body and b"x>" not in body


def test_unknown_figures_and_other_paths(pages) -> None:
    assert pages.answer("/exercises/stretch/", "") is None  # MkDocs answers the site
    status, content_type, body = pages.answer("/_pose/<b>nope</b>/", "")
    assert status == "404 Not Found" and content_type.startswith("text/plain") and b"<b>" not in body
    assert pages.answer("/_pose/stretch/../../etc/passwd", "")[0] == "404 Not Found"
    assert pages.answer("/_pose/stretch/delete", "")[0] == "404 Not Found"
    waiting = poses.PosePages(lambda: None).answer("/_pose/stretch/", "")
    assert waiting is not None and waiting[0] == "503 Service Unavailable"


def test_the_page_has_a_labelled_slider_per_angle_with_the_models_range(pages, catalogue) -> None:
    status, content_type, body = pages.answer("/_pose/stretch/", "p2.hip=60")
    page = body.decode("utf-8")
    assert status == "200 OK" and content_type.startswith("text/html")
    sliders = re.findall(
        r'<input type="range" id="([^"]+)" name="\1" min="(-?\d+)" max="(-?\d+)"[^>]*value="(-?\d+)"', page
    )
    figure = catalogue.exercises["stretch"].figure
    assert len(sliders) == len(figure.poses) * len(poses.ANGLE_NAMES)
    for name, low, high, value in sliders:
        field = name.split(".", 1)[1]
        assert (int(low), int(high)) == kinematics.angle_range(field)
        assert f'<label for="{name}">' in page
        assert f'aria-valuetext="{value} degrees"' in page
    assert ("p2.hip", "-30", "140", "60") in sliders  # the query's value, not the file's
    assert 'src="figure.svg?p2.hip=60"' in page
    assert "hip: 60" in page  # the YAML box
    assert '<a href="/exercises/stretch/">The exercise page</a>' in page
    assert "http://" not in page and "https://" not in page  # nothing from another host


def test_the_index_lists_every_exercise_figure(pages, catalogue) -> None:
    page = pages.answer("/_pose/", "")[2].decode("utf-8")
    for eid in catalogue.exercises:
        assert f'href="/_pose/{eid}/"' in page


def test_the_page_script_and_style_are_served_with_a_strict_policy(catalogue) -> None:
    sent: list[tuple[str, list[tuple[str, str]]]] = []

    class Server:
        app = staticmethod(lambda environ, start_response: [b"mkdocs"])

        def get_app(self):
            return self.app

        def set_app(self, app):
            self.app = app

    server = Server()
    config = types.SimpleNamespace(
        site_url="https://hamstrings.test/", dev_addr="127.0.0.1:8000", use_directory_urls=True
    )
    assert poses.watch(server, lambda: catalogue, config).endswith("http://127.0.0.1:8000/_pose/")
    body = server.app({"PATH_INFO": "/_pose/pose_page.js", "REQUEST_METHOD": "GET"}, lambda s, h: sent.append((s, h)))
    assert b"fetch(" in body[0] and sent[-1][0] == "200 OK"
    headers = dict(sent[-1][1])
    assert headers["Content-Type"].startswith("text/javascript")
    assert (
        "script-src 'self'" in headers["Content-Security-Policy"] and "unsafe" not in headers["Content-Security-Policy"]
    )
    assert headers["X-Content-Type-Options"] == "nosniff"
    assert server.app({"PATH_INFO": "/index.html", "REQUEST_METHOD": "GET"}, lambda s, h: None) == [b"mkdocs"]
    script = (ROOT / "build_tools/serve/pose_page.js").read_text(encoding="utf-8")
    assert "Math.sin" not in script and "Math.cos" not in script  # no copy of the kinematics in the browser
