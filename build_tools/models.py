"""Typed records for every YAML file: exercises, signs, self-tests, red flags, routines, sources.

Second stop in the flow: ``loader.py`` reads YAML and hands plain dicts to these
pydantic v2 models. Unknown keys are forbidden and types are strict (``"12"`` is not
a number), so every mistake an editor can make becomes a validation error that the
loader turns into ``path:line:col: field: message``. Cross-references between files
(an exercise's sources, a routine's exercises) are checked by the loader, which sees
every file at once. The field descriptions become hover help in editors through the
JSON Schema exported from these models.
"""

from __future__ import annotations

import datetime as dt
import re
from typing import TYPE_CHECKING, Annotated, Literal

from pydantic import (
    AfterValidator,
    BaseModel,
    ConfigDict,
    Field,
    PrivateAttr,
    StringConstraints,
    ValidationInfo,
    field_validator,
    model_validator,
)

from . import fields
from . import vocabulary as vocab

# ---------------------------------------------------------------------------
# Scalar types

SLUG_PATTERN = r"^[a-z0-9]+(?:-[a-z0-9]+)*$"

_TAG = re.compile(r"<[/!?]?[A-Za-z]|<!--")
"""An HTML tag or comment: plain text never needs one, and a comment could pose as a slot marker."""


def _plain_text(value: str) -> str:
    """Refuse characters that are not text, collapse whitespace and refuse anything that looks like an HTML tag."""
    fields.check_text(value)
    value = " ".join(value.split())
    if _TAG.search(value):
        raise ValueError(
            "HTML tags are not allowed; write plain text (for a comparison write 'less than' or put a space after '<')"
        )
    if not value:
        raise ValueError("must not be empty")
    if value.startswith("TODO"):
        raise ValueError("still the template's TODO placeholder: write the real text in its place")
    return value


Slug = Annotated[
    str,
    Field(pattern=SLUG_PATTERN, description="An id: lower-case letters, digits and single hyphens."),
]
IDS_KEY = "x-ids"
"""Marks a field that names records of another folder; ``schema`` replaces it with the known ids (``enum``)."""
SourceId = Annotated[Slug, Field(json_schema_extra={IDS_KEY: "sources"})]
"""The id of a source: the name of a file in data/sources/, without '.yml'."""
ExerciseId = Annotated[Slug, Field(json_schema_extra={IDS_KEY: "exercises"})]
"""The id of an exercise: the name of a file in exercises/, without '.yml'."""
SignId = Annotated[Slug, Field(json_schema_extra={IDS_KEY: "signs"})]
"""The id of a sign: the name of a file in data/signs/, without '.yml'."""
Line = Annotated[str, StringConstraints(min_length=2, max_length=300), AfterValidator(_plain_text)]
"""One line of plain text (a cue, a caution, a title)."""
Text = Annotated[str, StringConstraints(min_length=2, max_length=1500), AfterValidator(_plain_text)]
"""A sentence or short paragraph of plain text."""
Title = Annotated[
    str, StringConstraints(min_length=3, max_length=90), AfterValidator(fields.check_name), AfterValidator(_plain_text)
]
"""A name or title: plain text with no zero-width characters (duplicates are compared by ``fields.name_key``)."""
Doi = Annotated[str, AfterValidator(fields.check_doi), Field(json_schema_extra={"pattern": fields.DOI_PATTERN})]
Pmid = Annotated[str, AfterValidator(fields.check_pmid), Field(json_schema_extra={"pattern": fields.PMID_PATTERN})]
Pmcid = Annotated[str, AfterValidator(fields.check_pmcid), Field(json_schema_extra={"pattern": fields.PMCID_PATTERN})]
Isbn = Annotated[str, AfterValidator(fields.check_isbn), Field(json_schema_extra={"pattern": fields.ISBN_PATTERN})]
Url = Annotated[str, AfterValidator(fields.check_url), Field(json_schema_extra={"pattern": r"^https://[^\s<>\"]+$"})]
"""Identifiers and addresses: checked (and later percent-encoded into links) by ``fields``."""

if TYPE_CHECKING:  # the choices come from vocabulary.py at run time, which a type checker cannot read
    Muscle = str
    Equipment = str
else:
    Muscle = Literal[tuple(vocab.MUSCLES)]
    Equipment = Literal[tuple(vocab.EQUIPMENT)]


class Record(BaseModel):
    """Base for every record: unknown keys are errors and values are not coerced."""

    model_config = ConfigDict(extra="forbid", strict=True, frozen=True)


class Registration(Record):
    """A clinician's professional registration, so a reader can check it."""

    body: Line = Field(description="The body that holds the register, e.g. 'HCPC' (UK) or a US state board.")
    number: Line = Field(description="The registration or licence number, e.g. 'PH123456'.")


class Reviewer(Record):
    """A named clinician who signed the page off by pull request. Never invent one."""

    name: Line = Field(description="The clinician's full name, as on their register.")
    profession: Line = Field(description="Their profession, e.g. 'Physiotherapist' or 'General practitioner'.")
    registration: Registration = Field(description="Where they are registered, and their number.")


class Review(Record):
    """When the record was last checked, by whom, and when it must be checked again."""

    last_reviewed: dt.date = Field(
        description="Date the page was last checked against its sources (and signed off, if reviewed_by is set), "
        "YYYY-MM-DD."
    )
    next_review: dt.date = Field(description="Date the next review is due, YYYY-MM-DD (at most a year later).")
    reviewed_by: Reviewer | None = Field(
        default=None,
        description="The clinician who signed this page off on last_reviewed: name, profession and registration "
        "{body, number}. Only that clinician adds it, in their own pull request; never fill it in for someone "
        "else. Leave it out until then: the page says it is not yet reviewed by a clinician.",
    )

    @field_validator("next_review")
    @classmethod
    def _after_last_review(cls, value: dt.date, info: ValidationInfo) -> dt.date:
        last = info.data.get("last_reviewed")
        if last is not None and value <= last:
            raise ValueError("next_review must be after last_reviewed")
        if last is not None and (value - last).days > 366:
            raise ValueError("next_review must be at most a year after last_reviewed")
        return value


# ---------------------------------------------------------------------------
# Exercises


class Muscles(Record):
    primary: list[Muscle] = Field(min_length=1, description="Muscles that do most of the work.")
    secondary: list[Muscle] = Field(default_factory=list, description="Muscles that help.")


Sets = Annotated[int, Field(ge=1, le=10)]
Reps = Annotated[int, Field(ge=1, le=50)]
HoldSeconds = Annotated[int, Field(ge=5, le=300)]
DaysPerWeek = Annotated[int, Field(ge=1, le=7)]
"""The limits of each dose number, shared by a dose, its adjustable bounds and a routine's changes."""


def _low_not_above_high(value: list[int]) -> list[int]:
    if value[0] > value[1]:
        raise ValueError(f"[lowest, highest]: {value[0]} is above {value[1]}")
    return value


def _bounds(kind: object, what: str) -> object:
    """[lowest, highest], each inside the same limits as the dose's own field."""
    return Annotated[
        list[kind],  # type: ignore[valid-type]
        Field(min_length=2, max_length=2, description=f"[lowest, highest] {what}."),
        AfterValidator(_low_not_above_high),
    ]


class DoseBounds(Record):
    """How far a clinician may adjust a dose (in the handout builder), within what the sources support."""

    sets: _bounds(Sets, "sets") | None = Field(default=None, description="[lowest, highest] sets.")  # type: ignore[valid-type]
    reps: _bounds(Reps, "reps") | None = Field(default=None, description="[lowest, highest] reps.")  # type: ignore[valid-type]
    hold_seconds: _bounds(HoldSeconds, "hold seconds") | None = Field(  # type: ignore[valid-type]
        default=None, description="[lowest, highest] hold seconds."
    )
    days_per_week: _bounds(DaysPerWeek, "days per week") | None = Field(  # type: ignore[valid-type]
        default=None, description="[lowest, highest] days per week."
    )


class Dose(Record):
    """How much to do. Give either ``reps`` or ``hold_seconds``, and the sources of the numbers."""

    sets: Sets = Field(description="Number of sets (or, for a stretch, repetitions of the hold).")
    reps: Reps | None = Field(default=None, description="Repetitions per set. Leave out for holds.")
    hold_seconds: HoldSeconds | None = Field(
        default=None,
        validate_default=True,
        description="Seconds to hold each repetition (stretches, holds).",
    )
    rest_seconds: int = Field(ge=0, le=600, description="Rest between sets, in seconds.")
    per_side: bool = Field(description="true if the dose is done on each leg in turn.")
    days_per_week: DaysPerWeek = Field(description="How many days a week.")
    tempo: Line | None = Field(default=None, description="How fast to move, e.g. 'lower for 3 seconds'.")
    sources: list[SourceId] = Field(
        min_length=1,
        description="Ids of the sources (files in data/sources/) that give these numbers: sets, reps or hold, rest "
        "and days a week. Each must also be in the exercise's own sources list.",
    )
    adjustable: DoseBounds | None = Field(
        default=None,
        description="Optional. How far a clinician may change this dose in the handout builder: for any of sets, "
        "reps, hold_seconds and days_per_week, a [lowest, highest] pair that the dose's own sources support and "
        "that includes the dose's number, e.g. adjustable: {sets: [2, 3], reps: [8, 12]}. Leave out to keep the "
        "dose fixed.",
    )

    @field_validator("adjustable")
    @classmethod
    def _bounds_hold_the_dose(cls, value: DoseBounds | None, info: ValidationInfo) -> DoseBounds | None:
        if value is None:
            return value
        for name in ("sets", "reps", "hold_seconds", "days_per_week"):
            bounds, default = getattr(value, name), info.data.get(name)
            if bounds is None:
                continue
            if default is None:
                raise ValueError(f"adjustable.{name} is given but the dose has no {name}")
            low, high = bounds
            if not low <= default <= high:
                raise ValueError(f"adjustable.{name} [{low}, {high}] must include the dose's {name} ({default})")
        return value

    @field_validator("hold_seconds")
    @classmethod
    def _reps_or_hold(cls, value: int | None, info: ValidationInfo) -> int | None:
        if "reps" in info.data and (info.data["reps"] is None) == (value is None):
            raise ValueError("give either reps or hold_seconds (exactly one of them)")
        return value


class Pose(Record):
    """One key position of the body, seen from the side with the person facing right.

    Joint angles are in degrees. Zero is standing tall: trunk upright, hips and knees
    straight, foot at a right angle to the shin, arms by the sides.
    """

    label: Annotated[
        str,
        StringConstraints(min_length=2, max_length=24),
        AfterValidator(fields.check_name),
        AfterValidator(_plain_text),
    ] = Field(description="Short name shown under the drawing, e.g. 'Start' or 'Lowest point'.")
    trunk: int = Field(
        ge=-180,
        le=180,
        description="Trunk angle from upright: 0 upright, 45 leaning forward, 90 flat face down, -90 flat on the back.",
    )
    hip: int = Field(ge=-30, le=140, description="Working hip: 0 straight, positive bends the thigh forward (flexion).")
    knee: int = Field(ge=-5, le=155, description="Working knee: 0 straight, positive bends it (flexion).")
    ankle: int = Field(
        default=0,
        ge=-30,
        le=50,
        description="Working ankle: 0 at a right angle, positive points the toes (plantarflexion).",
    )
    other_hip: int | None = Field(
        default=None, ge=-30, le=140, description="Other hip, if it differs from the working hip."
    )
    other_knee: int | None = Field(default=None, ge=-5, le=155, description="Other knee, if it differs.")
    other_ankle: int | None = Field(default=None, ge=-30, le=50, description="Other ankle, if it differs.")
    toes: int = Field(
        default=0,
        ge=-40,
        le=90,
        description="Working toes at the ball of the foot: 0 in line with the sole, positive bends them up (tucked "
        "under when kneeling or on tiptoe, about 60-90), negative curls them down (pointed).",
    )
    other_toes: int | None = Field(default=None, ge=-40, le=90, description="Other toes, if they differ.")
    neck: int = Field(
        default=0,
        ge=-30,
        le=60,
        description="Neck: 0 in line with the trunk, positive tips the head forward (chin to chest).",
    )
    shoulder: int = Field(
        default=0, ge=-60, le=180, description="Shoulders: 0 arms by the sides, 90 reaching forward, 180 overhead."
    )
    elbow: int = Field(default=0, ge=0, le=150, description="Elbows: 0 straight, positive bends them.")
    wrist: int = Field(
        default=0,
        ge=-80,
        le=80,
        description="Wrists: 0 the hand in line with the forearm, positive bends the hand back (as when the palm "
        "is flat on the floor with the arm reaching down), negative bends it towards the palm.",
    )
    head_on: Literal["hands", "forearms"] | None = Field(
        default=None,
        description="What the head rests on, when it rests on the arms (lying face down with the head on folded "
        "arms). Checked: the head must sit on top of them.",
    )
    in_line: list[Literal["trunk", "thigh", "shank", "other-thigh", "other-shank", "upper-arm", "forearm"]] = Field(
        default_factory=list,
        description="Segments that must lie in one straight line (within 10°), e.g. [trunk, other-thigh] for the free "
        "leg of a single-leg hinge. Checked: the message says which angle to change.",
    )
    contacts: dict[Literal[tuple(vocab.CONTACT_PARTS)], Literal[tuple(vocab.SUPPORTS)]] = Field(  # type: ignore[valid-type]
        min_length=1,
        description="What rests on what, e.g. {working-foot: floor, back: floor}. The first is set on its support; "
        "every point of every other part must touch its own: working-foot is the whole sole flat (heel "
        "and ball), working-heel the heel only, working-toes the ball and tucked toes with the heel up, "
        "working-instep the top of the foot (toes pointed), working-knee the knee only, working-shin the "
        "knee and the whole shin, hands the palms flat, forearms elbow to wrist. Balance is checked too: "
        "without a hand hold the centre of mass must lie over the parts that rest.",
    )
    _front: bool = PrivateAttr(default=False)
    """Set by its ``Figure``: the pose is seen from the front (``view: front``), so ``kinematics`` places it so."""

    @property
    def standing_front(self) -> bool:
        """Seen from the front and standing (not lying on the side): the legs hang from two hips, side by side."""
        return self._front and "side" not in self.contacts


class Figure(Record):
    """The exercise's drawing, described as data and drawn by the build."""

    view: Literal["side", "front"] = Field(
        default="side",
        description="'side' (the default): seen from the side, the person facing right. 'front': seen from the front, "
        "for exercises lying on your side (a pose rests on 'side': head to the left, 'hip' lifts the top, working "
        "leg sideways) or standing with a leg lifted sideways (a pose rests on the feet only: the working leg is on "
        "the right of the drawing, 'hip' lifts it sideways and 'other_hip' tips the standing leg, positive outwards; "
        "the knees stay straight, since a bent knee would point at the viewer).",
    )
    working_leg: Literal["near", "both"] = Field(
        description="'near' for one-leg exercises (the leg nearer the viewer works); 'both' for two-leg ones."
    )
    props: list[Literal[tuple(vocab.FIGURE_PROPS)]] = Field(  # type: ignore[valid-type]
        default_factory=list, description="Equipment to draw, attached to the body in a fixed way."
    )
    poses: list[Pose] = Field(min_length=2, max_length=3, description="Two or three key positions, in order.")

    @model_validator(mode="after")
    def _tell_the_poses_the_view(self) -> Figure:
        for pose in self.poses:
            pose._front = self.view == "front"
        return self


class SelfTestFigure(Figure):
    """A self-test's drawing: the same body model as the exercises, with the helper and the measured angle."""

    poses: list[Pose] = Field(
        min_length=1, max_length=3, description="One to three key positions, in order; the last is the one measured."
    )
    muscles: Muscles = Field(description="The muscles the test is about, highlighted as on the exercise figures.")
    helper: Literal[tuple(vocab.SELF_TEST_HELPERS)] | None = Field(  # type: ignore[valid-type]
        default=None,
        description="The person helping, drawn in the last pose: 'lifts-leg' (one hand under the "
        "heel, one just above the knee), 'holds-thigh' (both hands behind the thigh). Drawn beside the leg, kneeling or "
        "standing, whichever lets both hands reach.",
    )
    measure: Literal[tuple(vocab.SELF_TEST_ANGLES)] | None = Field(  # type: ignore[valid-type]
        default=None,
        description="The angle the test measures, drawn as an arc with its value on the last pose: "
        "'leg-from-floor' (the straight leg's angle up from the floor), 'knee-from-straight' (how far the knee "
        "stays short of straight).",
    )


class Exercise(Record):
    """One exercise, in ``exercises/<id>.yml``; the file name is its id."""

    name: Title = Field(description="Name readers know it by, e.g. 'Glute bridge'.")
    aliases: list[Title] = Field(
        default_factory=list,
        description="Other names people know it by, e.g. [Hip bridge]. The page shows them as 'Also called' under "
        "the name, and the exercise finder's search matches them. Leave the list empty if there are none.",
    )
    summary: Line = Field(description="One line: what it is and why do it.")
    kind: Literal[tuple(vocab.KINDS)] = Field(description="What it trains.")  # type: ignore[valid-type]
    level: Literal[tuple(vocab.LEVELS)] = Field(description="How hard it is.")  # type: ignore[valid-type]
    position: Literal[tuple(vocab.POSITIONS)] = Field(description="Starting position.")  # type: ignore[valid-type]
    muscles: Muscles = Field(description="Which muscles work: primary (most of the work) and secondary (helpers).")
    equipment: list[Equipment] = Field(min_length=1, description="What you need; use [none] for nothing.")
    steps: list[Text] = Field(min_length=2, max_length=10, description="How to do it, one action per step.")
    cues: list[Line] = Field(min_length=1, max_length=5, description="Short reminders while doing it.")
    mistakes: list[Line] = Field(min_length=1, max_length=6, description="Common mistakes to avoid.")
    feel_it: Line = Field(description="Where you should feel it working.")
    cautions: list[Line] = Field(min_length=1, description="Who should take care or ask a clinician first.")
    stop_if: list[Line] = Field(
        default_factory=list,
        description="Stop rules that belong to this exercise only. The shared pain and stop rules (data/safety.yml) "
        "are shown on every exercise page already: do not repeat them here.",
    )
    dose: Dose = Field(description="How much to do, with the sources of the numbers.")
    figure: Figure = Field(description="How to draw it: two or more key positions as joint angles.")
    progressions: list[ExerciseId] = Field(
        default_factory=list,
        description="Ids of harder exercises to move on to (files in exercises/), easiest first. Write each link "
        "once: the harder exercise then lists this one as easier by itself.",
    )
    regressions: list[ExerciseId] = Field(
        default_factory=list,
        description="Ids of easier exercises to step back to. Only for links the easier exercise's own "
        "progressions do not already make (each link is written once, in either file).",
    )
    helps_with: list[SignId] = Field(
        default_factory=list,
        description="Ids of the signs (files in data/signs/) this exercise can help with, e.g. "
        "[weak-single-leg-bridge]. The exercise is then suggested on that sign's page.",
    )
    sources: list[SourceId] = Field(
        min_length=1,
        description="Ids of the sources (files in data/sources/) for everything this page says: steps, cautions, "
        "muscles and the dose. List the dose's own sources here too; the page's reference list is made from "
        "this list.",
    )
    review: Review = Field(description="When it was last clinically reviewed, and when the next review is due.")


# ---------------------------------------------------------------------------
# Signs, self-tests and red flags


class Sign(Record):
    """A sign of weakness or tightness, or a symptom, in ``data/signs/<id>.yml``."""

    name: Title = Field(description="The sign, as a reader would notice it.")
    kind: Literal[tuple(vocab.SIGN_KINDS)] = Field(description="What kind of sign it is.")  # type: ignore[valid-type]
    summary: Text = Field(description="What it is, in plain words.")
    evidence: Text = Field(description="What the evidence does and does not say about it.")
    what_to_do: Text = Field(description="What a reader can do about it.")
    related_exercises: list[ExerciseId] = Field(default_factory=list, description="Ids of exercises that may help.")
    sources: list[SourceId] = Field(min_length=1, description="Ids of sources (data/sources/) for every claim here.")


class Norm(Record):
    group: Line = Field(description="Who the value applies to, e.g. 'men aged 18-24'.")
    value: Line = Field(description="The published value or cut-off, e.g. '17.8 ± 9.1 degrees'.")
    source: SourceId = Field(description="Id of the source (in data/sources/) the value comes from.")


class SelfTest(Record):
    """A test a reader can do safely, with published norms, in ``data/self_tests/<id>.yml``."""

    name: Title = Field(description="Name of the test.")
    aliases: list[Title] = Field(default_factory=list, description="Other names for it.")
    measures: Literal[tuple(vocab.SELF_TEST_MEASURES)] = Field(  # type: ignore[valid-type]
        description="What the test measures."
    )
    summary: Text = Field(description="What the test is, in plain words.")
    equipment: list[Equipment] = Field(min_length=1, description="What you need; [none] for nothing.")
    steps: list[Text] = Field(min_length=2, max_length=10, description="How to do it safely, one action per step.")
    safety: list[Line] = Field(min_length=1, description="How to do it safely; when to stop.")
    typical: Text = Field(
        description=(
            "What is typical, in plain words and without statistics: shown first, before the published "
            "values (norms), which open from a collapsible section. Only facts the norms' sources give."
        )
    )
    norms: list[Norm] = Field(min_length=1, description="Published norms and cut-offs.")
    interpretation: Text = Field(description="What a result means, and what it does not.")
    limitations: list[Text] = Field(default_factory=list, description="What the test cannot tell you.")
    related_exercises: list[ExerciseId] = Field(default_factory=list, description="Ids of exercises it relates to.")
    sources: list[SourceId] = Field(min_length=1, description="Ids of sources for the test and its norms.")
    figure: SelfTestFigure | None = Field(
        default=None, description="How to draw it: key positions as joint angles, the helper, the measured angle."
    )


class RedFlagAction(Record):
    """What to do about a red flag, said separately for readers in the UK and in the US."""

    uk: Text = Field(
        description="What to do in the UK, naming the service: 999, A&E, NHS 111, the GP practice or a pharmacist."
    )
    us: Text = Field(
        description=(
            "What to do in the US, naming the service: 911, the emergency room, urgent care or a primary care"
            " provider (a family doctor)."
        )
    )


class RedFlag(Record):
    """A warning sign that needs a clinician, in ``data/red_flags/<id>.yml``."""

    name: Title = Field(description="The warning sign, as a reader would notice it.")
    description: Text = Field(description="What it looks or feels like.")
    urgency: Literal[tuple(vocab.URGENCIES)] = Field(  # type: ignore[valid-type]
        description="How soon to get help; the tiers and their generic advice are in vocabulary.URGENCIES."
    )
    action: RedFlagAction = Field(description="Exactly what to do, with uk: and us: each a sentence or two.")
    possible_causes: list[Line] = Field(default_factory=list, description="What it can be a sign of.")
    sources: list[SourceId] = Field(min_length=1, description="Ids of guideline or health-service sources.")


# ---------------------------------------------------------------------------
# Routines


class DoseChange(Record):
    """Per-routine changes to an exercise's dose; unset fields keep the exercise's own values."""

    sets: int | None = Field(default=None, ge=1, le=10, description="Sets in this routine.")
    reps: int | None = Field(default=None, ge=1, le=50, description="Repetitions per set in this routine.")
    hold_seconds: int | None = Field(default=None, ge=5, le=300, description="Seconds per hold in this routine.")
    rest_seconds: int | None = Field(default=None, ge=0, le=600, description="Rest between sets, in seconds.")
    days_per_week: int | None = Field(default=None, ge=1, le=7, description="Days a week in this routine.")
    tempo: Line | None = Field(default=None, description="How fast to move, if different.")
    sources: list[SourceId] = Field(min_length=1, description="Ids of the sources that support the changed numbers.")


class RoutineItem(Record):
    exercise: ExerciseId = Field(description="Id of an exercise in exercises/.")
    dose: DoseChange | None = Field(default=None, description="Changes to the exercise's own dose, if any.")
    note: Line | None = Field(default=None, description="A note shown with the exercise in this routine.")


class Phase(Record):
    from_week: int = Field(ge=1, le=52, description="First week of this phase.")
    to_week: int = Field(ge=1, le=52, description="Last week of this phase (the same as from_week for one week).")
    sessions_per_week: int = Field(ge=1, le=7, description="Sessions a week in this phase.")
    plan: Line = Field(description="What to do in these weeks, e.g. '3 sets: 12, 10 then 8 reps'.")

    @field_validator("to_week")
    @classmethod
    def _not_before_start(cls, value: int, info: ValidationInfo) -> int:
        if "from_week" in info.data and value < info.data["from_week"]:
            raise ValueError("to_week must not be before from_week")
        return value


_FitArea = Literal[(*vocab.BODY_REGIONS, vocab.NO_PAIN)]  # type: ignore[valid-type]
_FitOnset = Literal[tuple(vocab.CHECK_ONSETS)]  # type: ignore[valid-type]
_FitGoal = Literal[tuple(vocab.CHECK_GOALS)]  # type: ignore[valid-type]


class RoutineFit(Record):
    """Whom the guided check ("Which exercises fit me?") offers a routine to: every list must hold the answer."""

    areas: list[_FitArea] = Field(
        min_length=1,
        description="Where it may hurt (body-map areas, vocabulary.BODY_REGIONS), or no-pain for a reader who has "
        "no pain and wants to train.",
    )
    onsets: list[_FitOnset] = Field(  # type: ignore[valid-type]
        min_length=1,
        description="What happened (vocabulary.CHECK_ONSETS): sudden, slow, past-strain or no-pain. Leave out sudden "
        "when the routine should not be started after a new injury a clinician has not checked.",
    )
    goals: list[_FitGoal] = Field(  # type: ignore[valid-type]
        min_length=1, description="The reader's goals it serves (vocabulary.CHECK_GOALS)."
    )


class Routine(Record):
    """A programme of exercises, in ``data/routines/<id>.yml``."""

    name: Title = Field(description="Name of the routine.")
    goal: Literal[tuple(vocab.ROUTINE_GOALS)] = Field(description="What it is for.")  # type: ignore[valid-type]
    summary: Line = Field(description="One or two sentences: what it is and what it does.")
    audience: Line = Field(description="Who it is for.")
    red_flags: list[Slug] = Field(
        default_factory=list,
        description="Ids of warning signs (data/red_flags/) that mean this routine is the wrong one until a clinician "
        "has checked. Its page and handout show each of them first, with what to do, from the red flag's own file.",
    )
    who_should_not_start: list[Line] = Field(
        min_length=1,
        description="Who should not start this routine without advice, beyond the shared checks in data/safety.yml "
        "(before_you_start), which every routine shows first.",
    )
    stop_rules: list[Line] = Field(
        default_factory=list,
        description="Stop rules that belong to this routine only. The shared pain and stop rules (data/safety.yml) "
        "are shown on every routine page and handout already: do not repeat them here.",
    )
    warm_up: Line = Field(description="How to warm up first.")
    weeks: int = Field(ge=1, le=52, description="How many weeks the programme lasts.")
    sessions_per_week: int = Field(ge=1, le=7, description="Sessions a week (phases may change it).")
    exercises: list[RoutineItem] = Field(
        min_length=1, max_length=6, description="The exercises, in order, with any changes to their doses."
    )
    phases: list[Phase] = Field(default_factory=list, description="Week-by-week plan, covering every week.")
    progression: list[Line] = Field(min_length=1, description="How and when to make it harder.")
    if_it_hurts: list[Line] = Field(min_length=1, description="How to make it easier.")
    after_the_programme: Line = Field(description="What to do when the programme ends (maintenance).")
    schedule_sources: list[SourceId] = Field(min_length=1, description="Ids of the sources for the weeks and sessions.")
    sources: list[SourceId] = Field(min_length=1, description="Ids of sources for the routine as a whole.")
    review: Review = Field(description="When it was last clinically reviewed, and when the next review is due.")
    fits: RoutineFit | None = Field(
        default=None,
        description="Whom the guided check offers it to: the areas, onsets and goals it suits. Leave it out and the "
        "check never suggests this routine.",
    )

    def phase_gaps(self) -> list[tuple[int, str, str]]:
        """(phase index, field, message) for phases that leave a gap, overlap, or stop short."""
        gaps = []
        expected = 1
        for index, phase in enumerate(self.phases):
            if phase.from_week != expected:
                gaps.append((index, "from_week", f"expected week {expected}: phases must cover every week in order"))
            expected = phase.to_week + 1
        if self.phases and expected != self.weeks + 1:
            gaps.append(
                (
                    len(self.phases) - 1,
                    "to_week",
                    f"phases end at week {expected - 1} but the routine has {self.weeks} weeks",
                )
            )
        return gaps


# ---------------------------------------------------------------------------
# Sources


class Source(Record):
    """One bibliography entry, in ``data/sources/<id>.yml``."""

    authors: Line = Field(description="Authors as 'Surname AB, Surname CD' or an organisation.")
    year: int = Field(ge=1900, le=2100, description="Year of publication (or of access, for undated web pages).")
    title: Text = Field(description="Title of the article, book, guideline or page.")
    published_in: Line | None = Field(
        default=None,
        description="Where it appeared: the journal with its volume and pages ('Phys Ther 77(10):1090-1096'), "
        "the website, or the book a chapter is in. A book or guideline of its own may give publisher instead.",
    )
    publisher: Line | None = Field(
        default=None,
        description="Publisher of a book or guideline, e.g. 'Wolters Kluwer' or 'National Institute for Health and "
        "Care Excellence (NICE)'.",
    )
    edition: Line | None = Field(
        default=None, description="Edition of a book, as printed on it, e.g. '11th edition'. Leave out for a first."
    )
    type: Literal[tuple(vocab.SOURCE_TYPES)] = Field(description="What kind of source it is.")  # type: ignore[valid-type]
    grade: Literal[tuple(vocab.EVIDENCE_GRADES)] = Field(  # type: ignore[valid-type]
        description="How much weight the evidence carries."
    )
    doi: Doi | None = Field(default=None, description="DOI, e.g. 10.1093/ptj/77.10.1090.")
    pmid: Pmid | None = Field(default=None, description='PubMed id, in quotes: "9327823".')
    pmcid: Pmcid | None = Field(default=None, description="PubMed Central id, e.g. PMC6449015.")
    isbn: Isbn | None = Field(
        default=None,
        description="ISBN of a book, from its copyright page: 10 or 13 digits, hyphens allowed, e.g. "
        "978-1-9751-5018-1. Its check digit is checked.",
    )
    url: Url | None = Field(default=None, description="Web address (https).")
    note: Line | None = Field(default=None, description="What was read (e.g. 'abstract only') or a caveat.")

    @model_validator(mode="after")
    def _has_link(self) -> Source:
        if not (self.doi or self.pmid or self.pmcid or self.isbn or self.url):
            raise ValueError("give at least one of doi, pmid, pmcid, isbn or url")
        if not (self.published_in or self.publisher):
            raise ValueError("give published_in (a journal, website or book) or publisher (a book or guideline)")
        return self

    def links(self) -> list[tuple[str, str]]:
        """(label, href) for every identifier and the URL, in the order the references page shows them.

        The one place a source's links are made: identifiers are percent-encoded into their
        resolver's address and the URL is percent-encoded (``fields``); labels are plain text.
        """
        found = []
        if self.doi:
            found.append((f"doi:{self.doi}", fields.identifier_href("doi", self.doi)))
        if self.pmid:
            found.append((f"PubMed {self.pmid}", fields.identifier_href("pmid", self.pmid)))
        if self.pmcid:
            found.append((self.pmcid, fields.identifier_href("pmcid", self.pmcid)))
        if self.isbn:
            found.append((f"ISBN {self.isbn}", fields.identifier_href("isbn", self.isbn)))
        if self.url:
            host = fields.url_host(self.url)
            label = "Search PubMed for this title" if "pubmed" in host and "?term=" in self.url else host
            found.append((label, fields.url_href(self.url)))
        return found

    @property
    def link(self) -> str:
        """The main link: the first of ``links()``."""
        return self.links()[0][1]


# ---------------------------------------------------------------------------
# Safety rules, shared by every exercise, routine, handout and the builder


class SafetyRule(Record):
    """One rule, in plain words, with its sources."""

    text: Text = Field(description="The rule, as a reader should follow it.")
    sources: list[SourceId] = Field(min_length=1, description="Ids of the sources (data/sources/) the rule comes from.")


class PainRules(Record):
    """How much pain is acceptable for one kind of exercise, and what to do when it is more."""

    rules: list[SafetyRule] = Field(min_length=1, description="The limits, one per line.")
    if_over: SafetyRule = Field(description="What to do when a limit is passed.")
    written_for: SafetyRule | None = Field(
        default=None, description="Who the rules were written for, and why they are used more widely."
    )


class SafetyRules(Record):
    """The one home of the pain rules, the stop rules and the checks before starting: ``data/safety.yml``.

    Every exercise page, routine page, handout, the handout builder and the clinician page show
    these; exercise and routine files keep only the rules that belong to them alone.
    """

    pain_scale: SafetyRule = Field(description="How to score pain from 0 to 10.")
    strengthening: PainRules = Field(description="Pain limits for strengthening exercises.")
    stretching: PainRules = Field(description="Limits for stretches (tightness, never pain).")
    soreness: SafetyRule = Field(description="Delayed muscle soreness: what is expected and how it differs from pain.")
    stop_now: list[SafetyRule] = Field(
        min_length=1, description="Stop and get advice if any of these happen, whatever the exercise."
    )
    before_you_start: list[SafetyRule] = Field(
        min_length=1, description="Who should get advice before starting any routine (shown first on every routine)."
    )
    review: Review = Field(description="When these rules were last checked, and when the next review is due.")

    def rule_sets(self) -> dict[str, PainRules]:
        """Pain limits by exercise kind (``vocabulary.KINDS``)."""
        return {"strengthen": self.strengthening, "stretch": self.stretching}

    def located(self) -> list[tuple[tuple[str | int, ...], SafetyRule]]:
        """Every rule in the file, with where it sits (for errors and source lists)."""
        found: list[tuple[tuple[str | int, ...], SafetyRule]] = [(("pain_scale",), self.pain_scale)]
        for name in ("strengthening", "stretching"):
            rules: PainRules = getattr(self, name)
            found += [((name, "rules", i), rule) for i, rule in enumerate(rules.rules)]
            found.append(((name, "if_over"), rules.if_over))
            if rules.written_for is not None:
                found.append(((name, "written_for"), rules.written_for))
        found.append((("soreness",), self.soreness))
        for name in ("stop_now", "before_you_start"):
            found += [((name, i), rule) for i, rule in enumerate(getattr(self, name))]
        return found


# ---------------------------------------------------------------------------
# The "Where does it hurt?" body map


class BodyMapLink(Record):
    """A page (and section) to read about an area."""

    page: Annotated[str, StringConstraints(pattern=r"^[a-z0-9][a-z0-9-]*(?:/[a-z0-9-]+)*\.md$")] = Field(
        description="A page in content/, e.g. knee-pain.md (the build fails if it or its section does not exist)."
    )
    section: Slug | None = Field(
        default=None, description="The section's anchor on that page, e.g. pain-around-the-kneecap."
    )
    text: Line = Field(description="The link's text, e.g. 'Pain around the kneecap'.")


class BodyMapArea(Record):
    """One area of the map: what it could be, where to read on, and which warning signs to check."""

    region: Literal[tuple(vocab.BODY_REGIONS)] = Field(  # type: ignore[valid-type]
        description="The area, as body_map.py draws it (vocabulary.BODY_REGIONS names each)."
    )
    signs: list[Slug] = Field(default_factory=list, description="Ids of signs (data/signs/) it could be.")
    read: list[BodyMapLink] = Field(min_length=1, description="Pages and sections to read about this area.")
    red_flags: list[Slug] = Field(
        min_length=1, description="Ids of red flags (data/red_flags/) to check for pain in this area."
    )
    note: Line | None = Field(
        default=None, description="A line shown with the area, e.g. what this site does not cover."
    )


class BodyMap(Record):
    """What each area of the "Where does it hurt?" map links to: ``data/body_map.yml``."""

    areas: list[BodyMapArea] = Field(
        min_length=1,
        description="Every area of vocabulary.BODY_REGIONS once, in any order (the map numbers them in "
        "vocabulary order). Checked by the loader, which points at the area given twice or says which is missing.",
    )

    def area(self, region: str) -> BodyMapArea:
        return next(area for area in self.areas if area.region == region)


# ---------------------------------------------------------------------------
# Glossary


class GlossaryTerm(Record):
    """A technical term explained in plain words, in ``data/glossary/<id>.yml``.

    Every page shows the explanation as a tooltip where the term first appears in each section.
    """

    term: str = Field(
        min_length=2,
        max_length=60,
        pattern=r"^[A-Za-z0-9][A-Za-z0-9 '\-]*$",
        description="The term exactly as it appears in the text, e.g. 'ACL' or 'eccentric'.",
    )
    also_matches: list[Annotated[str, Field(min_length=2, max_length=60, pattern=r"^[A-Za-z0-9][A-Za-z0-9 '\-]*$")]] = (
        Field(default_factory=list, description="Other spellings or plurals to explain the same way.")
    )
    definition: Line = Field(description="One plain sentence a 12-year-old would understand.")
    sources: list[SourceId] = Field(
        default_factory=list, description="Ids of sources, where the definition is a clinical fact."
    )


RECORD_TYPES: dict[str, type[Record]] = {
    "exercise": Exercise,
    "sign": Sign,
    "self_test": SelfTest,
    "red_flag": RedFlag,
    "routine": Routine,
    "source": Source,
    "glossary": GlossaryTerm,
    "safety": SafetyRules,
    "body_map": BodyMap,
}
