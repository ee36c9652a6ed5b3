"""The consent check every sharing action calls: no information about a participant goes to a party
without a valid consent for that party (a proposal to an employer, a referral to a social
enterprise, naming the person in a wage-subsidy negotiation)."""
from datetime import date

from flask_babel import lazy_gettext as _l
from sqlalchemy import func, select

from ..core.formats import text_date
from ..employers.models import Employer
from ..extensions import db
from ..partners.models import PartnerOrganisation
from .labels import PARTY_KIND_LABELS
from .models import Consent, ConsentDecision, ConsentScope, Participant, PartyKind


class ConsentMissing(Exception):
    """Sharing with this party is not allowed; `str(error)` is the message to show the user.

    `reason` is one of: none, declined, withdrawn, expired, receive_only.
    """

    def __init__(self, message: str, reason: str, consent: Consent | None = None):
        super().__init__(message)
        self.reason = reason
        self.consent = consent


def party_filter(party_kind: PartyKind, party: int | str | None):
    """The WHERE clause that picks one party's consent rows."""
    clauses = [Consent.party_kind == party_kind]
    if party_kind == PartyKind.EMPLOYER:
        clauses.append(Consent.employer_id == int(party))
    elif party_kind == PartyKind.SOCIAL_ENTERPRISE:
        clauses.append(Consent.partner_organisation_id == int(party))
    elif party_kind == PartyKind.OTHER:
        clauses.append(func.lower(Consent.party_name) == str(party).strip().lower())
    return clauses


def party_label(consent: Consent):
    """The party's name: the employer's or enterprise's, the one written down, or the agency's (translated)."""
    if consent.party_kind == PartyKind.EMPLOYER:
        return consent.employer.name
    if consent.party_kind == PartyKind.SOCIAL_ENTERPRISE:
        return consent.partner_organisation.name
    if consent.party_kind == PartyKind.OTHER:
        return consent.party_name
    return PARTY_KIND_LABELS[consent.party_kind]


def latest_decision(participant: Participant, party_kind: PartyKind | str, party: int | str | None,
                    on: date) -> Consent | None:
    """The decision about this party in force on `on`: the latest one made on or before that day."""
    return db.session.scalar(
        select(Consent)
        .where(Consent.participant_id == participant.id, Consent.decided_on <= on,
               *party_filter(PartyKind(party_kind), party))
        .order_by(Consent.decided_on.desc(), Consent.id.desc())
        .limit(1)
    )


def require_consent(participant: Participant, party_kind: PartyKind | str, party: int | str | None,
                    on: date) -> Consent:
    """Return the consent that allows sharing `participant`'s information with the party on `on`,
    or raise `ConsentMissing` saying why not.

    `party` is the employer's id (employer), the partner organisation's id (social_enterprise),
    the party's name (other), or None for the agencies (Arbetsförmedlingen, Försäkringskassan,
    psychiatry, social services).
    """
    party_kind = PartyKind(party_kind)
    consent = latest_decision(participant, party_kind, party, on)
    if consent is None:
        raise ConsentMissing(_l("%(person)s has no recorded consent to share information with %(party)s. "
                               "Ask them and record their answer first.",
                               person=participant.name, party=_party_name(party_kind, party)), "none")
    state = consent_state(consent, on)
    if state is None:
        return consent
    values = {"person": participant.name, "party": party_label(consent)}
    messages = {
        "declined": lambda: _l("%(person)s said no on %(date)s to sharing information with %(party)s.",
                               date=text_date(consent.decided_on), **values),
        "withdrawn": lambda: _l("%(person)s withdrew the consent for %(party)s on %(date)s.",
                                date=text_date(consent.withdrawn_on), **values),
        "expired": lambda: _l("The consent of %(person)s for %(party)s ran out on %(date)s. Ask them again.",
                              date=text_date(consent.valid_until), **values),
        "receive_only": lambda: _l("The consent of %(person)s lets us receive information from %(party)s, "
                                   "not share any with them.", **values),
    }
    raise ConsentMissing(messages[state](), state, consent)


def consent_state(consent: Consent, on: date) -> str | None:
    """Why this decision does not allow sharing on `on` (declined, withdrawn, expired, receive_only),
    or None when it does."""
    if consent.decision == ConsentDecision.DECLINED:
        return "declined"
    if consent.withdrawn_on is not None and consent.withdrawn_on <= on:
        return "withdrawn"
    if consent.valid_until is not None and consent.valid_until < on:
        return "expired"
    if consent.scope != ConsentScope.EXCHANGE:
        return "receive_only"
    return None


def consent_overview(participant: Participant, on: date) -> list[tuple[Consent, str | None]]:
    """The decision in force per party, with its state, from the participant's loaded consents."""
    seen, overview = set(), []
    for consent in sorted(participant.consents, key=lambda c: (c.decided_on, c.id), reverse=True):
        key = (consent.party_kind, consent.employer_id, consent.partner_organisation_id,
               (consent.party_name or "").lower())
        if consent.decided_on <= on and key not in seen:
            seen.add(key)
            overview.append((consent, consent_state(consent, on)))
    return overview


def _party_name(party_kind: PartyKind, party: int | str | None):
    if party_kind == PartyKind.EMPLOYER:
        employer = db.session.get(Employer, int(party))
        return employer.name if employer else PARTY_KIND_LABELS[party_kind]
    if party_kind == PartyKind.SOCIAL_ENTERPRISE:
        organisation = db.session.get(PartnerOrganisation, int(party))
        return organisation.name if organisation else PARTY_KIND_LABELS[party_kind]
    if party_kind == PartyKind.OTHER:
        return str(party)
    return PARTY_KIND_LABELS[party_kind]
