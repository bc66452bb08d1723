"""Kinds of field, each with one validation path and one escaping path: text, names, identifiers, URLs.

Sits between the loader and the renderers: ``models.py`` builds its scalar types from the
``check_*`` functions here (so every field of a kind is validated the same way, and a bad
value becomes a ``path:line:col: field: message`` problem), and the renderers write
identifiers and URLs only through ``identifier_href`` and ``url_href``/``markdown_link``
(text goes through ``text.escape_markdown``). Nothing here reads files or imports MkDocs.

* Text refuses characters that are never text: C0 and C1 controls (newline, tab and
  carriage return only, which plain text folds into spaces), DEL, surrogates, the
  non-characters (U+FFFE, U+FFFF, U+FDD0-U+FDEF and their twins in every plane) and the
  bidirectional controls that can make a line read differently from what it holds.
* Names (titles, labels) also refuse zero-width and invisible formatting characters,
  so two names that look the same are the same; duplicates are compared by ``name_key``.
* Identifiers (DOI, PMID, PMCID, ISBN) match strict ASCII formats and are percent-encoded
  into their links.
* URLs are parsed with ``urllib.parse``: https only, a real host name, no user name or
  password, printable ASCII only (anything else must already be percent-encoded); they are
  percent-encoded again for the characters Markdown or HTML give a meaning to.
"""

from __future__ import annotations

import re
import unicodedata
from urllib.parse import quote, urlsplit

# -- text -------------------------------------------------------------------------------

_BIDI = "\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069"
_NOT_TEXT = re.compile(
    "[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ud800-\udfff\ufdd0-\ufdef\ufffe\uffff" + _BIDI + "]"
    "|[\U0001fffe\U0001ffff\U0002fffe\U0002ffff\U0003fffe\U0003ffff\U0004fffe\U0004ffff"
    "\U0005fffe\U0005ffff\U0006fffe\U0006ffff\U0007fffe\U0007ffff\U0008fffe\U0008ffff"
    "\U0009fffe\U0009ffff\U000afffe\U000affff\U000bfffe\U000bffff\U000cfffe\U000cffff"
    "\U000dfffe\U000dffff\U000efffe\U000effff\U000ffffe\U000fffff\U0010fffe\U0010ffff]"
)
_INVISIBLE = re.compile(
    "[\u00ad\u034f\u115f\u1160\u17b4\u17b5\u180b-\u180f\u200b-\u200d\u2060-\u2064\u3164\ufe00-\ufe0f\ufeff\uffa0]"
)


def _describe_char(char: str) -> str:
    name = unicodedata.name(char, "")
    return f"U+{ord(char):04X}" + (f" {name}" if name else "")


def check_text(value: str) -> str:
    """Refuse control characters, non-characters and bidi controls (whitespace is folded by the caller)."""
    found = _NOT_TEXT.search(value)
    if found is not None:
        raise ValueError(
            f"invisible control character {_describe_char(found.group())} at character {found.start() + 1}: "
            "delete it (retype the text around it if you cannot see it)"
        )
    return value


def check_name(value: str) -> str:
    """Text rules, and no zero-width or invisible characters (names must look like what they are)."""
    check_text(value)
    found = _INVISIBLE.search(value)
    if found is not None:
        raise ValueError(
            f"invisible character {_describe_char(found.group())} at character {found.start() + 1}: "
            "names may not contain zero-width characters"
        )
    return value


def name_key(value: str) -> str:
    """What two names are compared by: NFKC-normalised, case-folded, whitespace folded."""
    return " ".join(unicodedata.normalize("NFKC", value).casefold().split())


# -- identifiers ------------------------------------------------------------------------

DOI_PATTERN = r"^10\.[0-9]{4,9}/[-._;()/:A-Za-z0-9]{1,200}$"
"""Crossref's pattern for modern DOIs (no spaces, quotes, angle brackets or square brackets)."""
PMID_PATTERN = r"^[1-9][0-9]{0,8}$"
PMCID_PATTERN = r"^PMC[1-9][0-9]{0,8}$"
ISBN_PATTERN = r"^(?:97[89][- ]?)?[0-9][- 0-9]{7,14}[0-9Xx]$"

_RESOLVERS = {
    "doi": "https://doi.org/{}",
    "pmid": "https://pubmed.ncbi.nlm.nih.gov/{}/",
    "pmcid": "https://pmc.ncbi.nlm.nih.gov/articles/{}/",
    "isbn": "https://openlibrary.org/isbn/{}",
}


def _check_pattern(kind: str, pattern: str, value: str, example: str) -> str:
    if re.fullmatch(pattern, value, re.ASCII) is None:
        raise ValueError(f"not a valid {kind}: write it like {example}")
    return value


def check_doi(value: str) -> str:
    return _check_pattern("DOI", DOI_PATTERN, value, "10.1093/ptj/77.10.1090 (no 'https://doi.org/')")


def check_pmid(value: str) -> str:
    return _check_pattern("PubMed id", PMID_PATTERN, value, '"9327823" (digits only, in quotes)')


def check_pmcid(value: str) -> str:
    return _check_pattern("PubMed Central id", PMCID_PATTERN, value, "PMC6449015")


def isbn_digits(value: str) -> str:
    return value.replace("-", "").replace(" ", "").upper()


def check_isbn(value: str) -> str:
    """ISBN-10 or ISBN-13, hyphens or spaces allowed, with a correct check digit."""
    _check_pattern("ISBN", ISBN_PATTERN, value, "978-0-19-852663-6")
    digits = isbn_digits(value)
    if len(digits) == 13 and digits.isdigit():
        ok = sum(int(d) * (1 if i % 2 == 0 else 3) for i, d in enumerate(digits)) % 10 == 0
    elif len(digits) == 10 and digits[:9].isdigit():
        ok = sum((10 - i) * (10 if d == "X" else int(d)) for i, d in enumerate(digits)) % 11 == 0
    else:
        raise ValueError("an ISBN has 10 or 13 digits")
    if not ok:
        raise ValueError("the ISBN's check digit is wrong: copy it again from the book")
    return value


def identifier_href(kind: str, value: str) -> str:
    """The link for a checked identifier, with the identifier percent-encoded into it."""
    if kind == "isbn":
        value = isbn_digits(value)
    return _RESOLVERS[kind].format(quote(value, safe="/:;._-"))


# -- URLs -------------------------------------------------------------------------------

URL_MAX_LENGTH = 2000
_URL_CHARS = re.compile(r"[A-Za-z0-9\-._~:/?#\[\]@!$&'()*+,;=%]+", re.ASCII)
_BAD_PERCENT = re.compile(r"%(?![0-9A-Fa-f]{2})")
_HOST = re.compile(r"(?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z][a-z0-9-]{0,61}[a-z0-9]", re.ASCII)
_HREF_SAFE = "-._~:/?#@!$&+,;=%"
"""Characters left as they are in a written URL; the rest (quotes, brackets, parentheses, '*') are percent-encoded."""


def check_url(value: str) -> str:
    """An https address with a real host name and nothing that could break out of a link."""
    if len(value) > URL_MAX_LENGTH:
        raise ValueError(f"the address is longer than {URL_MAX_LENGTH} characters")
    if _URL_CHARS.fullmatch(value) is None:
        bad = next((c for c in value if _URL_CHARS.fullmatch(c) is None), " ")
        raise ValueError(
            f"the address holds {_describe_char(bad)!s}: use printable ASCII only "
            "(percent-encode spaces and other characters, e.g. %20)"
        )
    if _BAD_PERCENT.search(value):
        raise ValueError("'%' must start a percent-escape such as %20")
    parts = urlsplit(value)
    if parts.scheme != "https" or not value.startswith("https://"):
        raise ValueError("the address must start with https://")
    if "@" in parts.netloc:
        raise ValueError("the address must not hold a user name or password (no '@' before the host)")
    host = parts.hostname or ""
    if _HOST.fullmatch(host) is None or parts.netloc.lower().split(":")[0] != host:
        raise ValueError("the address needs a host name such as www.example.org")
    try:
        parts.port  # noqa: B018  (raises ValueError for a port that is not a number)
    except ValueError:
        raise ValueError("the port after ':' must be a number") from None
    return value


def url_href(value: str) -> str:
    """A checked URL as written into a page: Markdown- and HTML-special characters percent-encoded."""
    return quote(value, safe=_HREF_SAFE)


def url_host(value: str) -> str:
    return (urlsplit(value).hostname or "").removeprefix("www.")


def markdown_link(label: str, href: str) -> str:
    """``[label](href)`` with the label escaped as text and ``href`` a value from ``*_href`` above."""
    from .text import escape_markdown

    if re.search(r"[\s()<>\"'\\`\[\]*]", href) or not href.startswith("https://"):
        raise ValueError(f"not a checked address: {href!r}")
    return f"[{escape_markdown(label)}]({href})"
