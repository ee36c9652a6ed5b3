"""The negotiation's state machine, in one place: which step may follow which, and what each needs.

AF decides and negotiates with the employer; the specialist records the steps as they happen.
Declined and withdrawn close a negotiation from any open step; a running support ends with "ended".
"""
from .models import NegotiationStatus as S

TRANSITIONS: dict[S, frozenset[S]] = {
    S.DRAFT: frozenset({S.RAISED_WITH_AF, S.DECLINED, S.WITHDRAWN}),
    S.RAISED_WITH_AF: frozenset({S.AF_ASSESSING, S.DECLINED, S.WITHDRAWN}),
    S.AF_ASSESSING: frozenset({S.TERMS_PROPOSED, S.DECLINED, S.WITHDRAWN}),
    # New terms after a counter-proposal go back to AF's assessment.
    S.TERMS_PROPOSED: frozenset({S.AGREED, S.AF_ASSESSING, S.DECLINED, S.WITHDRAWN}),
    S.AGREED: frozenset({S.DECIDED, S.DECLINED, S.WITHDRAWN}),
    # A decided support that is never used (the job did not start) ends without running.
    S.DECIDED: frozenset({S.ACTIVE, S.ENDED}),
    S.ACTIVE: frozenset({S.REVIEW_DUE, S.ENDED}),
    S.REVIEW_DUE: frozenset({S.RENEWED, S.ENDED}),
    S.RENEWED: frozenset({S.REVIEW_DUE, S.ENDED}),
    S.ENDED: frozenset(),
    S.DECLINED: frozenset(),
    S.WITHDRAWN: frozenset(),
}

# Still being negotiated: nothing decided yet (the 14-day "no step" nudge watches these).
OPEN_STATUSES = (S.DRAFT, S.RAISED_WITH_AF, S.AF_ASSESSING, S.TERMS_PROPOSED, S.AGREED)
# AF has decided and the support runs (or is about to): the review and period-end nudges watch these.
RUNNING_STATUSES = (S.DECIDED, S.ACTIVE, S.REVIEW_DUE, S.RENEWED)
# The support is being paid now.
ACTIVE_STATUSES = (S.ACTIVE, S.REVIEW_DUE, S.RENEWED)
CLOSING_STATUSES = (S.ENDED, S.DECLINED, S.WITHDRAWN)

# Every step that keeps the negotiation going passes information to AF or the employer, so it needs
# valid consent and disclosure; closing one never does (a withdrawn consent must be able to stop it).
SHARING_STATUSES = frozenset(status for status in S if status not in CLOSING_STATUSES)

# The terms a step must leave filled in (after applying what the step itself records).
REQUIRED_TERMS: dict[S, tuple[str, ...]] = {
    S.DECIDED: ("decided_on", "agreed_share_percent", "period_start_on", "period_end_on"),
    S.ACTIVE: ("period_start_on", "period_end_on"),
    S.RENEWED: ("decided_on", "period_end_on", "next_review_on"),
}

# The terms each step may record (the step form shows these fields).
STEP_TERMS: dict[S, tuple[str, ...]] = {
    S.RAISED_WITH_AF: ("af_officer_id", "requested_share_percent", "wage_basis", "shared_information"),
    S.AF_ASSESSING: ("shared_information",),
    S.TERMS_PROPOSED: ("agreed_share_percent", "wage_basis", "period_start_on", "period_end_on",
                       "shared_information"),
    S.AGREED: ("agreed_share_percent", "wage_basis", "period_start_on", "period_end_on"),
    S.DECIDED: ("decided_on", "agreed_share_percent", "wage_basis", "period_start_on", "period_end_on",
                "next_review_on"),
    S.ACTIVE: ("period_start_on", "period_end_on", "next_review_on"),
    S.REVIEW_DUE: ("next_review_on", "shared_information"),
    S.RENEWED: ("decided_on", "agreed_share_percent", "wage_basis", "period_start_on", "period_end_on",
                "next_review_on", "shared_information"),
    S.ENDED: ("period_end_on",),
    S.DECLINED: (),
    S.WITHDRAWN: (),
}


def allowed_next(status: S) -> list[S]:
    """The steps that may follow, in the order of the path (for the buttons on the page)."""
    return [target for target in S if target in TRANSITIONS[S(status)]]
