"""Controlled vocabularies shared by the models, the renderers and the JSON Schema.

First stop in the flow: the models (``models.py``) turn each table below into a
``Literal`` type, so a misspelt muscle or piece of equipment is a validation error
with a line number, and the editor's JSON Schema offers the allowed values.
Each table maps the value written in YAML to the label a reader sees.
"""

from __future__ import annotations

MUSCLES: dict[str, str] = {
    "semitendinosus": "Semitendinosus (inner hamstring)",
    "semimembranosus": "Semimembranosus (inner hamstring)",
    "biceps-femoris-long-head": "Biceps femoris, long head (outer hamstring)",
    "biceps-femoris-short-head": "Biceps femoris, short head (outer hamstring)",
    "gluteus-maximus": "Gluteus maximus (buttock)",
    "gluteus-medius": "Gluteus medius (side of the hip)",
    "gluteus-minimus": "Gluteus minimus (deep side of the hip)",
    "adductor-magnus": "Adductor magnus (inner thigh)",
    "gastrocnemius": "Gastrocnemius (calf)",
    "soleus": "Soleus (deep calf)",
    "quadriceps": "Quadriceps (front of the thigh)",
    "rectus-femoris": "Rectus femoris (quadriceps: middle of the front of the thigh)",
    "vastus-lateralis": "Vastus lateralis (quadriceps: outer front of the thigh)",
    "vastus-medialis": "Vastus medialis (quadriceps: inner front of the thigh, above the kneecap)",
    "vastus-intermedius": "Vastus intermedius (quadriceps: deep front of the thigh)",
    "erector-spinae": "Erector spinae (back muscles)",
    "abdominals": "Abdominals (trunk)",
    "sciatic-nerve": "Sciatic nerve (not a muscle: the nerve that runs down the back of the thigh)",
}

HAMSTRINGS: frozenset[str] = frozenset(
    {"semitendinosus", "semimembranosus", "biceps-femoris-long-head", "biceps-femoris-short-head"}
)

MUSCLE_GROUPS: dict[str, str] = {
    "rectus-femoris": "quadriceps",
    "vastus-lateralis": "quadriceps",
    "vastus-medialis": "quadriceps",
    "vastus-intermedius": "quadriceps",
}
"""A muscle that is one head of a group (a key of ``MUSCLES`` too), so that choosing "Quadriceps"
in the finder or the browse list also finds an exercise that names only its vastus medialis."""


def with_groups(muscles: list[str]) -> list[str]:
    """The muscles, each followed by its group when it is one head of one, without repeats."""
    return list(dict.fromkeys(name for muscle in muscles for name in (muscle, MUSCLE_GROUPS.get(muscle, muscle))))


EQUIPMENT: dict[str, str] = {
    "none": "No equipment",
    "mat": "Mat",
    "ankle-weight": "Ankle weight",
    "resistance-band": "Resistance band",
    "strap-or-towel": "Strap or towel",
    "dumbbells": "Dumbbells",
    "barbell": "Barbell",
    "kettlebell": "Kettlebell",
    "chair": "Chair",
    "step-or-box": "Step or box",
    "sliders-or-towel": "Sliders (or a towel on a smooth floor)",
    "partner-or-anchor": "A partner or a fixed anchor to hold the heels",
    "wall-or-support": "Wall or support to hold",
    "swiss-ball": "Swiss ball (exercise ball)",
    "bench": "Bench, table or high box",
}

KINDS: dict[str, str] = {
    "strengthen": "Strengthening",
    "stretch": "Stretching",
}

LEVELS: dict[str, str] = {
    "beginner": "Beginner",
    "intermediate": "Intermediate",
    "advanced": "Advanced",
}

POSITIONS: dict[str, str] = {
    "standing": "Standing",
    "lying-face-up": "Lying on your back",
    "lying-face-down": "Lying on your front",
    "kneeling": "Kneeling",
    "seated": "Sitting",
    "lying-on-side": "Lying on your side",
}

SIGN_KINDS: dict[str, str] = {
    "weakness": "Sign of weakness",
    "tightness": "Sign of tightness",
    "symptom": "Symptom",
}

SELF_TEST_MEASURES: dict[str, str] = {
    "tightness": "Tightness (flexibility)",
    "strength": "Strength and endurance",
}

URGENCIES: dict[str, str] = {
    "emergency": "Emergency: now",
    "same-day": "Urgent: today",
    "urgent-gp": "Urgent GP appointment: ask now",
    "soon": "Soon: within days",
    "routine": "Routine: book an appointment",
}
"""Red-flag urgency, most urgent first. The renderer keeps this order.

``urgent-gp`` is for signs that need a doctor to arrange tests quickly (a growing lump, pain at
night with weight loss) but are not an emergency: NICE NG12 asks for an ultrasound scan within
2 weeks for an adult's unexplained lump that is getting bigger, and a GP is the way in.
"""

URGENCY_ACTIONS: dict[str, str] = {
    "emergency": (
        "Call 999 (UK) or 911 (US) now, or go straight to A&E, the emergency department"
        " (in the US, the emergency room)."
    ),
    "same-day": (
        "Get help today. UK: call NHS 111 or your GP practice (your family doctor's surgery)."
        " US: go to urgent care or call your primary care provider (your regular doctor)."
    ),
    "urgent-gp": (
        "Ask for an urgent appointment and say what you have noticed; do not wait to see if it goes away."
        " UK: ask your GP practice. US: ask your primary care provider."
    ),
    "soon": (
        "See someone within the next few days. UK: your GP or a physiotherapist."
        " US: your primary care provider, a physical therapist or a sports medicine clinic."
    ),
    "routine": (
        "Book a routine appointment. UK: your GP or a physiotherapist."
        " US: your primary care provider or a physical therapist."
    ),
}

ROUTINE_GOALS: dict[str, str] = {
    "strength": "Strength",
    "flexibility": "Flexibility",
    "injury-prevention": "Injury prevention",
}

BODY_REGIONS: dict[str, str] = {
    "front-of-thigh": "Front of the thigh",
    "front-of-knee": "Front of the knee, around the kneecap",
    "inside-of-knee": "Inside of the knee",
    "outside-of-knee": "Outside of the knee",
    "back-of-thigh-high": "High at the back of the thigh, near the sitting bone",
    "back-of-thigh-middle": "Middle of the back of the thigh",
    "back-of-knee": "Back of the knee",
}
"""Areas of the "Where does it hurt?" body map (``body_map.py`` draws each one; ``data/body_map.yml``
says what each can be and where to read on). The order is the map's numbering."""

BODY_VIEWS: dict[str, tuple[str, ...]] = {
    "front": ("front-of-thigh", "front-of-knee", "inside-of-knee", "outside-of-knee"),
    "back": ("back-of-thigh-high", "back-of-thigh-middle", "back-of-knee"),
}
"""Which drawing of the body map shows each area: the leg seen from the front and from the back."""

NO_PAIN = "no-pain"
"""The guided check's answer for "it does not hurt: I want to train", to where and to what happened."""

CHECK_ONSETS: dict[str, str] = {
    "sudden": "It started suddenly, with an injury (a pull, a twist, a fall or a blow)",
    "slow": "It came on slowly, over weeks, with no clear injury",
    "past-strain": "I strained it some time ago; it has settled but I want to keep it from coming back",
    NO_PAIN: "Nothing happened: it does not hurt",
}
"""The guided check's "what happened?" answers; a routine's ``fits.onsets`` names those it suits."""

CHECK_GOALS: dict[str, str] = {
    "ease-pain": "Ease pain",
    "stronger": "Get stronger",
    "sport": "Get back to sport, or keep playing",
    "flexibility": "More flexibility",
}
"""The guided check's goals; a routine's ``fits.goals`` names those it suits."""

SOURCE_TYPES: dict[str, str] = {
    "meta-analysis": "Meta-analysis",
    "systematic-review": "Systematic review",
    "review": "Narrative review",
    "rct": "Randomised controlled trial",
    "controlled-trial": "Controlled trial (not randomised)",
    "trial-protocol": "Trial protocol (plans only, no results)",
    "cohort": "Cohort study",
    "cross-sectional": "Cross-sectional study",
    "case-control": "Case-control study",
    "case-report": "Case report",
    "lab-study": "Laboratory or modelling study",
    "guideline": "Clinical guideline",
    "position-statement": "Position statement or consensus",
    "textbook": "Textbook or reference work",
    "leaflet": "Patient leaflet",
    "website": "Health or education website",
}

EVIDENCE_GRADES: dict[str, str] = {
    "high": "High",
    "moderate": "Moderate",
    "low": "Low",
    "very-low": "Very low",
    "expert-opinion": "Expert opinion or reference",
}


CONTACT_PARTS: dict[str, str] = {
    "working-foot": "the whole sole of the working (near) foot",
    "other-foot": "the whole sole of the other (far) foot",
    "working-heel": "the working (near) heel",
    "other-heel": "the other (far) heel",
    "working-toes": "the tucked toes of the working (near) foot",
    "other-toes": "the tucked toes of the other (far) foot",
    "working-instep": "the top of the working (near) foot",
    "other-instep": "the top of the other (far) foot",
    "working-knee": "the working (near) knee",
    "other-knee": "the other (far) knee",
    "working-shin": "the working (near) knee and the whole shin",
    "other-shin": "the other (far) knee and the whole shin",
    "hands": "the palms",
    "forearms": "the forearms",
    "buttocks": "the buttocks",
    "back": "the upper back and shoulders",
    "front": "the chest and stomach",
    "side": "the side of the body underneath, from the shoulder to the hip",
}
"""Body parts a figure's pose can rest on a support with. Every point of a part rests, so a part
named flat (a foot, a shin, the hands, the forearms) lies flat: ``working-foot`` is the whole sole,
``working-heel`` only the heel, ``working-toes`` the ball and tucked toes with the heel up,
``working-instep`` the top of the foot with the toes pointed (kneeling on flat feet). ``side`` is lying
on your side, drawn in a figure seen from the front (``view: front``)."""

SUPPORTS: dict[str, int] = {
    "floor": 0,
    "step": 20,
    "chair": 45,
    "bench": 45,
    "box": 60,
    "chair-back": 85,
    "wall": 0,
    "swiss-ball": 55,
}
"""What a body part rests on, and the height of its top surface in centimetres.

``chair-back`` is the top of a chair's back, for the hands to rest on for balance (the chair is
drawn under them, its seat on the side away from any step). ``wall`` is a wall beside the body,
for a hand to rest on anywhere (its height is not used); it is drawn as a panel behind the figure.
``swiss-ball`` is a 55 cm exercise ball on the floor, the heels resting on top of it; it is drawn
as a circle under them."""

SELF_TEST_HELPERS: dict[str, str] = {
    "lifts-leg": "a helper beside the leg, lifting it straight with one hand under the heel and one just above the knee",
    "holds-thigh": "a helper beside the leg, holding the thigh still from behind",
}
SELF_TEST_ANGLES: dict[str, str] = {
    "leg-from-floor": "the angle of the raised leg up from the floor",
    "knee-from-straight": "how far the knee stays short of straight",
}

BESIDE_SUPPORTS: frozenset[str] = frozenset({"wall"})
"""Supports beside the body rather than under it: a part resting on one touches it wherever it is."""

ROLLING_SUPPORTS: frozenset[str] = frozenset({"swiss-ball"})
"""Supports that roll with the part on them, so that part need not stay put from one pose to the next."""

FIGURE_PROPS: dict[str, str] = {
    "mat": "an exercise mat on the floor",
    "ankle-weight": "an ankle weight on the working leg",
    "dumbbells": "a dumbbell in each hand",
    "barbell": "a barbell held in the hands",
    "band-hands-to-foot": "a band or strap from the hands around the working foot",
    "band-foot-to-anchor": "a band from the working ankle to an anchor in front",
    "band-chest-to-anchor": "a band from the chest up to an anchor behind and above",
    "partner-holds-heels": "a partner's hands holding the heels down",
    "sliders": "a slider under the heels",
    "slider-back-foot": "a slider (or a towel) under the back foot",
    "kettlebell": "a kettlebell held in both hands",
}
"""Props a figure can show, each attached to the body in a fixed way."""
