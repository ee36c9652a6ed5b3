"""Ranked openings for a participant, ranked participants for an opening, and proposals."""
from flask import Blueprint, abort, flash, redirect, render_template, url_for
from flask_babel import get_locale
from flask_babel import gettext as _
from flask_login import current_user

from ..core.audit import AuditAction, audit
from ..core.clock import today
from ..core.errors import keeps_input_on_csrf_failure
from ..core.permissions import require
from ..core.urls import safe_next
from ..core.web import form_page
from ..extensions import db
from ..leads import queries as lead_queries
from ..openings.views import load_opening
from ..participants.consent import ConsentMissing
from ..participants.disclosure import disclosure_for
from ..participants.views import load_participant
from ..partners import queries as partner_queries
from . import labels, queries, services
from .engine import LEAD, LISTING, OPENING, rank_jobs, rank_seekers
from .forms import OutcomeForm, ProposeForm
from .models import Proposal, ProposalStatus

bp = Blueprint("matching", __name__)
SHOWN = 50


def load_proposal(proposal_id: int) -> Proposal:
    proposal = db.session.get(Proposal, proposal_id) or abort(404)
    require("proposal.manage", proposal)
    return proposal


@bp.app_context_processor
def proposal_words():
    return {"proposal_status_label": lambda proposal: labels.PROPOSAL_STATUS_LABELS[proposal.status]}


def _explain(match) -> dict:
    language = get_locale().language
    return {"met": labels.describe(match.met, labels.MET, language),
            "missed": labels.describe(match.missed, labels.MISSED, language)}


@bp.get("/participants/<int:participant_id>/matches")
def participant_matches(participant_id: int):
    participant = load_participant(participant_id)
    participant = queries.load_for_matching(participant.id)
    audit(current_user, participant, AuditAction.VIEW, "matching")
    jobs = (queries.open_jobs(participant.team_id) + queries.open_listings(today())
            + lead_queries.leads_as_jobs(participant.team_id, today()))
    ranking = rank_jobs(queries.seeker_of(participant, today()), jobs)
    matches = ranking.matches(SHOWN)
    by_kind = {OPENING: queries.openings_by_id, LISTING: partner_queries.listings_by_id,
               LEAD: lead_queries.leads_by_id}
    found = {kind: load([m.job_id for m in matches if m.job_kind == kind]) for kind, load in by_kind.items()}
    language = get_locale().language
    excluded = [(labels.EXCLUDED_IN_SUMMARY[code], count)
                for code, count in ranking.excluded_counts().items()]
    return render_template(
        "matching/participant_matches.html", participant=participant, language=language,
        results=[(found[m.job_kind][m.job_id], m, _explain(m)) for m in matches],
        total=len(ranking), excluded=excluded, disclosure=disclosure_for(participant, None, today()),
        proposed=queries.open_proposals_of(participant.id), referred=partner_queries.referrals_of(participant.id),
        form=ProposeForm(formdata=None),
    )


@bp.get("/openings/<int:opening_id>/matches")
def opening_matches(opening_id: int):
    opening = load_opening(opening_id)
    seekers, participants = queries.team_seekers(opening.team_id, today())
    ranking = rank_seekers(queries.job_for_opening(opening.id), seekers)
    matches = ranking.matches(SHOWN)
    return render_template(
        "matching/opening_matches.html", opening=opening, total=len(ranking),
        results=[(participants[m.seeker_id], m, _explain(m)) for m in matches],
        proposals=queries.proposals_for_opening(opening.id), form=ProposeForm(formdata=None),
        disclosures={m.seeker_id: disclosure_for(participants[m.seeker_id], opening.employer_id, today())
                     for m in matches},
    )


@bp.post("/openings/<int:opening_id>/proposals")
def propose(opening_id: int):
    opening = load_opening(opening_id, "proposal.create")
    form = ProposeForm()
    back = safe_next(form.next.data) or url_for("matching.opening_matches", opening_id=opening.id)
    if not form.validate():
        abort(400)
    participant = load_participant(form.participant_id.data, "participant.edit")
    try:
        proposal = services.propose(participant, opening, current_user, today())
    except (ConsentMissing, services.ProposalRefused) as refusal:
        flash(str(refusal), "error")
        return redirect(back)
    if proposal.kind.value == "own_application":
        flash(_("%(person)s chose not to disclose anything to this employer: they apply on their own, coached "
                "by you, and the application is recorded as theirs.", person=participant.name), "warning")
    else:
        flash(_("%(person)s is put forward for %(title)s.", person=participant.name, title=opening.title), "success")
    return redirect(back)


@bp.route("/proposals/<int:proposal_id>", methods=["GET", "POST"])
@keeps_input_on_csrf_failure
def proposal(proposal_id: int):
    proposal = load_proposal(proposal_id)
    form = OutcomeForm(decided_on=today())
    if form.validate_on_submit():
        status = ProposalStatus(form.status.data)
        if status == ProposalStatus.HIRED:
            return redirect(url_for("placements.hire", proposal_id=proposal.id))
        try:
            services.record_outcome(proposal, current_user, status, form.decided_on.data, form.notes.data)
        except services.ProposalRefused as refusal:
            form.status.errors.append(str(refusal))
        else:
            flash(_("The outcome is saved."), "success")
            return redirect(url_for("matching.opening_matches", opening_id=proposal.opening_id))
    return form_page("matching/proposal.html", form, proposal=proposal)
