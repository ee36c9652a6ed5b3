"""Matching reasons in plain words, about the participant in the third person: the specialist reads them."""
from flask_babel import lazy_gettext as _l

from ..reference import industry_name, occupation_name
from .models import ProposalStatus

PROPOSAL_STATUS_LABELS = {
    ProposalStatus.PENDING: _l("Waiting for an answer"),
    ProposalStatus.INTERVIEW: _l("Invited to an interview"),
    ProposalStatus.HIRED: _l("Hired"),
    ProposalStatus.NOT_HIRED: _l("Not hired"),
    ProposalStatus.WITHDRAWN: _l("Withdrawn"),
}

MET = {
    "occupation": _l("An occupation the participant wants: %(detail)s"),
    "occupation_near": _l("Close to an occupation the participant wants: %(detail)s"),
    "industry": _l("An industry the participant wants: %(detail)s"),
    "task_liked": _l("Tasks the participant likes: %(detail)s"),
    "setting": _l("Indoors or outdoors, as the participant wants"),
    "sound": _l("The sound environment the participant wants"),
    "people": _l("As much contact with people as the participant wants"),
    "physical": _l("The physical work the participant wants"),
    "wage": _l("The wage reaches the participant's lowest acceptable wage"),
    "hours": _l("The hours fit what the participant wants"),
}
MISSED = {
    "occupation": _l("Not one of the occupations the participant named"),
    "industry": _l("Not one of the industries the participant named"),
    "setting": _l("Not indoors or outdoors as the participant wants"),
    "sound": _l("Not the sound environment the participant wants"),
    "people": _l("Not the amount of contact with people the participant wants"),
    "physical": _l("Not the physical work the participant wants"),
    "wage": _l("The wage is below the participant's lowest acceptable wage"),
}
EXCLUDED = {
    "disclosure": _l("The employer needs to know about support needs, and the participant chose not to tell"),
    "hours_too_many": _l("More hours than the participant wants"),
    "hours_too_few": _l("Fewer hours than the participant wants"),
    "evenings": _l("Evening work, which the participant does not want"),
    "weekends": _l("Weekend work, which the participant does not want"),
    "weekdays": _l("Weekday work, which the participant does not want"),
    "municipality": _l("In a municipality the participant did not choose: %(detail)s"),
    "setting": _l("Indoors or outdoors, the opposite of what the participant wants"),
    "lively": _l("A lively place, and the participant wants a quiet one"),
    "people_high": _l("Much contact with people, which the participant wants to avoid"),
    "physical_high": _l("Heavy physical work, which the participant wants to avoid"),
    "task_avoided": _l("Includes something the participant wants to avoid: %(detail)s"),
}

# The count of left-out openings names each reason without the detail of any one opening.
EXCLUDED_IN_SUMMARY = {
    **EXCLUDED,
    "municipality": _l("In a municipality the participant did not choose"),
    "task_avoided": _l("Includes something the participant wants to avoid"),
}


def describe(reasons, table: dict, language: str) -> list[str]:
    """Reason codes as sentences; occupation and industry codes become their names."""
    sentences = []
    for code, detail in reasons:
        if code in ("occupation", "occupation_near") and detail:
            detail = occupation_name(detail, language) or detail
        elif code == "industry" and detail:
            detail = industry_name(detail, language) or detail
        sentences.append(str(table[code]) % {"detail": detail or ""})
    return sentences
