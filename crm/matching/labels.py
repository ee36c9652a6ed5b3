"""Matching reasons in words a participant understands."""
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
    "occupation": _l("An occupation you want: %(detail)s"),
    "occupation_near": _l("Close to an occupation you want: %(detail)s"),
    "industry": _l("An industry you want: %(detail)s"),
    "task_liked": _l("Tasks you like: %(detail)s"),
    "setting": _l("Indoors or outdoors, as you want"),
    "sound": _l("The sound environment you want"),
    "people": _l("As much contact with people as you want"),
    "physical": _l("The physical work you want"),
    "wage": _l("The wage reaches your lowest acceptable wage"),
    "hours": _l("The hours fit what you want"),
}
MISSED = {
    "occupation": _l("Not one of the occupations you named"),
    "industry": _l("Not one of the industries you named"),
    "setting": _l("Not indoors or outdoors as you want"),
    "sound": _l("Not the sound environment you want"),
    "people": _l("Not the amount of contact with people you want"),
    "physical": _l("Not the physical work you want"),
    "wage": _l("The wage is below your lowest acceptable wage"),
}
EXCLUDED = {
    "disclosure": _l("The employer needs to know about support needs, and you chose not to tell"),
    "hours_too_many": _l("More hours than you want"),
    "hours_too_few": _l("Fewer hours than you want"),
    "evenings": _l("Evening work, which you do not want"),
    "weekends": _l("Weekend work, which you do not want"),
    "weekdays": _l("Weekday work, which you do not want"),
    "municipality": _l("In a municipality you did not choose: %(detail)s"),
    "setting": _l("Indoors or outdoors, the opposite of what you want"),
    "lively": _l("A lively place, and you want a quiet one"),
    "people_high": _l("Much contact with people, which you want to avoid"),
    "physical_high": _l("Heavy physical work, which you want to avoid"),
    "task_avoided": _l("Includes something you want to avoid: %(detail)s"),
}

# The count of left-out openings names each reason without the detail of any one opening.
EXCLUDED_IN_SUMMARY = {
    **EXCLUDED,
    "municipality": _l("In a municipality you did not choose"),
    "task_avoided": _l("Includes something you want to avoid"),
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
