"""What an employer may learn about a participant, and the rule that follows from "none".

The participant's choice rules (IPS principle 4): a default toward all employers, overrides per
employer, each dated and kept. With "none" the specialist stays behind the scenes and never
contacts that employer on the person's behalf; the person's own applications, coached from the
background, are still recorded, as such.
"""
from dataclasses import dataclass
from datetime import date

from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l

from .labels import DISCLOSURE_HELP, DISCLOSURE_LABELS, SHARE_LABELS
from .models import DisclosureChoice, DisclosureLevel, Participant

SHARE_FIELDS = ("share_support", "share_adjustments", "share_cv_gaps", "share_condition")

# Purposes (the contact log's values, and "referral" for a social enterprise) that offer the person for
# work: they need the disclosure question to have been discussed, not only answered other than "none".
JOB_DEVELOPMENT_PURPOSES = frozenset({"job_development", "referral"})


class DisclosureRefusal(Exception):
    """The participant chose "none" toward this employer; `str(error)` is the message to show."""


@dataclass(frozen=True)
class Disclosure:
    """The choice in force toward one employer (or the default when `employer_id` is None)."""

    level: DisclosureLevel | None  # None: not discussed yet, so share nothing about health
    shares: frozenset[str]
    is_override: bool
    choice: DisclosureChoice | None

    @property
    def label(self) -> str:
        return str(DISCLOSURE_LABELS[self.level]) if self.level else _("Not discussed yet")

    @property
    def help(self) -> str:
        return str(DISCLOSURE_HELP[self.level]) if self.level else _(
            "Not discussed yet: share nothing about health or support until the participant has chosen.")

    @property
    def shared_labels(self) -> list[str]:
        """What the employer may learn, in words; empty with "none"."""
        return [str(label) for name, label in SHARE_LABELS.items() if self.may_share(name)]

    def may_share(self, what: str) -> bool:
        return self.level is not None and self.level != DisclosureLevel.NONE and what in self.shares


def _shares(choice: DisclosureChoice) -> frozenset[str]:
    return frozenset(name for name in SHARE_FIELDS if getattr(choice, name))


def current_choices(participant: Participant, on: date | None = None) -> dict[int | None, DisclosureChoice]:
    """The latest row per employer (key None: the default) decided on or before `on`, overrides
    that were removed included (their `level` is None)."""
    latest: dict[int | None, DisclosureChoice] = {}
    newest_first = sorted(participant.disclosure_choices, key=lambda c: (c.decided_on, c.id or 0), reverse=True)
    for choice in newest_first:
        if (on is None or choice.decided_on <= on) and choice.employer_id not in latest:
            latest[choice.employer_id] = choice
    return latest


def disclosure_for(participant: Participant, employer_id: int | None, on: date | None = None) -> Disclosure:
    """The choice in force toward `employer_id` (None: the default) on `on` (None: now)."""
    latest = current_choices(participant, on)
    override = latest.get(employer_id) if employer_id is not None else None
    if override is not None and override.level is not None:
        return Disclosure(override.level, _shares(override), True, override)
    default = latest.get(None)
    if default is None:
        return Disclosure(None, frozenset(), False, None)
    return Disclosure(default.level, _shares(default), False, default)


def effective_disclosure(participant: Participant, employer_id: int | None,
                         on: date | None = None) -> DisclosureLevel | None:
    """The level toward that employer: its override if any, else the default; None when no choice
    has been recorded yet."""
    return disclosure_for(participant, employer_id, on).level


def check_naming(participant: Participant, employer, purpose: str, on: date) -> None:
    """Raise `DisclosureRefusal` when naming `participant` to `employer` (None: a social enterprise, under
    the default choice) for `purpose` goes against their disclosure choice. Whatever the purpose, a
    named person means an employer learns of them: never with "none"; and nobody is offered for work
    (job development, a referral) before the question has been discussed with them."""
    disclosure = disclosure_for(participant, employer.id if employer is not None else None, on)
    where = employer.name if employer is not None else _l("the social enterprise")
    if disclosure.level is None and purpose in JOB_DEVELOPMENT_PURPOSES:
        raise DisclosureRefusal(_l(
            "%(person)s has not yet chosen what employers may learn about them. Discuss disclosure with "
            "%(person)s before naming them to %(employer)s; their own application can still be recorded.",
            person=participant.name, employer=where))
    if disclosure.level != DisclosureLevel.NONE:
        return
    if disclosure.is_override:
        message = _l("%(person)s has chosen not to disclose anything to %(employer)s, so no contact is made "
                     "with them on %(person)s's behalf. If %(person)s applies on their own, record it as "
                     "the participant's own application.", person=participant.name, employer=where)
    else:
        message = _l("%(person)s has chosen not to disclose anything to any employer, so no contact is made "
                     "with %(employer)s on %(person)s's behalf. If %(person)s applies on their own, record it "
                     "as the participant's own application.", person=participant.name, employer=where)
    raise DisclosureRefusal(message)
