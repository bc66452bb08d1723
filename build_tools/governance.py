"""Who checked a page and how a reader reports a problem with it: the wording of both, once.

Beside the renderers: the plugin asks ``page_footer`` for every page it builds (with the
page's front matter) and hands the result to the theme (``main.html``); the handout asks
``review_statement`` for its footer. No reviewer is ever assumed: a page without
``reviewed_by`` says it has been checked against its sources but not yet reviewed by a
clinician. ``check_site_url`` refuses a ``site_url`` that would not stay inside the attributes it is
written into. The report links need a contact address or a repository set in ``mkdocs.yml``
(plugin options ``report_email`` and ``report_repo``); without them the links are left
out rather than pointing somewhere that does not exist.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any
from urllib.parse import quote, urlencode

from . import text
from .models import Reviewer

REPORT_FORM = "page-problem.yml"
"""The GitHub issue form (``.github/ISSUE_TEMPLATE/``) whose ``page`` field the link fills in."""

_EMAIL = re.compile(r"^[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)+$")
_REPO = re.compile(r"^https://github\.com/[A-Za-z0-9_.-]+/[A-Za-z0-9_.-]+$")
_SITE_URL = re.compile(
    r"https?://(?:[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?)*"
    r"|\[[0-9A-Fa-f:.]+\])(?::[0-9]{1,5})?(?:/[A-Za-z0-9._~!$*+,;=:@%/-]*)?"
)
"""``site_url`` lands in attributes (canonical links, the footer's report links, the handout's QR code):
a scheme, a host, an optional port and a path of characters that need no escaping there."""


def check_site_url(url: str | None) -> list[str]:
    """Problems with ``site_url`` (unset is fine: the site is then built without absolute links)."""
    if not url:
        return []
    if _SITE_URL.fullmatch(url):
        return []
    shown = url.encode("unicode_escape").decode("ascii")
    if any(ch.isspace() or ord(ch) < 32 or ord(ch) == 127 for ch in url):
        reason = "it has a space or a control character"
    elif any(ch in url for ch in "\"'`<>"):
        reason = "it has a quote or an angle bracket, which would end the attribute it is written into"
    else:
        reason = "it must be an http:// or https:// address: a host name and a path, no query or fragment"
    return [f"site_url '{shown}' is refused: {reason} (set SITE_URL to an address like https://example.org/guide/)"]


def check_report_settings(email: str, repo: str) -> list[str]:
    """Problems with the plugin's ``report_email`` and ``report_repo`` options (empty means unset)."""
    problems = []
    if email and not _EMAIL.match(email):
        problems.append(f"report_email '{email}' is not an e-mail address like 'name@example.org'")
    if repo and not _REPO.match(repo.rstrip("/")):
        problems.append(f"report_repo '{repo}' must be a GitHub repository address, https://github.com/OWNER/NAME")
    return problems


def review_statement(last_reviewed: dt.date | None, next_review: dt.date | None, reviewed_by: Reviewer | None) -> str:
    """One sentence on who checked the page and when; never a reviewer who has not signed it off."""
    if last_reviewed is None:
        return "Not yet reviewed by a clinician."
    when = text.human_date(last_reviewed)
    if reviewed_by is None:
        statement = f"Checked against its sources on {when}; not yet reviewed by a clinician."
    else:
        reg = reviewed_by.registration
        statement = f"Reviewed by {reviewed_by.name}, {reviewed_by.profession} ({reg.body} {reg.number}), on {when}."
    if next_review is not None:
        statement += f" Next review due {text.human_date(next_review)}."
    return statement


@dataclass(frozen=True)
class ReportLink:
    label: str
    href: str


def report_links(email: str, repo: str, page_url: str, title: str) -> list[ReportLink]:
    """Ways to report a problem with one page, each with the page's address filled in."""
    links = []
    subject = f"Problem with the page: {title}"
    if email:
        body = f"Page: {page_url}\n\nWhat is wrong, and where on the page:\n"
        links.append(
            ReportLink("by e-mail", f"mailto:{email}?" + urlencode({"subject": subject, "body": body}, quote_via=quote))
        )
    if repo:
        query = urlencode({"template": REPORT_FORM, "title": subject, "page": page_url}, quote_via=quote)
        links.append(ReportLink("on GitHub", f"{repo.rstrip('/')}/issues/new?{query}"))
    return links


def page_footer(meta: Mapping[str, Any], email: str, repo: str, page_url: str, title: str) -> dict[str, Any]:
    """What the theme shows under every page: the review statement and the report links."""
    reviewer = meta.get("reviewed_by")
    last, due = meta.get("last_reviewed"), meta.get("next_review")
    return {
        "review": review_statement(
            _date(last),
            _date(due),
            Reviewer.model_validate(reviewer, strict=False) if isinstance(reviewer, dict) else None,
        ),
        "report": report_links(email, repo, page_url, title),
    }


def _date(value: object) -> dt.date | None:
    if isinstance(value, dt.date):
        return value
    if isinstance(value, str):
        return dt.date.fromisoformat(value)
    return None
